import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Poll every mailbox, process mail, fire timers and flush the outbox.",
        discussion: "Without --once it runs until SIGTERM. Exit codes for --once: 0 ok, 69 a server unreachable, 75 temporary failure, 78 bad config."
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Run one full cycle, then exit.")
    var once = false

    @Option(help: "The clock for this run (ISO 8601), for simulation and tests.")
    var now: String?

    func run() async throws {
        let clock = try parseNow(now)
        let loaded = try global.loadConfig()
        let logger = global.makeLogger()
        for warning in loaded.warnings { logger.warning("\(warning.description)") }
        // Two daemons never work on the same state: the second one exits 75 at once.
        let lock: FileLock
        do {
            let stateDirectory = loaded.config.daemon.stateDirectory
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
            lock = try FileLock(path: (stateDirectory as NSString).appendingPathComponent("ticketd.lock"), wait: false)
        } catch {
            logger.error("\(error)")
            throw ExitCode(75)
        }
        let (metrics, endpoint) = try exposeMetrics(loaded.config.metrics, logger: logger)
        let daemon = TicketDaemon(loaded: loaded, storage: try global.openStorage(loaded), clock: clock, logger: logger, metrics: metrics)
        defer { withExtendedLifetime(lock) {} }
        guard once else {
            try await DaemonService.run(configPath: global.configPath, daemon: daemon, logger: logger, metricsEndpoint: endpoint)
            return
        }
        let report: CycleReport
        do {
            report = try await daemon.runCycle()
        } catch where OutOfSpace.matches(error) {
            logger.error("cannot store locally", metadata: ["error": "\(LocalStorageFailure(path: loaded.config.daemon.databasePath, error: error))"])
            throw ExitCode(75)
        }
        for (name, error) in report.mailboxErrors.sorted(by: { $0.key < $1.key }) {
            logger.error("mailbox unavailable", metadata: ["imap.mailbox": "\(name)", "error": "\(error)"])
        }
        if let error = report.outbox.unreachable {
            logger.error("SMTP unavailable", metadata: ["error": "\(error)"])
        }
        let fetched = report.mailboxes.values.reduce(0) { $0 + $1.fetched }
        let tickets = report.mailboxes.values.reduce(0) { $0 + $1.tickets }
        logger.info("cycle done", metadata: [
            "fetched": "\(fetched)", "tickets.new": "\(tickets)", "mail.sent": "\(report.outbox.sent)",
            "mail.deferred": "\(report.outbox.deferred)", "mail.failed": "\(report.outbox.failed)",
        ])
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// With `[metrics] listen` and without `--once`: a Prometheus registry as this process's
    /// metrics backend, and the endpoint serving it (bound now, so a taken port fails the start: exit 75).
    func exposeMetrics(_ settings: MetricsSettings?, logger: Logger) throws -> (DaemonMetrics, MetricsEndpoint?) {
        guard let settings, !once else { return (.disabled, nil) }
        let registry = PrometheusCollectorRegistry()
        let factory = DaemonMetrics.prometheusFactory(registry: registry)
        let endpoint: MetricsEndpoint
        do {
            endpoint = try MetricsEndpoint(host: settings.host, port: settings.port, logger: logger) { registry.emitToBuffer() }
        } catch {
            logger.error("\(error)")
            throw ExitCode(75)
        }
        MetricsSystem.bootstrap(factory)
        return (DaemonMetrics(factory: factory), endpoint)
    }
}
