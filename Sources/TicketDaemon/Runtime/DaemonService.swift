import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import TicketConfig
import TicketStore
import UnixSignals

/// The long-running daemon as a lifecycle service. Its parts are services of their own, run as
/// its child tasks (so that a reload can start and end mailbox loops): a loop per mailbox
/// (``MailboxService``: poll, IMAP IDLE, poll), the outbox sender (``OutboxService``, woken by
/// new outbox rows) and the promise timers with the status (``TimerService``); one never waits
/// for another. It reloads on SIGHUP, stops gracefully on SIGTERM/SIGINT and keeps systemd informed.
///
/// - Graceful stop: within a second of SIGTERM the pollers stop after the batch in hand and the
///   outbox sender after the mail in hand; a server exchange that hangs is broken off (a mail
///   in flight stays queued, a message not stored stays on the server). Then STOPPING=1 and
///   exit 0 — within 5 s in every state (the unit's TimeoutStopSec allows more).
/// - Reload: the config file and templates are read again; a config with errors is rejected
///   with every error logged and the running config stays. Changing `state_dir` needs a restart.
///   Every loop takes the new config at once; mailboxes and SMTP whose server settings did not
///   change keep their connections and backoff. An added mailbox gets a loop; a removed one's
///   loop ends after the poll in hand.
/// - Failures: a server that is down is logged once when it goes down and once when it is back.
///   A dead mailbox backs off on its own (its poller) while the others keep being served; while
///   SMTP is down the outbox sender waits with exponential backoff (poll interval doubling, at
///   most 15 minutes, ±20% jitter).
/// - Watchdog: pinged while every loop shows life when it said it would (plus the tolerance and
///   15 minutes for a long poll, such as a big first sync); a hung loop stops the pings and
///   systemd restarts the service.
public final class DaemonService: Service, Sendable {
    let configPath: String
    let context: ServiceContext
    let logger: Logger
    let notifier: SystemdNotifier

    public init(configPath: String, daemon: TicketDaemon, logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) {
        self.configPath = configPath
        context = ServiceContext(daemon: daemon, logger: logger, notifier: notifier)
        self.logger = logger
        self.notifier = notifier
    }

    /// Runs until SIGTERM or SIGINT, with the metrics endpoint beside it when there is one (it
    /// starts first and stops last).
    public static func run(configPath: String, daemon: TicketDaemon, logger: Logger, metricsEndpoint: MetricsEndpoint? = nil) async throws {
        HeapFootprint.limitArenas()
        let service = DaemonService(configPath: configPath, daemon: daemon, logger: logger)
        let services: [any Service] = (metricsEndpoint.map { [$0] } ?? []) + [service]
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    public func run() async throws {
        let daemon = context.daemon
        logger.info("ticketd running", metadata: [
            "mailboxes": "\(daemon.loaded.config.mailboxes.count)", "poll_interval_s": "\(daemon.loaded.config.daemon.pollInterval)",
        ])
        // SIGHUP is trapped before READY=1: systemd may send a reload the moment we are ready, and
        // an untrapped SIGHUP would kill the daemon.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        notifier.ready(status: "polling \(daemon.loaded.config.mailboxes.count) mailbox(es)")
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for mailbox in context.install(daemon) { group.addTask { await mailbox.run() } }
                group.addTask { await OutboxService(context: self.context).run() }
                group.addTask { await TimerService(context: self.context).run() }
                if let interval = notifier.watchdogInterval {
                    group.addTask { await self.watchdog(every: interval / 2, tolerance: interval) }
                }
                for await _ in hangups.cancelOnGracefulShutdown() {
                    notifier.reloading()
                    let added = reload()
                    notifier.ready(status: "polling \(context.daemon.loaded.config.mailboxes.count) mailbox(es)")
                    guard let added else { continue }
                    for mailbox in added { group.addTask { await mailbox.run() } }
                    context.wakeAll()
                }
            }
        } onGracefulShutdown: {
            self.context.daemon.stopSignal.stop()
        }
        notifier.stopping()
        logger.info("ticketd stopped")
    }

    /// The outbox sender's wait while SMTP is down: the poll interval doubling with each failed
    /// flush (twice it after the first), at most 15 minutes, scaled by a random factor in 0.8...1.2.
    static func cycleBackoff(interval: TimeInterval) -> Backoff {
        Backoff(base: interval, cap: 900, spread: 0.8...1.2)
    }

    /// Reads the config again and swaps it in whole; returns the loops to start for the mailboxes
    /// it added, or nil when the new config is bad and the old one stays.
    func reload() -> [MailboxService]? {
        let old = context.daemon
        let loaded: LoadedConfig
        do {
            loaded = try ConfigLoader.load(path: configPath)
        } catch {
            for issue in error.issues { logger.error("reload rejected, the running config stays", metadata: ["config.error": "\(issue)"]) }
            return nil
        }
        if loaded.config.daemon.stateDirectory != old.loaded.config.daemon.stateDirectory {
            logger.warning("state_dir changed: it takes effect after a restart; the rest of the config is reloaded")
        }
        for warning in loaded.warnings { logger.warning("\(warning.description)") }
        if loaded.config.metrics != old.loaded.config.metrics {
            logger.warning("[metrics] changed: it takes effect after a restart")
        }
        let fresh = TicketDaemon(
            loaded: loaded, storage: old.storage, clock: old.clock, logger: logger, metrics: old.metrics, stopSignal: old.stopSignal, keeping: old)
        let added = context.install(fresh)
        logger.notice("config reloaded", metadata: ["mailboxes": "\(loaded.config.mailboxes.count)"])
        return added
    }

    /// Pings systemd's watchdog while no loop is overdue by more than `tolerance` and 15 minutes
    /// (a poll may legitimately run long: a big first sync).
    private func watchdog(every period: Duration, tolerance: Duration) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if context.overdue() < tolerance + .seconds(900) { notifier.watchdog() }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: period) }
        }
    }
}
