import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import Synchronization
import TicketConfig

/// The outbox sender's loop, a service of its own: it sends what is due as soon as a commit
/// queued mail (the pipeline raises the daemon's outbox wake: a mailbox stored a message, a
/// promise timer fired), at once again after a full batch (a backlog), and every `poll_interval`
/// otherwise, for the retries that came due.
///
/// While SMTP is down it waits with exponential backoff (``DaemonService/cycleBackoff(interval:)``)
/// and new mail does not cut that wait short; the server going down and coming back are logged
/// once each. The one-sender lock and the outbox's exactly-once keys are the sender's own.
struct OutboxService: Service {
    let context: ServiceContext

    func run() async {
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: {
            context.daemon.outboxWake.raise()
        }
    }

    private func loop() async {
        let heartbeat = "outbox"
        defer { context.forget(heartbeat) }
        var failures = 0
        var down: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let daemon = context.daemon
            let interval = TimeInterval(daemon.loaded.config.daemon.pollInterval)
            context.beat(heartbeat, next: .zero)
            var backlog = false
            do {
                let summary = try await daemon.flushOutbox()
                context.board.withLock { $0.record(outbox: summary) }
                // What went out (or could not) shows in the status and the outbox gauges at once.
                if summary != OutboxSender.Summary() { context.statusWake.raise() }
                failures = summary.unreachable == nil ? 0 : failures + 1
                note(smtpError: summary.unreachable?.description, was: &down)
                // A full batch handled: the rest of a backlog is due now, not after the poll interval.
                backlog = summary.backlogRemains
            } catch {
                context.logger.error("sending the outbox failed", metadata: ["error": "\(error)"])
                failures += 1
            }
            if backlog { continue }
            guard failures > 0 else {
                context.beat(heartbeat, next: .seconds(interval))
                await daemon.outboxWake.wait(seconds: interval)
                continue
            }
            let delay = DaemonService.cycleBackoff(interval: interval).delay(afterFailures: failures + 1, random: .random(in: 0...1))
            context.beat(heartbeat, next: .seconds(delay))
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(delay)) }
        }
    }

    /// Logs the SMTP server going down and coming back, once each.
    private func note(smtpError error: String?, was down: inout String?) {
        if let error, down == nil {
            context.logger.error("server down", metadata: ["server": "smtp", "error": "\(error)"])
        } else if error == nil, down != nil {
            context.logger.notice("server up again", metadata: ["server": "smtp"])
        }
        down = error
    }
}
