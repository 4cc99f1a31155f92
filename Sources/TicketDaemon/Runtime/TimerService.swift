import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TicketConfig
import TicketStore

/// The promise timers and the daemon's status, a service of its own: every `poll_interval`,
/// and at once when woken (a reload, a mailbox whose state changed, a flush that did
/// something), it fires the timers that came due (what they queue wakes the outbox sender),
/// records what the mailbox loops and the sender reported for `ticketd status`, refreshes the
/// store's figures in the metrics and tells systemd (`STATUS=last cycle: …`).
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
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let daemon = context.daemon
            let interval = TimeInterval(daemon.loaded.config.daemon.pollInterval)
            context.beat(heartbeat, next: .zero)
            do {
                _ = try await daemon.watchPromises()
            } catch {
                context.logger.error("promise timers failed", metadata: ["error": "\(error)"])
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
            context.beat(heartbeat, next: .seconds(interval))
            await context.statusWake.wait(seconds: interval)
        }
    }
}
