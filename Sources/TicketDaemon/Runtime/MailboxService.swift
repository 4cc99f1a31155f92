import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import Synchronization
import TicketConfig

/// One mailbox's loop, a service of its own: poll, then wait in IMAP IDLE on the poller's kept
/// session until the server announces mail (or sleep `poll_interval` where IDLE is off, missing
/// or broke), then poll again.
///
/// It never waits for another mailbox or for the outbox: what it stores wakes the outbox sender
/// (the pipeline raises the sender's wake after each commit that queued mail). While its server
/// is down the poller's own backoff spaces the attempts (a poll in backoff fails at once). The
/// loop takes the running config at every turn, so a reload (which wakes it) applies from the
/// next poll, over the kept connection when the server settings did not change; once the
/// mailbox left the config, the loop logs out and ends.
struct MailboxService: Service {
    let name: String
    /// Raised by a reload and by a shutdown.
    let wake: ServiceWake
    let context: ServiceContext

    func run() async {
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: {
            wake.raise()
        }
    }

    private func loop() async {
        let heartbeat = "mailbox \(name)"
        defer { context.forget(heartbeat) }
        var last: (daemon: TicketDaemon, poller: MailboxPoller)?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard let (daemon, poller) = context.poller(for: name) else {
                if let last { await last.daemon.disconnect(last.poller) }
                context.board.withLock { $0.forget(mailbox: name) }
                context.logger.notice("mailbox removed from the config: stopped polling it", metadata: ["imap.mailbox": "\(name)"])
                return
            }
            last = (daemon, poller)
            let interval = TimeInterval(daemon.loaded.config.daemon.pollInterval)
            context.beat(heartbeat, next: .zero)
            let result = await daemon.poll(poller)
            if context.board.withLock({ $0.record(mailbox: name, result) }) { context.statusWake.raise() }
            guard !Task.isShuttingDownGracefully else { break }
            context.beat(heartbeat, next: .seconds(interval))
            let started = ContinuousClock.now
            switch await daemon.waitForMail(poller, seconds: interval, wake: wake) {
            case .changed:
                daemon.metrics.idleWakeup()
                context.logger.debug("new mail announced in IDLE", metadata: [
                    "imap.mailbox": "\(name)", "waited_ms": "\(Int((ContinuousClock.now - started) / .milliseconds(1)))",
                ])
            case .timedOut, .woken:
                break
            case nil:
                await wake.wait(seconds: interval)
            }
        }
    }
}
