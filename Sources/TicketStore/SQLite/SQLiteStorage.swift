import Foundation
import GRDB
import MailMessage
import TicketCore

/// The embedded store: SQLite through GRDB, WAL mode, migrations applied on open.
public final class SQLiteStorage: TicketStorage {
    let writer: any DatabaseWriter
    private let tagFormat: TicketTagFormat

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, tagFormat: TicketTagFormat) throws(StorageError) {
        self.tagFormat = tagFormat
        // Processes started together (the MTA runs one `ticketd ingest` per mail) must not create
        // or migrate the database at the same time: each would find the tables missing, and all but
        // one fail with "already exists". The lock file sits beside the database.
        let lock: FileLock
        do {
            lock = try FileLock(path: path + ".lock")
        } catch {
            throw .cannotOpen(path: path, reason: error.description)
        }
        defer { lock.unlock() }
        let history = DatabaseHistory(databasePath: path)
        try history.check()
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's WAL default (NORMAL) may lose the last commits on power loss, after the mail
            // was already moved on the server; FULL syncs every commit (one fsync, about 0.2 ms).
            try pool.writeWithoutTransaction { db in try db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute() }
            try StorageSchema.migrator.migrate(pool)
            writer = pool
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        history.recordCreation()
    }

    /// An in-memory store, for tests.
    public init(inMemoryWith tagFormat: TicketTagFormat) throws(StorageError) {
        self.tagFormat = tagFormat
        do {
            let queue = try DatabaseQueue()
            try StorageSchema.migrator.migrate(queue)
            writer = queue
        } catch {
            throw .cannotOpen(path: ":memory:", reason: "\(error)")
        }
    }

    public func contains(_ source: SourceKey) throws -> Bool {
        try writer.read { db in try Self.isStored(source, db: db) }
    }

    public func withDeskTransaction<T>(_ body: (any DeskTransaction) throws -> T) throws -> T {
        try writer.write { db in try body(SQLiteDeskTransaction(db: db)) }
    }

    public func syncState(mailbox: String) throws -> MailboxSyncState? {
        try writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM mailbox_sync WHERE mailbox = ?"), arguments: [mailbox]).map {
                MailboxSyncState(mailbox: $0["mailbox"], uidValidity: $0["uid_validity"], lastUID: $0["last_uid"])
            }
        }
    }

    public func saveSyncState(_ state: MailboxSyncState) throws {
        try writer.write { db in
            try db.cachedStatement(
                sql: """
                    INSERT INTO mailbox_sync (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
                    ON CONFLICT(mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
                    """).execute(arguments: [state.mailbox, state.uidValidity, state.lastUID])
        }
    }

    public func dueOutbox(now: Date, limit: Int) throws -> [OutboxEntry] {
        try writer.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT * FROM outbox WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                    ORDER BY id LIMIT ?
                    """),
                arguments: [now, limit]
            ).map(Self.outboxEntry)
        }
    }

    public func markSent(outboxID: Int64, at date: Date) throws {
        try writer.write { db in
            try db.cachedStatement(
                sql: "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND state = 'queued'"
                ).execute(arguments: [date, outboxID])
        }
    }

    public func markFailed(outboxID: Int64, reason: String, retryAt: Date?, now: Date) throws {
        try writer.write { db in
            try db.cachedStatement(
                sql: "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?"
                ).execute(arguments: [retryAt == nil ? "failed" : "queued", reason, retryAt, outboxID])
            if retryAt == nil,
                let number = try Int.fetchOne(db.cachedStatement(sql: "SELECT ticket_number FROM outbox WHERE id = ?"), arguments: [outboxID])
            {
                try Self.addEvent(.system(.noted, "outgoing mail failed: \(reason)", at: now), ticket: number, db: db)
            }
        }
    }

    public func tickets(_ filter: TicketFilter) throws -> [TicketView] {
        try writer.read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let state = filter.state {
                conditions.append("state = ?")
                arguments.append(state.rawValue)
            }
            if let queue = filter.queue {
                conditions.append("queue = ?")
                arguments.append(queue)
            }
            if let customer = filter.customer {
                conditions.append("customer_address = ?")
                arguments.append(customer.lowercased())
            }
            if let assignee = filter.assignee {
                conditions.append("assignee = ?")
                arguments.append(assignee)
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM tickets \(whereClause) ORDER BY number", arguments: StatementArguments(arguments))
                .map { try ticketView($0, db: db, detailed: false) }
        }
    }

    public func ticket(number: Int) throws -> TicketView? {
        try writer.read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tickets WHERE number = ?"), arguments: [number])
                .map { try ticketView($0, db: db, detailed: true) }
        }
    }

    public func attachment(id: Int64, ticket: Int) throws -> AttachmentView? {
        try writer.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT attachments.* FROM attachments JOIN messages ON messages.id = attachments.message_id
                    WHERE attachments.id = ? AND messages.ticket_number = ?
                    """),
                arguments: [id, ticket]
            ).map(AttachmentView.init(row:))
        }
    }

    public func outbox() throws -> [OutboxEntry] {
        try writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM outbox ORDER BY id")).map(Self.outboxEntry)
        }
    }

    // MARK: - Writing

    static func isStored(_ source: SourceKey, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM messages WHERE mailbox = ? AND uid_validity = ? AND uid = ?)"),
            arguments: [source.mailbox, source.uidValidity, source.uid]) ?? false
    }

    static func enqueue(_ mail: OutgoingMail, now: Date, db: Database, from author: String? = nil) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT INTO outbox (ticket_number, kind, sequence, message_id, envelope_sender, recipients, subject, raw, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """).execute(arguments: [
                mail.ticketNumber, mail.kind.rawValue, mail.sequence, mail.messageID, mail.envelopeSender,
                mail.recipients.joined(separator: "\n"), mail.subject, Data(mail.raw), now,
            ])
        guard db.changesCount > 0 else { return false }
        try db.cachedStatement(
            sql: """
                INSERT INTO messages (ticket_number, direction, kind, message_id, from_address, recipients, subject, text,
                    raw, mailbox, received_at, classification)
                VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?, 'outbox', ?, 'ticketd')
                """).execute(arguments: [
                mail.ticketNumber, mail.kind.rawValue, mail.messageID, author ?? mail.from,
                mail.recipients.joined(separator: "\n"), mail.subject, mail.text, Data(mail.raw), now,
            ])
        try remember(messageIDs: [mail.messageID], ticket: mail.ticketNumber, db: db)
        return true
    }

    static func remember(messageIDs: [String], ticket: Int, db: Database) throws {
        for id in Set(messageIDs) where !id.isEmpty {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO message_ids (message_id, ticket_number) VALUES (?, ?)").execute(arguments: [id, ticket])
        }
    }

    static func addEvent(_ event: TicketEvent, ticket: Int, db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO events (ticket_number, at, type, actor, detail) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [ticket, event.at, event.kind.rawValue, event.actor, event.detail])
    }

    // MARK: - Promises

    /// Every open ticket with a promise, and its queue, in one pass: its place in the queue comes
    /// from a window over the open tickets, its promises from the `promises_ticket` index. (A count
    /// per ticket made each watch cycle quadratic: 23 s for 15,000 open tickets, now 60 ms.)
    public func watchedTickets() throws -> [(queue: String, ticket: WatchedTicket)] {
        try writer.read { db in try Row.fetchAll(db.cachedStatement(sql: """
            WITH open AS (
                SELECT number, queue, state, promised_by, created_at,
                       ROW_NUMBER() OVER (PARTITION BY queue ORDER BY number) - 1 AS open_ahead
                FROM tickets WHERE state IN ('new', 'open'))
            SELECT open.*,
                (SELECT COUNT(*) FROM promises WHERE ticket_number = open.number) AS promise_count,
                (SELECT made_at FROM promises WHERE ticket_number = open.number ORDER BY rowid DESC LIMIT 1) AS last_made_at
            FROM open WHERE promised_by IS NOT NULL
            """)).map { row in
            let promiseCount: Int = row["promise_count"] ?? 0
            return (row["queue"], WatchedTicket(
                number: row["number"], state: TicketState(rawValue: row["state"]) ?? .open, promisedBy: row["promised_by"],
                promisedAt: row["last_made_at"] ?? row["created_at"], promiseNumber: max(promiseCount, 1),
                openAhead: row["open_ahead"]))
        } }
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    // MARK: - Reading

    func ticketView(_ row: Row, db: Database, detailed: Bool) throws -> TicketView {
        let number: Int = row["number"]
        let history = try Date.fetchAll(db.cachedStatement(sql: "SELECT promised_by FROM promises WHERE ticket_number = ? ORDER BY made_at"),
            arguments: [number])
        var view = TicketView(
            number: number, tag: tagFormat.tag(for: number), subject: row["subject"], state: row["state"],
            queue: row["queue"], priority: row["priority"], language: row["language"], channel: row["channel"],
            customer: .init(address: row["customer_address"], name: row["customer_name"]), assignee: row["assignee"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], promisedBy: row["promised_by"],
            promiseHistory: history, linkedTo: row["linked_to"])
        view.requestType = row["request_type"]
        view.rules = ((row["rules"] as String?) ?? "").split(separator: "\n").map(String.init)
        if let step: String = row["step"], let entered: Date = row["step_entered_at"], let due: Date = row["step_due_at"] {
            view.step = StepView(name: step, enteredAt: entered, dueAt: due)
        }
        guard detailed else { return view }
        let attachments = Dictionary(
            grouping: try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT attachments.* FROM attachments JOIN messages ON messages.id = attachments.message_id
                    WHERE messages.ticket_number = ? ORDER BY attachments.message_id, attachments.position
                    """),
                arguments: [number]),
            by: { $0["message_id"] as Int64 })
        view.messages = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM messages WHERE ticket_number = ? ORDER BY id"), arguments: [number]).map {
            MessageView(
                messageID: $0["message_id"], direction: $0["direction"], kind: $0["kind"], from: $0["from_address"],
                to: (($0["recipients"] as String?) ?? "").split(separator: "\n").map(String.init),
                subject: $0["subject"], receivedAt: $0["received_at"], text: $0["text"], newText: MailMessage.newText(of: $0["text"]),
                attachments: (attachments[$0["id"]] ?? []).map(AttachmentView.init(row:)))
        }
        view.steps = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM ticket_steps WHERE ticket_number = ? ORDER BY id"), arguments: [number]).map {
            StepView(name: $0["step"], enteredAt: $0["entered_at"], dueAt: $0["due_at"])
        }
        view.time = try Self.timeEntries(ticket: number, db: db).map(TimeEntryView.init)
        view.events = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM events WHERE ticket_number = ? ORDER BY id"), arguments: [number]).map {
            EventView(at: $0["at"], type: $0["type"], actor: $0["actor"], detail: $0["detail"])
        }
        return view
    }

    private static func outboxEntry(_ row: Row) -> OutboxEntry {
        OutboxEntry(
            id: row["id"], ticket: row["ticket_number"], kind: row["kind"], sequence: row["sequence"],
            messageID: row["message_id"], envelopeSender: row["envelope_sender"],
            recipients: ((row["recipients"] as String?) ?? "").split(separator: "\n").map(String.init),
            subject: row["subject"], state: row["state"], attempts: row["attempts"], lastError: row["last_error"],
            createdAt: row["created_at"], nextAttemptAt: row["next_attempt_at"], sentAt: row["sent_at"],
            raw: [UInt8]((row["raw"] as Data?) ?? Data()))
    }
}

/// Why the store could not do its job.
public enum StorageError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case noSuchTicket(Int)
    /// A decision to store incoming mail was applied without the mail: a bug in the caller.
    case effectWithoutMail
    /// The database file is missing or empty, but the state directory shows it held data.
    case databaseLost(path: String, state: String, evidence: [String], marker: String)
    /// `ticketd backup` cannot copy this store; `reason` says what backs it up instead.
    case backupUnavailable(reason: String)

    public var description: String {
        switch self {
        case let .databaseLost(path, state, evidence, marker):
            "the state database \(path) is \(state), but its directory shows it held data (\(evidence.joined(separator: ", "))); "
                + "refusing to start with a new, empty one: the history would be gone and customers acknowledged again. "
                + "Restore the latest copy made by `ticketd backup FILE`: stop ticketd, remove \(path)-wal and \(path)-shm, "
                + "copy FILE to \(path), start ticketd. To start afresh on purpose, remove \(marker)"
        case let .cannotOpen(path, reason):
            "cannot open the state database \(path): \(reason); check state_dir and its permissions"
        case let .noSuchTicket(number):
            "there is no ticket \(number); see `ticketd tickets list`"
        case .effectWithoutMail:
            "internal error: incoming mail was to be stored but none was given; nothing was changed"
        case let .backupUnavailable(reason):
            reason
        }
    }
}

extension AttachmentView {
    init(row: Row) {
        let sha256: String? = row["sha256"]
        self.init(
            id: row["id"], name: row["filename"], contentType: row["content_type"], size: row["size"], inline: row["inline"],
            sha256: sha256, stored: sha256 != nil, reason: row["not_stored_reason"])
    }
}
