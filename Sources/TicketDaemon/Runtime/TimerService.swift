import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TicketConfig
import TicketStore

/// The promise timers and the daemon's status, a service of its own: every `poll_interval`,
/// and at once after a reload, it fires the timers that came due (what they queue wakes the
/// outbox sender); then, and at once when woken (a mailbox whose state changed, a flush that
/// did something), it records what the mailbox loops and the sender reported for `ticketd
/// status`, refreshes the store's figures in the metrics and tells systemd (`STATUS=last cycle: …`).
///
/// A flush wakes it after every batch during a backlog; the timers walk every open ticket, so
/// they keep to their interval and only the status follows each flush.
struct TimerService: Service {
    let context: ServiceContext

    func run() async {
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: {
            context.statusWake.raise()
        }
    }

    private func loop() async {
        let heartbeat = "timers"
        defer { context.forget(heartbeat) }
        var timers: (daemon: ObjectIdentifier, due: ContinuousClock.Instant)?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let daemon = context.daemon
            let interval = TimeInterval(daemon.loaded.config.daemon.pollInterval)
            context.beat(heartbeat, next: .zero)
            // Woken before the interval is up by anything but a reload: the status only.
            if timers.map({ $0.daemon != ObjectIdentifier(daemon) || ContinuousClock.now >= $0.due }) ?? true {
                timers = (ObjectIdentifier(daemon), ContinuousClock.now + .seconds(interval))
                do {
                    _ = try await daemon.watchPromises()
                } catch {
                    context.logger.error("promise timers failed", metadata: ["error": "\(error)"])
                }
                HeapFootprint.returnFreePages()
            }
            let (status, serverDown) = context.board.withLock { board in
                (board.take(at: daemon.clock.now(), mailboxes: daemon.loaded.config.mailboxes.map(\.name)), board.serverDown)
            }
            do {
                try await daemon.record(status)
            } catch {
                context.logger.error("recording the status failed", metadata: ["error": "\(error)"])
            }
            let fetched = status.mailboxes.reduce(0) { $0 + $1.fetched }
            context.notifier.status("last cycle: \(fetched) fetched, \(status.mailsSent) sent\(serverDown ? ", a server is down" : "")")
            let wait = max(0, (timers.map { $0.due - ContinuousClock.now } ?? .zero) / .seconds(1))
            context.beat(heartbeat, next: .seconds(wait))
            await context.statusWake.wait(seconds: wait)
        }
    }
}
