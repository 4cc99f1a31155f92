import Foundation
import Logging
import MailTransport
import Synchronization
import TicketConfig
import TicketCore
import TicketStore

/// Fetches new mail from one IMAP mailbox, stores it, then moves it out of the inbox.
///
/// The order is the safety: a message is committed to the store before it is moved on the
/// server, and the mailbox's progress (UIDVALIDITY, last UID) is saved only after the move.
/// Our own record — not the server's flags — says what was seen. A crash or an outage anywhere
/// means the next poll fetches the unmoved messages again and the store recognises them (by
/// IMAP position, or by Message-ID + content after a UIDVALIDITY change).
///
/// One poller keeps its IMAP connection between polls (checked with NOOP, reopened when it
/// died) and backs off on its own when its server fails — exponentially, with jitter — so the
/// other mailboxes are served meanwhile. It logs one line when the server goes down and one
/// when it comes back.
public struct MailboxPoller: Sendable {
    public let mailbox: MailboxSettings
    let pipeline: IntakePipeline
    let logger: Logger
    /// Messages fetched per IMAP command.
    let batchSize: Int
    let connection: Connection
    let metrics: DaemonMetrics
    /// Raised on SIGTERM: the poll ends after the batch in hand; the rest stays on the server.
    let stop: StopSignal

    public init(
        mailbox: MailboxSettings, pipeline: IntakePipeline, logger: Logger, batchSize: Int? = nil, backoff: Backoff = Backoff(),
        metrics: DaemonMetrics = .disabled, stop: StopSignal = StopSignal(), keeping previous: MailboxPoller? = nil
    ) {
        self.stop = stop
        self.mailbox = mailbox
        self.pipeline = pipeline
        self.metrics = metrics
        var logger = logger
        logger[metadataKey: "imap.mailbox"] = "\(mailbox.name)"
        self.logger = logger
        self.batchSize = max(1, batchSize ?? mailbox.endpoint.batchSize)
        // After a reload, a mailbox whose server settings did not change keeps its connection and backoff.
        connection = previous.flatMap { $0.mailbox.endpoint == mailbox.endpoint ? $0.connection : nil } ?? Connection(health: ServerHealth(backoff: backoff))
    }

    /// What one poll did.
    public struct Summary: Sendable, Equatable {
        public var fetched = 0
        public var stored = 0
        public var duplicates = 0
        public var tickets = 0
        /// Messages the server announced but has not delivered yet (retried every poll).
        public var undelivered: [UndeliveredMessage] = []
        /// Another daemon sharing the store works this mailbox now: nothing was fetched.
        public var workedElsewhere = false
        public init() {}
    }

    /// The open session and the server's health, kept between polls and shared by the copies of
    /// this poller; one poll uses them at a time.
    final class Connection: Sendable {
        struct State {
            var session: IMAPSession?
            var health: ServerHealth
            var warnedPlaintext = false
            /// The local write failure being reported, logged once when it starts and once when it ends.
            var localFailure: String?
            /// The server refused IDLE on this connection: poll it at the interval instead.
            var idleRefused = false
        }

        let state: Mutex<State>

        init(health: ServerHealth) {
            state = Mutex(State(health: health))
        }
    }

    /// Closes the kept connection (LOGOUT); the next poll opens a new one.
    public func disconnect() {
        connection.state.withLock { $0.session = nil }
    }

    /// One poll. Blocking: run it on the mailbox's worker thread.
    ///
    /// While the server is in backoff this returns at once by throwing the last error; the
    /// caller need not pace retries itself.
    ///
    /// With several daemons on one store, only the one holding the mailbox's claim polls it; the
    /// others return at once with `workedElsewhere` (and take the mailbox over once that daemon's
    /// claim is gone).
    public func poll(now: @Sendable () -> Date) throws -> Summary {
        guard try pipeline.storage.claimMailbox(mailbox.name, of: pipeline.config.mailboxes.map(\.name)) else {
            var summary = Summary()
            summary.workedElsewhere = true
            return summary
        }
        return try connection.state.withLock { kept in try poll(&kept, now: now) }
    }

    /// `poll(now:)` with the kept session and health in hand.
    private func poll(_ kept: inout Connection.State, now: @Sendable () -> Date) throws -> Summary {
        let clock = ServerHealth.monotonicNow()
        if !kept.health.shouldAttempt(now: clock), let error = kept.health.lastError {
            throw error
        }
        do {
            let summary = try pollConnected(&kept, now: now)
            noteLocalRecovery(&kept)
            if case let .cameUp(failures) = kept.health.recordSuccess() {
                logger.notice("mailbox server up again", metadata: [
                    "server": "\(mailbox.endpoint.displayName)", "failed_attempts": "\(failures)",
                ])
            }
            return summary
        } catch let error as LocalStorageFailure {
            noteLocalFailure(error, &kept)
            throw error
        } catch let error where OutOfSpace.matches(error) {
            let failure = LocalStorageFailure(path: pipeline.config.daemon.databasePath, error: error)
            noteLocalFailure(failure, &kept)
            throw failure
        } catch TransportError.stopped(let server) {
            kept.session = nil
            throw TransportError.stopped(server: server)
        } catch let error as TransportError {
            metrics.transportError(.imap)
            if kept.session?.isUsable != true { kept.session = nil }
            switch kept.health.recordFailure(error, now: ServerHealth.monotonicNow()) {
            case let .wentDown(delay):
                logger.error("mailbox server down", metadata: [
                    "server": "\(mailbox.endpoint.displayName)", "error": "\(error)", "retry_in_s": "\(Int(delay.rounded()))",
                ])
            case let .stillDown(delay):
                logger.debug("mailbox server still down", metadata: ["error": "\(error)", "retry_in_s": "\(Int(delay.rounded()))"])
            default:
                break
            }
            throw error
        } catch {
            if kept.session?.isUsable != true { kept.session = nil }
            throw error
        }
    }

    /// Logs a local write failure when it starts (not again while it lasts). The server is not
    /// blamed: no backoff, and the kept session stays.
    private func noteLocalFailure(_ failure: LocalStorageFailure, _ kept: inout Connection.State) {
        guard kept.localFailure == nil else { return }
        kept.localFailure = failure.description
        logger.error("cannot store mail locally", metadata: [
            "path": "\(failure.path)", "free_bytes": "\(failure.freeBytes.map(String.init) ?? "unknown")", "error": "\(failure)",
        ])
    }

    private func noteLocalRecovery(_ kept: inout Connection.State) {
        guard kept.localFailure != nil else { return }
        kept.localFailure = nil
        logger.notice("storing mail locally works again")
    }

    /// A live session: the kept one if it still answers, else a new login.
    private func session(_ kept: inout Connection.State) throws(TransportError) -> IMAPSession {
        if let session = kept.session, session.isUsable {
            do {
                try session.noop()
                return session
            } catch {
                kept.session = nil
            }
        }
        if mailbox.endpoint.tls == .none && !kept.warnedPlaintext {
            kept.warnedPlaintext = true
            logger.warning("tls = \"none\": password and mail cross the network unencrypted", metadata: [
                "server": "\(mailbox.endpoint.displayName)",
            ])
        }
        let session = try IMAPSession(endpoint: mailbox.endpoint, stop: stop)
        kept.session = session
        kept.idleRefused = false
        return session
    }

    private func pollConnected(_ kept: inout Connection.State, now: @Sendable () -> Date) throws -> Summary {
        let storage = pipeline.storage
        let session = try session(&kept)
        let status = try session.select(mailbox.endpoint.mailboxName)
        var state = try storage.syncState(mailbox: mailbox.name)
        if let known = state, known.uidValidity != status.uidValidity {
            logger.warning("UIDVALIDITY changed: resyncing the whole folder, duplicates are recognised by content",
                metadata: ["imap.uidvalidity.old": "\(known.uidValidity)", "imap.uidvalidity.new": "\(status.uidValidity)"])
            state = nil
        }
        var sync = state ?? MailboxSyncState(mailbox: mailbox.name, uidValidity: status.uidValidity, lastUID: 0)
        if state == nil { try storage.saveSyncState(sync) }
        var summary = Summary()
        var ledger = UndeliveredLedger(previous: try storage.undeliveredMessages(mailbox: mailbox.name), uidValidity: status.uidValidity)
        guard status.exists > 0 else { return try settle(ledger, announced: [], into: summary) }
        // UIDNEXT says whether anything arrived since the last poll, without a search.
        if let uidNext = status.uidNext, uidNext <= sync.lastUID + 1 { return try settle(ledger, announced: [], into: summary) }
        let uids = try session.uids(from: sync.lastUID + 1)
        guard !uids.isEmpty else { return try settle(ledger, announced: [], into: summary) }
        var spool: Spool
        do {
            spool = try Spool(directory: spoolDirectory)
        } catch {
            throw LocalStorageFailure(path: spoolDirectory, error: error)
        }
        defer { spool.removeAll() }
        // Messages that failed before come last, one per command, so that they hold up nothing.
        let suspects = ledger.suspects
        let regular = uids.filter { !suspects.contains($0) }
        let batches = stride(from: 0, to: regular.count, by: batchSize).map { Array(regular[$0..<min($0 + batchSize, regular.count)]) }
            + uids.filter { suspects.contains($0) }.map { [$0] }
        // Progress passes a UID only once it was stored (or dropped with a record).
        var handled: Set<UInt32> = []
        var progress = 0
        for batch in batches where !stop.isRaised {
            // 1. Fetch the batch to disk: one message in memory at a time.
            var fetched: [(uid: UInt32, internalDate: Date?)] = []
            var report = IMAPFetchReport()
            var fetchError: (any Error)?
            do {
                report = try session.fetch(batch) { message in
                    do {
                        try spool.write(message.bytes, uid: message.uid)
                    } catch {
                        throw LocalStorageFailure(path: spool.path(uid: message.uid), error: error)
                    }
                    fetched.append((message.uid, message.internalDate))
                }
            } catch {
                fetchError = error
            }
            metrics.fetched(fetched.count, mailbox: mailbox.name)
            // 2. Store them (a transaction per group of up to `ingestBytes`): what arrived before a failure too.
            var destinations: [String: [UInt32]] = [:]
            for group in Self.groups(fetched, sizes: { spool.size(uid: $0.uid) }, limit: Self.ingestBytes) {
                let batch = try group.map { uid, internalDate in
                    IntakePipeline.Fetched(
                        raw: try spool.read(uid: uid), source: SourceKey(mailbox: mailbox.name, uidValidity: status.uidValidity, uid: uid),
                        internalDate: internalDate)
                }
                let outcomes = try pipeline.ingest(batch: batch, mailbox: mailbox.name, now: now())
                for (fetchedMail, outcome) in zip(batch, outcomes) {
                    let uid = fetchedMail.source.uid
                    summary.fetched += 1
                    spool.remove(uid: uid)
                    metrics.stored(outcome)
                    switch outcome {
                    case .duplicate:
                        summary.duplicates += 1
                        destinations[mailbox.processedFolder, default: []].append(uid)
                    case let .stored(ticket, action, _):
                        summary.stored += 1
                        destinations[folder(for: action), default: []].append(uid)
                        if case .open = action { summary.tickets += 1 }
                        logger.info("stored message", metadata: [
                            "imap.uid": "\(uid)", "ticket.number": "\(ticket.map(String.init) ?? "-")",
                            "intake.action": "\(Self.describe(action))",
                        ])
                    }
                }
            }
            // 3. Only now move them out of the inbox, then record the progress. A connection lost
            //    mid-fetch leaves them unmoved: the next poll fetches them again and recognises them.
            guard session.isUsable else {
                noteUndelivered(batch.filter { !handled.contains($0) && !fetched.map(\.uid).contains($0) }, report: report, error: fetchError, in: &ledger, now: now())
                _ = try settle(ledger, announced: Set(uids), into: summary)
                throw fetchError ?? TransportError.unreachable(server: mailbox.endpoint.displayName, reason: "the connection was lost")
            }
            for (folder, moved) in destinations.sorted(by: { $0.key < $1.key }) {
                try session.move(moved, to: folder)
            }
            for (uid, _) in fetched {
                handled.insert(uid)
                if let attempts = ledger.delivered(uid: uid) {
                    logger.notice("message delivered after failed attempts", metadata: ["imap.uid": "\(uid)", "attempts.failed": "\(attempts)"])
                }
            }
            noteUndelivered(batch.filter { !handled.contains($0) }, report: report, error: fetchError, in: &ledger, now: now())
            while progress < uids.count, handled.contains(uids[progress]) {
                sync.lastUID = max(sync.lastUID, uids[progress])
                progress += 1
            }
            try storage.saveSyncState(sync)
            if let fetchError {
                _ = try settle(ledger, announced: Set(uids), into: summary)
                throw fetchError
            }
        }
        return try settle(ledger, announced: Set(uids), into: summary)
    }

    /// The most message bytes stored in one transaction: a fetch batch is split where it would
    /// hold more, so that memory stays bounded with large messages.
    static let ingestBytes = 8 << 20

    /// `items` in order, cut into groups whose `sizes` add up to at most `limit` (an item larger
    /// than `limit` is a group of its own).
    static func groups<T>(_ items: [T], sizes: (T) -> Int, limit: Int) -> [[T]] {
        var groups: [[T]] = []
        var current: [T] = []
        var bytes = 0
        for item in items {
            let size = sizes(item)
            if !current.isEmpty && bytes + size > limit {
                groups.append(current)
                current = []
                bytes = 0
            }
            current.append(item)
            bytes += size
        }
        if !current.isEmpty { groups.append(current) }
        return groups
    }

    /// Records the UIDs of a batch the server did not deliver and logs each change of their state.
    /// After a failed connection only the first is blamed: the rest were never reached.
    private func noteUndelivered(
        _ missing: [UInt32], report: IMAPFetchReport, error: (any Error)?, in ledger: inout UndeliveredLedger, now: Date
    ) {
        if error is LocalStorageFailure { return }
        let blamed = error == nil ? missing : Array(missing.prefix(1))
        for uid in blamed {
            let reason = error.map { "\($0)" }
                ?? report.serverSaid(about: uid).map { "server said: \($0)" }
                ?? "the server's answer to UID FETCH left it out"
            let metadata: Logger.Metadata = ["imap.uid": "\(uid)", "reason": "\(reason)"]
            switch ledger.failed(uid: uid, reason: reason, now: now) {
            case .first:
                logger.warning("message announced but not delivered; asked for again next poll, the rest goes on", metadata: metadata)
            case let .alarm(attempts):
                logger.error("message still not delivered; check it on the server (the rest of the mailbox is processed)",
                    metadata: metadata.merging(["attempts": "\(attempts)"]) { $1 })
            case let .again(attempts):
                logger.debug("message still not delivered", metadata: metadata.merging(["attempts": "\(attempts)"]) { $1 })
            }
        }
    }

    /// Saves what is still undelivered and puts it in the summary.
    private func settle(_ ledger: UndeliveredLedger, announced: Set<UInt32>, into summary: Summary) throws -> Summary {
        var summary = summary
        summary.undelivered = ledger.remaining(announced: announced)
        try pipeline.storage.saveUndeliveredMessages(summary.undelivered, mailbox: mailbox.name)
        metrics.undelivered(summary.undelivered.count, mailbox: mailbox.name)
        return summary
    }

    /// Where a stored message goes: spam to `spam_folder`, other dropped mail to `dropped_folder`.
    func folder(for action: IntakePlan.Action) -> String {
        switch action {
        case let .drop(key) where key == "spam": mailbox.endpoint.spamFolder
        case .drop: mailbox.droppedFolder
        default: mailbox.processedFolder
        }
    }

    var spoolDirectory: String {
        let safeName = String(mailbox.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return (pipeline.config.daemon.stateDirectory as NSString).appendingPathComponent("spool/imap-\(safeName)")
    }

    static func describe(_ action: IntakePlan.Action) -> String {
        switch action {
        case .open: "opened"
        case .append(_, let kind, let rule, _): "\(kind.rawValue) reply by \(rule.rawValue)"
        case .note: "noted"
        case let .drop(key): "dropped (\(key))"
        }
    }
}

/// Fetched-but-not-yet-stored messages by UID: up to ``memoryLimit`` bytes of small messages in
/// memory, anything beyond (and every message over ``largeMessage``) in a file per UID in
/// ``directory``, so that a batch of large mail never sits in memory at once. The files are not
/// synced: what the spool holds is still on the server, unmoved, and is fetched again after a
/// crash. Emptied at the start and end of every poll.
struct Spool {
    let directory: String
    /// The most bytes held in memory.
    let memoryLimit: Int
    /// Messages larger than this always go to a file.
    let largeMessage: Int
    private var held: [UInt32: [UInt8]] = [:]
    private var heldBytes = 0
    private var sizes: [UInt32: Int] = [:]

    init(directory: String, memoryLimit: Int = 8 << 20, largeMessage: Int = 1 << 20) throws {
        self.directory = directory
        self.memoryLimit = memoryLimit
        self.largeMessage = largeMessage
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        removeAll()
    }

    func path(uid: UInt32) -> String { "\(directory)/\(uid).eml" }

    mutating func write(_ bytes: [UInt8], uid: UInt32) throws {
        sizes[uid] = bytes.count
        if bytes.count <= largeMessage, heldBytes + bytes.count <= memoryLimit {
            held[uid] = bytes
            heldBytes += bytes.count
            return
        }
        let descriptor = open(path(uid: uid), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SpoolError(errno: errno) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw SpoolError(errno: errno) }
                offset += written
            }
        }
    }

    /// The spooled message's size in bytes (0 when unknown).
    func size(uid: UInt32) -> Int { sizes[uid] ?? 0 }

    func read(uid: UInt32) throws -> [UInt8] {
        if let bytes = held[uid] { return bytes }
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(uid: uid))))
    }

    mutating func remove(uid: UInt32) {
        sizes[uid] = nil
        if let bytes = held.removeValue(forKey: uid) {
            heldBytes -= bytes.count
        } else {
            unlink(path(uid: uid))
        }
    }

    mutating func removeAll() {
        held = [:]
        heldBytes = 0
        sizes = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            unlink("\(directory)/\(name)")
        }
    }
}

/// A spool file that could not be written, with the system's reason.
struct SpoolError: LocalizedError, CustomStringConvertible {
    let errno: Int32
    var description: String { String(cString: strerror(errno)) }
    var errorDescription: String? { description }
}
