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
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            let pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's WAL default (NORMAL) may lose the last commits on power loss, after the mail
            // was already moved on the server; FULL syncs every commit (one fsync, about 0.2 ms).
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try StorageSchema.migrator.migrate(pool)
            writer = pool
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
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
        try writer.read { db in try isStored(source, db: db) }
    }

    public func ingest(_ mail: IncomingMail, queue: String, rules: DeskRules, now: Date) throws -> IngestOutcome {
        try writer.write { db in
            if let source = mail.source, try isStored(source, db: db) { return .duplicate }
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS(SELECT 1 FROM messages WHERE fingerprint = ? AND direction = 'in')",
                arguments: [mail.fingerprint]) == true
            {
                return .duplicate
            }
            let plan = try rules.planner.plan(mail, queue: queue, index: DatabaseThreadingIndex(db: db), now: now)
            let sender = mail.message.from.first?.normalized ?? ""
            let actor = "customer:\(sender)"
            var ticketNumber: Int?
            var messageKind = MessageKind.customer
            var queued = false
            var dropKey: String?

            switch plan.action {
            case let .open(new):
                let number = try insertTicket(new, now: now, db: db)
                ticketNumber = number
                try addEvent(number, now, .created, actor, "opened from \(mail.mailbox)", db: db)
                if let linked = new.linkedTo {
                    try addEvent(number, now, .linked, "system", "continues ticket \(tagFormat.tag(for: linked))", db: db)
                    try addEvent(linked, now, .linked, "system", "continued in ticket \(tagFormat.tag(for: number))", db: db)
                }
            case let .append(number, kind, rule, reopen):
                ticketNumber = number
                messageKind = kind
                if kind == .customer {
                    try addEvent(number, now, .customerReplied, actor, "threaded by \(rule.rawValue)", db: db)
                }
                if reopen {
                    try db.execute(sql: "UPDATE tickets SET state = 'open' WHERE number = ?", arguments: [number])
                    try addEvent(number, now, .reopened, actor, "customer replied to a resolved ticket", db: db)
                }
                try db.execute(sql: "UPDATE tickets SET updated_at = ? WHERE number = ?", arguments: [now, number])
            case let .note(number):
                ticketNumber = number
                messageKind = .notice
                try addEvent(number, now, .noted, "system", plan.classification.reason, db: db)
            case let .drop(key):
                dropKey = key
            }

            try insertIncoming(mail, ticket: ticketNumber, kind: messageKind, plan: plan, dropKey: dropKey, db: db)
            guard let number = ticketNumber, dropKey == nil else {
                return .stored(ticket: ticketNumber, action: plan.action, queuedMail: false)
            }
            try remember(messageIDs: [mail.message.messageID].compactMap { $0 } + mail.message.references + mail.message.inReplyTo, ticket: number, db: db)
            switch plan.action {
            case .open:
                try addParticipants((mail.message.from + mail.message.cc).map(\.normalized).filter { !$0.isEmpty }, ticket: number, db: db)
                let promise = try makePromise(ticket: number, first: true, rules: rules, now: now, db: db)
                if plan.acknowledge, let ticket = try loadTicket(number, db: db) {
                    let envelope = rules.envelope(ticket: ticket.number, queue: ticket.queue, inReplyTo: mail.message.messageID, references: mail.message.references)
                    let recipient = (mail.message.replyTo.first ?? mail.message.from.first).map(\.address) ?? ticket.customer.address
                    if let withheld = try acknowledgementWithheld(sender: sender, recipient: recipient, limits: rules.limits, now: now, db: db) {
                        try addEvent(number, now, .noted, "system", "acknowledgement withheld: \(withheld)", db: db)
                    } else if let ack = rules.composer(forQueue: ticket.queue).acknowledgement(ticket: ticket, recipient: recipient, envelope: envelope, promise: promise, now: now) {
                        queued = try enqueue(ack, now: now, db: db)
                        if queued {
                            try addEvent(number, now, .acknowledged, "system", "acknowledgement queued to \(ack.recipients.joined(separator: ", "))", db: db)
                        }
                    }
                }
            case let .append(_, kind, rule, _):
                try addParticipants((mail.message.from + mail.message.cc).map(\.normalized).filter { !$0.isEmpty }, ticket: number, db: db)
                if kind == .staff {
                    queued = try recordStaffMail(mail.message, ticket: number, staff: sender, threadedBy: rule, rules: rules, now: now, db: db)
                } else {
                    try resumeClock(ticket: number, rules: rules, now: now, db: db)
                }
            case .note, .drop:
                break
            }
            return .stored(ticket: number, action: plan.action, queuedMail: queued)
        }
    }

    public func watchPromises(rules: DeskRules, now: Date) throws -> Int {
        let watched = try writer.read { db in try watchedTickets(db: db) }
        var queued = 0
        for (queue, tickets) in Dictionary(grouping: watched, by: \.queue) {
            for action in PromiseWatcher(policy: rules.policy(forQueue: queue)).actions(for: tickets.map(\.ticket), now: now) {
                queued += try writer.write { db in try apply(action, rules: rules, now: now, db: db) }
            }
        }
        return queued
    }

    /// Applies one watcher decision, unless the ticket changed since it was read.
    private func apply(_ action: PromiseAction, rules: DeskRules, now: Date, db: Database) throws -> Int {
        let (number, promiseNumber): (Int, Int) = switch action {
        case let .warnStaff(ticket, promise): (ticket, promise)
        case let .slip(ticket, promise, _, _, _): (ticket, promise)
        }
        guard let ticket = try loadTicket(number, db: db), let promisedBy = ticket.promisedBy,
            [.new, .open].contains(ticket.state),
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM promises WHERE ticket_number = ?", arguments: [number]) ?? 0 <= promiseNumber
        else { return 0 }
        let envelope = try conversationEnvelope(ticket, rules: rules, db: db)
        let policy = rules.policy(forQueue: ticket.queue, channel: ticket.channel)
        let composer = rules.composer(forQueue: ticket.queue)
        let staff = ticket.assignee.map { [$0] } ?? policy.staff
        var mails: [OutgoingMail] = []
        switch action {
        case .warnStaff:
            mails += [composer.staffAlarm(ticket: ticket, staff: staff, envelope: envelope, missed: promisedBy, newPromise: nil, promiseNumber: promiseNumber, now: now)].compactMap { $0 }
        case let .slip(_, _, missed, newPromise, escalate):
            mails += [
                composer.followUp(ticket: ticket, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, now: now),
                composer.staffAlarm(ticket: ticket, staff: staff, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, now: now),
                escalate ? composer.escalation(ticket: ticket, leads: policy.escalateTo, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, now: now) : nil,
            ].compactMap { $0 }
            try addEvent(number, now, .promiseMissed, "system", "promise \(Self.iso(missed)) passed unanswered; new promise \(Self.iso(newPromise))", db: db)
            try recordPromise(ticket: number, promisedBy: newPromise, now: now, db: db)
        }
        var queued = 0
        for mail in mails where try enqueue(mail, now: now, db: db) {
            queued += 1
            try addEvent(number, now, .mailQueued, "system", "\(mail.kind.rawValue) queued to \(mail.recipients.joined(separator: ", "))", db: db)
        }
        return queued
    }

    public func syncState(mailbox: String) throws -> MailboxSyncState? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM mailbox_sync WHERE mailbox = ?", arguments: [mailbox]).map {
                MailboxSyncState(mailbox: $0["mailbox"], uidValidity: $0["uid_validity"], lastUID: $0["last_uid"])
            }
        }
    }

    public func saveSyncState(_ state: MailboxSyncState) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO mailbox_sync (mailbox, uid_validity, last_uid) VALUES (?, ?, ?)
                    ON CONFLICT(mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
                    """,
                arguments: [state.mailbox, state.uidValidity, state.lastUID])
        }
    }

    public func dueOutbox(now: Date, limit: Int) throws -> [OutboxEntry] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                    ORDER BY id LIMIT ?
                    """,
                arguments: [now, limit]
            ).map(Self.outboxEntry)
        }
    }

    public func markSent(outboxID: Int64, at date: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
                arguments: [date, outboxID])
        }
    }

    public func markFailed(outboxID: Int64, reason: String, retryAt: Date?, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                arguments: [retryAt == nil ? "failed" : "queued", reason, retryAt, outboxID])
            if retryAt == nil,
                let number = try Int.fetchOne(db, sql: "SELECT ticket_number FROM outbox WHERE id = ?", arguments: [outboxID])
            {
                try addEvent(number, now, .noted, "system", "outgoing mail failed: \(reason)", db: db)
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
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM tickets \(whereClause) ORDER BY number", arguments: StatementArguments(arguments))
                .map { try ticketView($0, db: db, detailed: false) }
        }
    }

    public func ticket(number: Int) throws -> TicketView? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tickets WHERE number = ?", arguments: [number])
                .map { try ticketView($0, db: db, detailed: true) }
        }
    }

    public func attachment(id: Int64, ticket: Int) throws -> AttachmentView? {
        try writer.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT attachments.* FROM attachments JOIN messages ON messages.id = attachments.message_id
                    WHERE attachments.id = ? AND messages.ticket_number = ?
                    """,
                arguments: [id, ticket]
            ).map(AttachmentView.init(row:))
        }
    }

    public func outbox() throws -> [OutboxEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id").map(Self.outboxEntry)
        }
    }

    // MARK: - Writing

    private func isStored(_ source: SourceKey, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS(SELECT 1 FROM messages WHERE mailbox = ? AND uid_validity = ? AND uid = ?)",
            arguments: [source.mailbox, source.uidValidity, source.uid]) ?? false
    }

    func insertTicket(_ new: NewTicket, now: Date, db: Database) throws -> Int {
        try db.execute(
            sql: """
                INSERT INTO tickets (subject, normalized_subject, state, queue, priority, language, channel,
                    customer_address, customer_name, linked_to, created_at, updated_at)
                VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                new.subject, new.normalizedSubject, new.queue, new.priority, new.language, new.channel,
                new.customer.address, new.customer.name, new.linkedTo, now, now,
            ])
        let number = Int(db.lastInsertedRowID)
        try addParticipants([new.customer.address], ticket: number, db: db)
        return number
    }

    private func insertIncoming(_ mail: IncomingMail, ticket: Int?, kind: MessageKind, plan: IntakePlan, dropKey: String?, db: Database) throws {
        let message = mail.message
        let recipients = (message.to + message.cc).map(\.address)
        try db.execute(
            sql: """
                INSERT INTO messages (ticket_number, direction, kind, message_id, from_address, recipients, subject, text,
                    raw, fingerprint, mailbox, uid_validity, uid, received_at, internal_date, date_header,
                    classification, drop_key, defects, spam_score)
                VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                ticket, kind.rawValue, message.messageID, message.from.first?.address ?? "",
                recipients.joined(separator: "\n"), message.subject ?? "", message.textBody, Data(mail.raw),
                mail.fingerprint, mail.mailbox, mail.source?.uidValidity, mail.source?.uid, mail.receivedAt,
                mail.internalDate, message.date, plan.classification.reason, dropKey,
                message.defects.map(\.description).joined(separator: "\n"), mail.spam?.score,
            ])
        let messageRow = db.lastInsertedRowID
        for (position, attachment) in mail.attachments.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO attachments (message_id, position, filename, content_type, size, inline, sha256, not_stored_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    messageRow, position, attachment.filename, attachment.contentType, attachment.size, attachment.isInline,
                    attachment.sha256, attachment.notStoredReason,
                ])
            if let ticket, let reason = attachment.notStoredReason {
                let name = attachment.filename ?? attachment.contentType
                try addEvent(
                    ticket, mail.receivedAt, .noted, "system",
                    "attachment \(name) (\(AttachmentStore.describe(size: attachment.size))) kept only inside the raw message: \(reason)", db: db)
            }
        }
    }

    func enqueue(_ mail: OutgoingMail, now: Date, db: Database, from author: String? = nil) throws -> Bool {
        try db.execute(
            sql: """
                INSERT INTO outbox (ticket_number, kind, sequence, message_id, envelope_sender, recipients, subject, raw, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """,
            arguments: [
                mail.ticketNumber, mail.kind.rawValue, mail.sequence, mail.messageID, mail.envelopeSender,
                mail.recipients.joined(separator: "\n"), mail.subject, Data(mail.raw), now,
            ])
        guard db.changesCount > 0 else { return false }
        try db.execute(
            sql: """
                INSERT INTO messages (ticket_number, direction, kind, message_id, from_address, recipients, subject, text,
                    raw, mailbox, received_at, classification)
                VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?, 'outbox', ?, 'ticketd')
                """,
            arguments: [
                mail.ticketNumber, mail.kind.rawValue, mail.messageID, author ?? mail.from,
                mail.recipients.joined(separator: "\n"), mail.subject, mail.text, Data(mail.raw), now,
            ])
        try remember(messageIDs: [mail.messageID], ticket: mail.ticketNumber, db: db)
        return true
    }

    func remember(messageIDs: [String], ticket: Int, db: Database) throws {
        for id in Set(messageIDs) where !id.isEmpty {
            try db.execute(sql: "INSERT OR IGNORE INTO message_ids (message_id, ticket_number) VALUES (?, ?)", arguments: [id, ticket])
        }
    }

    func addParticipants(_ addresses: [String], ticket: Int, db: Database) throws {
        for address in Set(addresses) {
            try db.execute(sql: "INSERT OR IGNORE INTO participants (ticket_number, address) VALUES (?, ?)", arguments: [ticket, address])
        }
    }

    func addEvent(_ ticket: Int, _ at: Date, _ kind: TicketEvent.Kind, _ actor: String, _ detail: String, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO events (ticket_number, at, type, actor, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [ticket, at, kind.rawValue, actor, detail])
    }

    /// Why the acknowledgement must not go out (loop guards), or nil.
    func acknowledgementWithheld(sender: String, recipient: String, limits: AcknowledgementLimits, now: Date, db: Database) throws -> String? {
        let recent = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND from_address = ? COLLATE NOCASE AND received_at >= ?",
            arguments: [sender, now - limits.senderWindow]) ?? 0
        if recent > limits.messagesPerSender {
            return "\(recent) messages from \(sender) within \(Int(limits.senderWindow / 60)) minutes"
        }
        let acks = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND recipients = ? COLLATE NOCASE AND created_at >= ?",
            arguments: [recipient, now - 86_400]) ?? 0
        if acks >= limits.acknowledgementsPerRecipientPerDay {
            return "\(acks) acknowledgements to \(recipient) in the last 24 hours"
        }
        return nil
    }

    // MARK: - Promises

    /// Every open ticket with a promise, and its queue, in one pass: its place in the queue comes
    /// from a window over the open tickets, its promises from the `promises_ticket` index. (A count
    /// per ticket made each watch cycle quadratic: 23 s for 15,000 open tickets, now 60 ms.)
    func watchedTickets(db: Database) throws -> [(queue: String, ticket: WatchedTicket)] {
        try Row.fetchAll(db, sql: """
            WITH open AS (
                SELECT number, queue, state, promised_by, created_at,
                       ROW_NUMBER() OVER (PARTITION BY queue ORDER BY number) - 1 AS open_ahead
                FROM tickets WHERE state IN ('new', 'open'))
            SELECT open.*,
                (SELECT COUNT(*) FROM promises WHERE ticket_number = open.number) AS promise_count,
                (SELECT made_at FROM promises WHERE ticket_number = open.number ORDER BY rowid DESC LIMIT 1) AS last_made_at
            FROM open WHERE promised_by IS NOT NULL
            """).map { row in
            let promiseCount: Int = row["promise_count"] ?? 0
            return (row["queue"], WatchedTicket(
                number: row["number"], state: TicketState(rawValue: row["state"]) ?? .open, promisedBy: row["promised_by"],
                promisedAt: row["last_made_at"] ?? row["created_at"], promiseNumber: max(promiseCount, 1),
                openAhead: row["open_ahead"]))
        }
    }

    /// Unanswered tickets of `queue` opened before ticket `number`.
    func openAhead(of number: Int, queue: String, db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM tickets WHERE queue = ? AND state IN ('new', 'open') AND number < ?",
            arguments: [queue, number]) ?? 0
    }

    @discardableResult
    func makePromise(ticket number: Int, first: Bool, rules: DeskRules, now: Date, db: Database) throws -> Date? {
        guard let row = try Row.fetchOne(db, sql: "SELECT queue, channel FROM tickets WHERE number = ?", arguments: [number]),
            case let queue: String = row["queue"],
            let promise = rules.policy(forQueue: queue, channel: row["channel"]).promise(first: first, openAhead: try openAhead(of: number, queue: queue, db: db), now: now)
        else { return nil }
        try recordPromise(ticket: number, promisedBy: promise, now: now, db: db)
        try addEvent(number, now, .promised, "system", "answer promised by \(Self.iso(promise))", db: db)
        return promise
    }

    func recordPromise(ticket number: Int, promisedBy: Date, now: Date, db: Database) throws {
        try db.execute(sql: "UPDATE tickets SET promised_by = ? WHERE number = ?", arguments: [promisedBy, number])
        try db.execute(sql: "INSERT INTO promises (ticket_number, promised_by, made_at) VALUES (?, ?, ?)", arguments: [number, promisedBy, now])
    }

    /// A staff answer fulfils the running promise (kept or late) and stops its timers.
    func fulfilPromise(ticket number: Int, answeredAt now: Date, db: Database) throws {
        if let promisedBy = try Date.fetchOne(db, sql: "SELECT promised_by FROM tickets WHERE number = ?", arguments: [number]) {
            let kept = now <= promisedBy
            try addEvent(number, now, kept ? .promiseKept : .promiseMissed, "system", "staff answered; promise was \(Self.iso(promisedBy))", db: db)
        }
        try db.execute(
            sql: "UPDATE tickets SET promised_by = NULL, state = CASE WHEN state = 'new' THEN 'open' ELSE state END WHERE number = ?",
            arguments: [number])
    }

    /// A customer reply restarts the clock: a ticket waiting on them opens again, and without a
    /// running promise a new one (the update interval) is made.
    func resumeClock(ticket number: Int, rules: DeskRules, now: Date, db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT state, promised_by FROM tickets WHERE number = ?", arguments: [number]) else { return }
        let state: String = row["state"]
        if state == TicketState.waiting.rawValue {
            try db.execute(sql: "UPDATE tickets SET state = 'open' WHERE number = ?", arguments: [number])
            try addEvent(number, now, .stateChanged, "system", "waiting → open: the customer replied", db: db)
        }
        if (row["promised_by"] as Date?) == nil, state != TicketState.closed.rawValue {
            try makePromise(ticket: number, first: false, rules: rules, now: now, db: db)
        }
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    // MARK: - Reading

    func loadTicket(_ number: Int, db: Database) throws -> Ticket? {
        try Row.fetchOne(db, sql: "SELECT * FROM tickets WHERE number = ?", arguments: [number]).map { row in
            Ticket(
                number: row["number"], subject: row["subject"], normalizedSubject: row["normalized_subject"],
                state: TicketState(rawValue: row["state"]) ?? .open, queue: row["queue"], priority: row["priority"],
                language: row["language"], channel: row["channel"],
                customer: Customer(address: row["customer_address"], name: row["customer_name"]),
                assignee: row["assignee"], createdAt: row["created_at"], updatedAt: row["updated_at"],
                promisedBy: row["promised_by"])
        }
    }

    func ticketView(_ row: Row, db: Database, detailed: Bool) throws -> TicketView {
        let number: Int = row["number"]
        let history = try Date.fetchAll(db, sql: "SELECT promised_by FROM promises WHERE ticket_number = ? ORDER BY made_at", arguments: [number])
        var view = TicketView(
            number: number, tag: tagFormat.tag(for: number), subject: row["subject"], state: row["state"],
            queue: row["queue"], priority: row["priority"], language: row["language"], channel: row["channel"],
            customer: .init(address: row["customer_address"], name: row["customer_name"]), assignee: row["assignee"],
            createdAt: row["created_at"], updatedAt: row["updated_at"], promisedBy: row["promised_by"],
            promiseHistory: history, linkedTo: row["linked_to"])
        guard detailed else { return view }
        let attachments = Dictionary(
            grouping: try Row.fetchAll(
                db,
                sql: """
                    SELECT attachments.* FROM attachments JOIN messages ON messages.id = attachments.message_id
                    WHERE messages.ticket_number = ? ORDER BY attachments.message_id, attachments.position
                    """,
                arguments: [number]),
            by: { $0["message_id"] as Int64 })
        view.messages = try Row.fetchAll(db, sql: "SELECT * FROM messages WHERE ticket_number = ? ORDER BY id", arguments: [number]).map {
            MessageView(
                messageID: $0["message_id"], direction: $0["direction"], kind: $0["kind"], from: $0["from_address"],
                to: (($0["recipients"] as String?) ?? "").split(separator: "\n").map(String.init),
                subject: $0["subject"], receivedAt: $0["received_at"], text: $0["text"], newText: MailMessage.newText(of: $0["text"]),
                attachments: (attachments[$0["id"]] ?? []).map(AttachmentView.init(row:)))
        }
        view.events = try Row.fetchAll(db, sql: "SELECT * FROM events WHERE ticket_number = ? ORDER BY id", arguments: [number]).map {
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

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot open the state database \(path): \(reason); check state_dir and its permissions"
        case let .noSuchTicket(number):
            "there is no ticket \(number); see `ticketd tickets list`"
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
