import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import Synchronization
import TicketConfig
import TicketStore
import UnixSignals

/// The long-running daemon as a lifecycle service: cycles every `poll_interval`, reloads on
/// SIGHUP, stops gracefully on SIGTERM/SIGINT, and keeps systemd informed.
///
/// - Graceful stop: within a second of SIGTERM the pollers stop after the batch in hand and the
///   outbox sender after the mail in hand; a server exchange that hangs is broken off (a mail
///   in flight stays queued, a message not stored stays on the server). Then STOPPING=1 and
///   exit 0 — within 5 s in every state (the unit's TimeoutStopSec allows more).
/// - Reload: the config file and templates are read again; a config with errors is rejected
///   with every error logged and the running config stays. Changing `state_dir` needs a restart.
///   Mailboxes and SMTP whose server settings did not change keep their connections and backoff.
/// - Failures: a server that is down is logged once when it goes down and once when it is back.
///   A dead mailbox backs off on its own (its poller) while the others keep being served; while
///   SMTP is down the next cycle waits with exponential backoff (poll interval doubling, at most
///   15 minutes, ±20% jitter).
public final class DaemonService: Service, Sendable {
    let configPath: String
    let current: Mutex<TicketDaemon>
    let logger: Logger
    let notifier: SystemdNotifier
    /// When the loop last showed life; the watchdog pings only while it is recent.
    let heartbeat = Mutex(ContinuousClock.now)

    public init(configPath: String, daemon: TicketDaemon, logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) {
        self.configPath = configPath
        current = Mutex(daemon)
        self.logger = logger
        self.notifier = notifier
    }

    /// Runs until SIGTERM or SIGINT, with the metrics endpoint beside it when there is one (it
    /// starts first and stops last).
    public static func run(configPath: String, daemon: TicketDaemon, logger: Logger, metricsEndpoint: MetricsEndpoint? = nil) async throws {
        let service = DaemonService(configPath: configPath, daemon: daemon, logger: logger)
        let services: [any Service] = (metricsEndpoint.map { [$0] } ?? []) + [service]
        let group = ServiceGroup(configuration: .init(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    public func run() async throws {
        let daemon = current.withLock { $0 }
        logger.info("ticketd running", metadata: [
            "mailboxes": "\(daemon.loaded.config.mailboxes.count)", "poll_interval_s": "\(daemon.loaded.config.daemon.pollInterval)",
        ])
        // SIGHUP is trapped before READY=1: systemd may send a reload the moment we are ready, and
        // an untrapped SIGHUP would kill the daemon.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        notifier.ready(status: "polling \(daemon.loaded.config.mailboxes.count) mailbox(es)")
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withGracefulShutdownHandler {
                    await self.cycles()
                } onGracefulShutdown: {
                    let daemon = self.current.withLock { $0 }
                    daemon.stopSignal.stop()
                    daemon.interruptWait()
                }
            }
            group.addTask { await self.reloads(hangups) }
            if let interval = notifier.watchdogInterval {
                group.addTask { await self.watchdog(every: interval / 2, tolerance: interval) }
            }
            await group.next()
            group.cancelAll()
        }
        notifier.stopping()
        logger.info("ticketd stopped")
    }

    private func cycles() async {
        var health = HealthTracker(logger: logger)
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let daemon = current.withLock { $0 }
            let interval = Double(daemon.loaded.config.daemon.pollInterval)
            heartbeat.withLock { $0 = .now }
            do {
                let report = try await daemon.runCycle()
                health.record(report)
                // Each mailbox poller backs off on its own; the cycle itself only waits longer while SMTP is down.
                failures = report.outbox.unreachable == nil ? 0 : failures + 1
                let fetched = report.mailboxes.values.reduce(0) { $0 + $1.fetched }
                notifier.status("last cycle: \(fetched) fetched, \(report.outbox.sent) sent\(failures > 0 ? ", a server is down" : "")")
            } catch {
                logger.error("cycle failed", metadata: ["error": "\(error)"])
                failures += 1
            }
            let delay = failures == 0 ? interval : Self.cycleBackoff(interval: interval).delay(afterFailures: failures + 1, random: .random(in: 0...1))
            heartbeat.withLock { $0 = .now }
            // With IDLE, new mail starts the next cycle at once; without, the interval passes.
            let idled = failures == 0 && !Task.isShuttingDownGracefully ? await daemon.waitForMail(seconds: delay) : false
            if !idled {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(delay)) }
            }
        }
    }

    /// The wait after failed cycles: the poll interval doubling with each failure (twice it after
    /// the first), at most 15 minutes, scaled by a random factor in 0.8...1.2.
    static func cycleBackoff(interval: TimeInterval) -> Backoff {
        Backoff(base: interval, cap: 900, spread: 0.8...1.2)
    }

    private func reloads(_ hangups: UnixSignalsSequence) async {
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.reloading()
            reload()
            let daemon = current.withLock { $0 }
            notifier.ready(status: "polling \(daemon.loaded.config.mailboxes.count) mailbox(es)")
        }
    }

    /// Reads the config again and swaps it in whole, or keeps the old one when the new one is bad.
    func reload() {
        let old = current.withLock { $0 }
        let loaded: LoadedConfig
        do {
            loaded = try ConfigLoader.load(path: configPath)
        } catch {
            for issue in error.issues { logger.error("reload rejected, the running config stays", metadata: ["config.error": "\(issue)"]) }
            return
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
        current.withLock { $0 = fresh }
        old.interruptWait()
        logger.notice("config reloaded", metadata: ["mailboxes": "\(loaded.config.mailboxes.count)"])
    }

    /// Pings systemd's watchdog while the cycle loop shows life; a hung loop stops the pings and
    /// systemd restarts the service.
    private func watchdog(every period: Duration, tolerance: Duration) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let last = heartbeat.withLock { $0 }
            let daemon = current.withLock { $0 }
            // A cycle may legitimately run long (a big first sync); allow it the poll interval too.
            let allowance = tolerance + .seconds(daemon.loaded.config.daemon.pollInterval) + .seconds(900)
            if ContinuousClock.now - last < allowance { notifier.watchdog() }
            try? await Task.sleep(for: period)
        }
    }
}
