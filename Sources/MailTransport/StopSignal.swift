import Dispatch
import Synchronization

/// Asks blocking transport work to stop: the daemon raises it on SIGTERM.
///
/// The loops of the poller and the outbox sender check `isRaised` between messages, so the
/// message in hand is finished. An exchange that does not finish within `grace` of the signal
/// (a server that stopped answering) is broken off: curl transfers check from their progress
/// callback (called at least once a second, also while the server is silent) and IMAP waits
/// every quarter second. Nothing is left half-done: a mail in flight stays queued, a message
/// not yet stored stays on the server.
public final class StopSignal: Sendable {
    /// How long the exchange in hand may still take after the signal.
    public static let grace: UInt64 = 2_000_000_000

    /// Uptime in nanoseconds when raised; 0 while not.
    private let raisedAt = Atomic<UInt64>(0)

    public init() {}

    /// Raises the signal; it stays raised.
    public func stop() {
        _ = raisedAt.compareExchange(expected: 0, desired: max(1, DispatchTime.now().uptimeNanoseconds), ordering: .relaxed)
    }

    /// Whether the signal was raised: start nothing new.
    public var isRaised: Bool { raisedAt.load(ordering: .relaxed) != 0 }

    /// Whether the exchange in hand has had its grace and must be broken off now.
    public var isOverdue: Bool {
        let raised = raisedAt.load(ordering: .relaxed)
        return raised != 0 && DispatchTime.now().uptimeNanoseconds - raised >= Self.grace
    }
}
