import Foundation
import Logging
import MailTransport
import Synchronization
import TicketCore
import TicketConfig
import TicketStore
import TicketStorePostgres

/// The running daemon: pollers for every mailbox, then the outbox, once or on a schedule.
public final class TicketDaemon: Sendable {
    public let loaded: LoadedConfig
    public let storage: any TicketStorage
    let pipeline: IntakePipeline
    public let clock: DaemonClock
    let logger: Logger
    let pollers: [MailboxPoller]
    let sender: OutboxSender
    let mailboxWorkers: [String: BlockingWorker]
    let outboxWorker = BlockingWorker(label: "ticketd.outbox")
    /// Where the pollers, the sender and the cycle record what they do.
    public let metrics: DaemonMetrics
    /// Raised on SIGTERM: pollers and the outbox sender stop after the message in hand, and a
    /// hung server exchange is broken off at once.
    public let stopSignal: StopSignal
    /// The wake of the IDLE wait in progress, if any (`interruptWait()`).
    let currentWake = Mutex<IdleWake?>(nil)

    public init(
        loaded: LoadedConfig, storage: any TicketStorage, clock: DaemonClock, logger: Logger, metrics: DaemonMetrics = .disabled,
        stopSignal: StopSignal = StopSignal(), keeping previous: TicketDaemon? = nil
    ) {
        self.stopSignal = stopSignal
        self.loaded = loaded
        self.storage = storage
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        let keyring: StaffKeyring?
        do {
            keyring = try StaffKeyFile(stateDirectory: loaded.config.daemon.stateDirectory).loadOrCreate()
        } catch {
            logger.error("staff keys unavailable: every staff mail is held until this is fixed", metadata: ["error": "\(error)"])
            keyring = nil
        }
        let pipeline = IntakePipeline(loaded: loaded, storage: storage, keyring: keyring)
        self.pipeline = pipeline
        pollers = loaded.config.mailboxes.map { mailbox in
            MailboxPoller(
                mailbox: mailbox, pipeline: pipeline, logger: logger, metrics: metrics, stop: stopSignal,
                keeping: previous?.pollers.first { $0.mailbox.name == mailbox.name })
        }
        sender = OutboxSender(
            settings: loaded.config.smtp, storage: storage,
            lockPath: (loaded.config.daemon.stateDirectory as NSString).appendingPathComponent("outbox.lock"), logger: logger, metrics: metrics,
            stop: stopSignal, keeping: previous?.sender)
        mailboxWorkers = Dictionary(uniqueKeysWithValues: loaded.config.mailboxes.map {
            ($0.name, previous?.mailboxWorkers[$0.name] ?? BlockingWorker(label: "ticketd.imap.\($0.name)"))
        })
    }

    /// Opens the store named by the config (creating `state_dir` if needed: attachments, the spool
    /// and staff keys stay there with either store): `[store] url` chooses PostgreSQL, shared by
    /// several daemons; without it, SQLite in `state_dir`.
    public static func openStorage(for config: TicketdConfig) throws -> any TicketStorage {
        try FileManager.default.createDirectory(atPath: config.daemon.stateDirectory, withIntermediateDirectories: true)
        if let postgres = config.store.postgres {
            return try PostgresStorage(url: postgres, tagFormat: config.daemon.tagFormat)
        }
        return try SQLiteStorage(path: config.daemon.databasePath, tagFormat: config.daemon.tagFormat)
    }

    /// Stores one piped message (the MTA's `ticketd ingest -`) and sends what it queued.
    public func ingest(raw: [UInt8], mailbox: String?) async throws -> CycleReport {
        let clock = self.clock
        let pipeline = self.pipeline
        _ = try await outboxWorker.run {
            try pipeline.ingest(raw: raw, source: nil, mailbox: mailbox, internalDate: nil, now: clock.now())
        }
        var report = CycleReport()
        report.outbox = try await flushOutbox()
        return report
    }

    /// One full cycle: poll every mailbox (concurrently, each on its own thread), then flush the outbox.
    public func runCycle() async throws -> CycleReport {
        let started = ContinuousClock.now
        var report = CycleReport()
        let clock = self.clock
        await withTaskGroup(of: (String, Result<MailboxPoller.Summary, any Error>).self) { group in
            for poller in pollers {
                let worker = mailboxWorkers[poller.mailbox.name]!
                group.addTask {
                    do {
                        return (poller.mailbox.name, .success(try await worker.run { try poller.poll(now: clock.now) }))
                    } catch {
                        return (poller.mailbox.name, .failure(error))
                    }
                }
            }
            for await (name, result) in group {
                switch result {
                case let .success(summary): report.mailboxes[name] = summary
                case let .failure(error as LocalStorageFailure): report.localErrors[name] = error.description
                case let .failure(error): report.mailboxErrors[name] = "\(error)"
                }
            }
        }
        let pipeline = self.pipeline
        report.timerMails = try await outboxWorker.run { try pipeline.watchPromises(now: clock.now()) }
        report.outbox = try await flushOutbox()
        let status = CycleStatus(
            finishedAt: clock.now(),
            mailboxes: loaded.config.mailboxes.map { mailbox in
                CycleStatus.Mailbox(
                    name: mailbox.name,
                    state: report.mailboxErrors[mailbox.name] != nil ? "down" : report.localErrors[mailbox.name] != nil ? "local_error"
                        : report.mailboxes[mailbox.name]?.workedElsewhere == true ? "elsewhere" : "up",
                    fetched: report.mailboxes[mailbox.name]?.fetched ?? 0,
                    error: report.mailboxErrors[mailbox.name] ?? report.localErrors[mailbox.name],
                    undelivered: report.mailboxes[mailbox.name].flatMap { $0.undelivered.isEmpty ? nil : $0.undelivered })
            },
            smtpError: report.outbox.unreachable?.description, mailsSent: report.outbox.sent)
        let storage = self.storage
        let metrics = self.metrics
        try await outboxWorker.run {
            try storage.recordCycle(status)
            if metrics.isEnabled {
                metrics.record(try storage.outboxBacklog(), try storage.promiseOutcomes(), now: clock.now())
                metrics.record(withheld: try storage.acknowledgementsWithheld())
                metrics.record(openTickets: try storage.openTicketsPerAssignee(), roster: self.loaded.config.staff.members.map(\.address))
            }
        }
        metrics.cycleFinished(after: ContinuousClock.now - started)
        return report
    }

    /// The desk's rules from the config, with the absences entered by `ticketd staff away` (for CLI staff actions).
    public func currentRules() throws -> DeskRules { try pipeline.currentRules() }

    /// Stores a message staff released from the spam list as a ticket, and trains it as ham.
    public func release(raw: [UInt8], mailbox: String) async throws -> IngestOutcome {
        let clock = self.clock
        let pipeline = self.pipeline
        return try await outboxWorker.run {
            try pipeline.ingest(raw: raw, source: nil, mailbox: mailbox, internalDate: nil, now: clock.now(), released: true)
        }
    }

    /// Sends whatever the outbox holds now.
    public func flushOutbox() async throws -> OutboxSender.Summary {
        let sender = self.sender
        let clock = self.clock
        return try await outboxWorker.run { try sender.flush(now: clock.now) }
    }
}

/// Logs the SMTP server's up/down transitions once, not every cycle.
struct HealthTracker {
    let logger: Logger
    private var down: [String: String] = [:]

    init(logger: Logger) {
        self.logger = logger
    }

    mutating func record(_ report: CycleReport) {
        // Mailbox pollers log their own down/up transitions; this tracks SMTP.
        var now: [String: String] = [:]
        if let error = report.outbox.unreachable { now["smtp"] = error.description }
        for (name, error) in now where down[name] == nil {
            logger.error("server down", metadata: ["server": "\(name)", "error": "\(error)"])
        }
        for name in down.keys where now[name] == nil {
            logger.notice("server up again", metadata: ["server": "\(name)"])
        }
        down = now
    }
}
