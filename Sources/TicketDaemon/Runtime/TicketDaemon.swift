import Foundation
import Logging
import MailTransport
import TicketCore
import TicketConfig
import TicketStore
import TicketStorePostgres

/// The daemon for one config: a poller for every mailbox and the outbox sender, run once in
/// sequence (`runCycle`, for `ticketd run --once`) or as services of their own (`DaemonService`).
public final class TicketDaemon: Sendable {
    public let loaded: LoadedConfig
    public let storage: any TicketStorage
    let pipeline: IntakePipeline
    public let clock: DaemonClock
    let logger: Logger
    let pollers: [MailboxPoller]
    let sender: OutboxSender
    let mailboxWorkers: [String: BlockingWorker]
    let outboxWorker: BlockingWorker
    /// Runs the promise timers and records the status, beside the outbox sender.
    let timerWorker: BlockingWorker
    /// Raised by the pipeline after it committed mail that may have queued outgoing mail: wakes
    /// the outbox sender's loop.
    let outboxWake: ServiceWake
    /// Where the pollers, the sender and the cycle record what they do.
    public let metrics: DaemonMetrics
    /// Raised on SIGTERM: pollers and the outbox sender stop after the message in hand, and a
    /// hung server exchange is broken off at once.
    public let stopSignal: StopSignal

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
        // After a reload, the threads and the outbox's wake stay: a loop may be waiting on them.
        let outboxWake = previous?.outboxWake ?? ServiceWake()
        self.outboxWake = outboxWake
        outboxWorker = previous?.outboxWorker ?? BlockingWorker(label: "ticketd.outbox")
        timerWorker = previous?.timerWorker ?? BlockingWorker(label: "ticketd.timers")
        let pipeline = IntakePipeline(loaded: loaded, storage: storage, keyring: keyring, committed: { outboxWake.raise() })
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

    /// One full cycle: poll every mailbox (concurrently, each on its own thread), then fire the
    /// promise timers, flush the outbox and record the status.
    public func runCycle() async throws -> CycleReport {
        var report = CycleReport()
        var board = StatusBoard()
        await withTaskGroup(of: (String, Result<MailboxPoller.Summary, any Error>).self) { group in
            for poller in pollers {
                group.addTask { (poller.mailbox.name, await self.poll(poller)) }
            }
            for await (name, result) in group {
                _ = board.record(mailbox: name, result)
                switch result {
                case let .success(summary): report.mailboxes[name] = summary
                case let .failure(error as LocalStorageFailure): report.localErrors[name] = error.description
                case let .failure(error): report.mailboxErrors[name] = "\(error)"
                }
            }
        }
        report.timerMails = try await watchPromises()
        report.outbox = try await drainOutbox()
        board.record(outbox: report.outbox)
        try await record(board.take(at: clock.now(), mailboxes: loaded.config.mailboxes.map(\.name)))
        return report
    }

    /// The poller of the mailbox named `name`, if the config has it.
    func poller(named name: String) -> MailboxPoller? {
        pollers.first { $0.mailbox.name == name }
    }

    /// One poll of `poller`'s mailbox on the mailbox's own thread, timed in the metrics.
    func poll(_ poller: MailboxPoller) async -> Result<MailboxPoller.Summary, any Error> {
        let started = ContinuousClock.now
        let clock = self.clock
        defer { metrics.cycleFinished(after: ContinuousClock.now - started) }
        do {
            return .success(try await mailboxWorkers[poller.mailbox.name]!.run { try poller.poll(now: clock.now) })
        } catch {
            return .failure(error)
        }
    }

    /// Waits in IMAP IDLE on `poller`'s kept session, on the mailbox's own thread, until the
    /// server announces mail, `seconds` pass or `wake` is raised; nil at once where IDLE cannot
    /// be used (see ``MailboxPoller/waitForMail(seconds:wake:)``).
    func waitForMail(_ poller: MailboxPoller, seconds: TimeInterval, wake: ServiceWake) async -> IdleOutcome? {
        try? await wake.idle(on: mailboxWorkers[poller.mailbox.name]!) { poller.waitForMail(seconds: seconds, wake: $0) }
    }

    /// Logs `poller`'s kept session out, on the mailbox's own thread.
    func disconnect(_ poller: MailboxPoller) async {
        _ = try? await mailboxWorkers[poller.mailbox.name]!.run { poller.disconnect() }
    }

    /// Fires the promise timers due now; returns how many mails they queued.
    func watchPromises() async throws -> Int {
        let pipeline = self.pipeline
        let clock = self.clock
        return try await timerWorker.run { try pipeline.watchPromises(now: clock.now()) }
    }

    /// Records `status` for `ticketd status`, and the store's figures in the metrics.
    func record(_ status: CycleStatus) async throws {
        let storage = self.storage
        let metrics = self.metrics
        let clock = self.clock
        let roster = loaded.config.staff.members.map(\.address)
        try await timerWorker.run {
            try storage.recordCycle(status)
            if metrics.isEnabled {
                metrics.record(try storage.outboxBacklog(), try storage.promiseOutcomes(), now: clock.now())
                metrics.record(withheld: try storage.acknowledgementsWithheld())
                metrics.record(openTickets: try storage.openTicketsPerAssignee(), roster: roster)
            }
        }
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

    /// Flushes batch after batch while full batches make progress: one cycle (`run --once` from
    /// cron) sends a backlog whole instead of one batch (``OutboxSender/batchLimit``) a run.
    private func drainOutbox() async throws -> OutboxSender.Summary {
        var total = OutboxSender.Summary()
        while true {
            let part = try await flushOutbox()
            total.add(part)
            guard part.backlogRemains else { return total }
        }
    }

    /// Sends whatever the outbox holds now (at most one batch).
    public func flushOutbox() async throws -> OutboxSender.Summary {
        let sender = self.sender
        let clock = self.clock
        return try await outboxWorker.run { try sender.flush(now: clock.now) }
    }
}
