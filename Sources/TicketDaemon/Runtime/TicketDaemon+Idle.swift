import Foundation
import MailTransport
import Logging
import Synchronization
import TicketConfig

extension TicketDaemon {
    /// Waits up to `seconds` for new mail in IMAP IDLE on every mailbox whose server offers it
    /// (each on its own worker, over the session its poller keeps). Returns as soon as one
    /// mailbox announces mail — the others end their IDLE within a quarter second — or when
    /// the time is up, the stop signal is raised or `interruptWait()` is called.
    ///
    /// Returns false at once when no mailbox could IDLE (none connected yet, none offers it):
    /// the caller then sleeps the interval as before.
    public func waitForMail(seconds: TimeInterval) async -> Bool {
        let wake = IdleWake()
        currentWake.withLock { $0 = wake }
        defer { currentWake.withLock { $0 = nil } }
        let started = ContinuousClock.now
        let result = await withTaskGroup(of: IdleOutcome?.self) { group in
            for poller in pollers {
                guard let worker = mailboxWorkers[poller.mailbox.name] else { continue }
                group.addTask { (try? await worker.run { poller.waitForMail(seconds: seconds, wake: wake) }) ?? nil }
            }
            var idled = false
            var announced = false
            for await outcome in group {
                guard let outcome else { continue }
                idled = true
                if outcome == .changed {
                    announced = true
                    wake.raise()
                }
            }
            return (idled: idled, announced: announced)
        }
        if result.announced {
            metrics.idleWakeup()
            let waited = ContinuousClock.now - started
            logger.debug("new mail announced in IDLE", metadata: ["waited_ms": "\(waited.components.seconds * 1000 + waited.components.attoseconds / 1_000_000_000_000_000)"])
        }
        return result.idled
    }

    /// Ends a `waitForMail` in progress (a reload, a shutdown): the next cycle starts at once.
    public func interruptWait() {
        currentWake.withLock { $0?.raise() }
    }
}
