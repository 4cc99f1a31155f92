import Foundation
import GRDB
import MailMessage
import TicketCore

/// The desk core's view of SQLite inside one write transaction: snapshot reads, and the
/// application of effects. All SQLite dialect of the desk's writes lives here.
struct SQLiteDeskTransaction: DeskTransaction {
    let db: Database
    /// The queues' open counts asked for so far in this transaction.
    let openAhead = OpenAheadMemo()

    // MARK: - Threading

    func candidate(number: Int) throws -> ThreadCandidate? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tickets WHERE number = ?"), arguments: [number]) else {
            return nil
        }
        return try candidate(from: row)
    }

    func ticketNumber(forAnyOf messageIDs: [String]) throws -> Int? {
        guard !messageIDs.isEmpty else { return nil }
        let placeholders = Array(repeating: "?", count: messageIDs.count).joined(separator: ",")
        return try Int.fetchOne(
            db,
            sql: "SELECT MAX(ticket_number) FROM message_ids WHERE message_id IN (\(placeholders))",
            arguments: StatementArguments(messageIDs)
        )
    }

    func candidates(customer: String, normalizedSubject: String, since: Date) throws -> [ThreadCandidate] {
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM tickets WHERE customer_address = ? AND normalized_subject = ? AND updated_at >= ?"),
            arguments: [customer, normalizedSubject, since]
        )
        return try rows.map(candidate(from:))
    }

    func preferredLanguage(customer: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT language FROM tickets WHERE customer_address = ? ORDER BY number DESC LIMIT 1"),
            arguments: [customer])
    }

    private func candidate(from row: Row) throws -> ThreadCandidate {
        let number: Int = row["number"]
        let participants = try String.fetchAll(db.cachedStatement(sql: "SELECT address FROM participants WHERE ticket_number = ?"), arguments: [number])
        return ThreadCandidate(
            number: number,
            state: TicketState(rawValue: row["state"]) ?? .open,
            customer: row["customer_address"],
            participants: Set(participants),
            updatedAt: row["updated_at"]
        )
    }

    // MARK: - Snapshot

    func isStored(_ mail: IncomingMail) throws -> Bool {
        if let source = mail.source, try SQLiteStorage.isStored(source, db: db) { return true }
        return try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM messages WHERE fingerprint = ? AND direction = 'in')"),
                arguments: [mail.fingerprint]) ?? false
    }

    func ticket(number: Int) throws -> Ticket? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM tickets WHERE number = ?"), arguments: [number]).map(Ticket.init(row:))
    }

    func nextTicketNumber() throws -> Int {
        // AUTOINCREMENT keeps the highest number ever used in sqlite_sequence: numbers are never reused.
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0) + 1")) ?? 1
    }

    func openAhead(of number: Int, queue: String) throws -> Int {
        try openAhead.count(below: number, queue: queue) { from, below in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM tickets WHERE queue = ? AND state IN ('new', 'open') AND number >= ? AND number < ?"),
                arguments: [queue, from, below]) ?? 0
        }
    }

    func messageCount(from sender: String, since: Date) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND from_address = ? COLLATE NOCASE AND received_at >= ?"),
            arguments: [sender, since]) ?? 0
    }

    func acknowledgementCount(to recipient: String, since: Date) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND recipients = ? COLLATE NOCASE AND created_at >= ?"),
            arguments: [recipient, since]) ?? 0
    }

    func acknowledgementCount(since: Date) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND created_at >= ?"), arguments: [since]) ?? 0
    }

    func visitOpeningSketches(
        since: Date, band: String, _ visit: (_ sender: String, _ sketch: UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws {
        // From the covering index, through a cursor, each sketch read where SQLite holds it: the
        // guard stops as soon as it has seen enough copies.
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: """
                SELECT from_address, text_sketch FROM messages WHERE text_band = ? AND received_at >= ? AND text_sketch IS NOT NULL
                ORDER BY received_at DESC LIMIT 1000
                """),
            arguments: [band, since])
        while let row = try rows.next() {
            let more = try row.withUnsafeData(atIndex: 1) { data in
                try (data ?? Data()).withUnsafeBytes { bytes in try visit(row[0], bytes.bindMemory(to: UInt8.self)) }
            }
            if !more { return }
        }
    }

    func conversation(ticket number: Int) throws -> Conversation {
        let ids = try String.fetchAll(
            db.cachedStatement(sql: "SELECT message_id FROM messages WHERE ticket_number = ? AND message_id IS NOT NULL ORDER BY id"), arguments: [number])
        let lastCustomer = try String.fetchOne(
            db.cachedStatement(sql: "SELECT message_id FROM messages WHERE ticket_number = ? AND kind = 'customer' AND message_id IS NOT NULL ORDER BY id DESC"),
            arguments: [number])
        return Conversation(messageIDs: ids, lastCustomerMessageID: lastCustomer)
    }

    func lastSequence(ticket number: Int, kind: MessageKind) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(sequence) FROM outbox WHERE ticket_number = ? AND kind = ?"),
            arguments: [number, kind.rawValue]) ?? 0
    }

    func promiseCount(ticket number: Int) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM promises WHERE ticket_number = ?"), arguments: [number]) ?? 0
    }

    func assignmentLoad() throws -> AssignmentLoad {
        let open = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT assignee, COUNT(*) AS n FROM tickets WHERE assignee IS NOT NULL AND state IN ('new', 'open') GROUP BY assignee"))
        let last = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT queue, assignee FROM tickets t WHERE number = (
                SELECT MAX(number) FROM tickets WHERE queue = t.queue AND assignee IS NOT NULL)
            """))
        return AssignmentLoad(
            open: Dictionary(uniqueKeysWithValues: open.map { ($0["assignee"] as String, $0["n"] as Int) }),
            lastAssigned: Dictionary(last.map { ($0["queue"] as String, $0["assignee"] as String) }, uniquingKeysWith: { first, _ in first }))
    }

    func assignedOpenTickets() throws -> [AssignedTicket] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT number, assignee, queue, language FROM tickets WHERE assignee IS NOT NULL AND state IN ('new', 'open', 'waiting')")
        ).map { AssignedTicket(number: $0["number"], assignee: $0["assignee"], queue: $0["queue"], language: $0["language"]) }
    }

    func unassignedOpenTickets(limit: Int) throws -> [Ticket] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM tickets WHERE assignee IS NULL AND state IN ('new', 'open') ORDER BY number LIMIT ?"),
                arguments: [limit]
        ).map(Ticket.init(row:))
    }

    func requestType(ticket number: Int) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT request_type FROM tickets WHERE number = ?"), arguments: [number])
    }

    func currentStep(ticket number: Int) throws -> StepPosition? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT step, step_entered_at FROM tickets WHERE number = ? AND step IS NOT NULL"),
            arguments: [number]).map {
            StepPosition(step: $0["step"], enteredAt: $0["step_entered_at"])
        }
    }

    func steppedTickets() throws -> [SteppedTicket] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT number, request_type, step, step_entered_at,
                   (SELECT count(*) FROM ticket_steps WHERE ticket_number = tickets.number AND step = tickets.step) AS visits,
                   (SELECT group_concat(sequence) FROM outbox WHERE ticket_number = tickets.number AND kind = 'escalation' AND sequence >= 1000000) AS sent
            FROM tickets WHERE step IS NOT NULL AND state IN ('new', 'open', 'waiting')
            """)).compactMap { row in
            guard let type: String = row["request_type"] else { return nil }
            let sent = ((row["sent"] as String?) ?? "").split(separator: ",").compactMap { Int($0) }
            return SteppedTicket(
                number: row["number"], requestType: type, position: StepPosition(step: row["step"], enteredAt: row["step_entered_at"]),
                visit: max(0, (row["visits"] as Int? ?? 1) - 1), sentRungs: Set(sent))
        }
    }

    func heldMail(ticket number: Int) throws -> [HeldMail] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT id, raw, held_reason FROM messages WHERE ticket_number = ? AND held_reason IS NOT NULL ORDER BY id"),
                arguments: [number]
        ).map { HeldMail(row: $0["id"], raw: [UInt8](($0["raw"] as Data?) ?? Data()), reason: $0["held_reason"]) }
    }

    // MARK: - Effects

    func apply(_ effects: [DeskEffect], incoming: IncomingMail?, now: Date) throws -> Int {
        var queued = 0
        // The incoming row is written once with its signature and hold: an UPDATE afterwards
        // would write a multi-megabyte row to the WAL a second time.
        var signature: NearDuplicateText?
        var heldReason: String?
        for effect in effects {
            if case let .signIncoming(value) = effect { signature = value }
            if case let .holdIncoming(reason) = effect { heldReason = reason }
        }
        for effect in effects {
            switch effect {
            case let .openTicket(number, new):
                try db.cachedStatement(
                    sql: """
                        INSERT INTO tickets (number, subject, normalized_subject, state, queue, priority, language, channel,
                            customer_address, customer_name, linked_to, created_at, updated_at, assignee, request_type, rules)
                        VALUES (?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [
                        number, new.subject, new.normalizedSubject, new.queue, new.priority, new.language, new.channel,
                        new.customer.address, new.customer.name, new.linkedTo, now, now, new.assignee, new.requestType,
                        new.rules.joined(separator: "\n"),
                    ])
                try addParticipants([new.customer.address], ticket: number)
            case let .storeIncoming(ticket, kind, classification, dropKey):
                guard let incoming else { throw StorageError.effectWithoutMail }
                try insertIncoming(
                    incoming, ticket: ticket, kind: kind, classification: classification, dropKey: dropKey, signature: signature, heldReason: heldReason)
            case .signIncoming, .holdIncoming:
                guard incoming != nil else { throw StorageError.effectWithoutMail }
            case let .releaseHeld(row):
                try db.cachedStatement(sql: "UPDATE messages SET held_reason = NULL WHERE id = ?").execute(arguments: [row])
            case let .storeChannelMessage(ticket, from, subject, text, channel):
                try db.cachedStatement(
                    sql: """
                        INSERT INTO messages (ticket_number, direction, kind, from_address, recipients, subject, text, raw, mailbox, received_at, classification)
                        VALUES (?, 'in', 'customer', ?, '', ?, ?, ?, ?, ?, 'person')
                        """).execute(arguments: [ticket, from, subject, text, Data(text.utf8), channel, now])
            case let .addEvent(ticket, event):
                try SQLiteStorage.addEvent(event, ticket: ticket, db: db)
            case let .setState(ticket, state):
                openAhead.forget()
                try db.cachedStatement(sql: "UPDATE tickets SET state = ? WHERE number = ?").execute(arguments: [state.rawValue, ticket])
            case let .touch(ticket, at):
                try db.cachedStatement(sql: "UPDATE tickets SET updated_at = ? WHERE number = ?").execute(arguments: [at, ticket])
            case let .recordPromise(ticket, promisedBy):
                try db.cachedStatement(sql: "UPDATE tickets SET promised_by = ? WHERE number = ?").execute(arguments: [promisedBy, ticket])
                try db.cachedStatement(sql: "INSERT INTO promises (ticket_number, promised_by, made_at) VALUES (?, ?, ?)"
                    ).execute(arguments: [ticket, promisedBy, now])
            case let .clearPromise(ticket):
                try db.cachedStatement(sql: "UPDATE tickets SET promised_by = NULL WHERE number = ?").execute(arguments: [ticket])
            case let .assign(ticket, assignee):
                try db.cachedStatement(sql: "UPDATE tickets SET assignee = ? WHERE number = ?").execute(arguments: [assignee, ticket])
            case let .enterStep(ticket, _, step, enteredAt, dueAt):
                try db.cachedStatement(
                    sql: "UPDATE tickets SET step = ?, step_entered_at = ?, step_due_at = ? WHERE number = ?"
                    ).execute(arguments: [step, enteredAt, dueAt, ticket])
                try db.cachedStatement(
                    sql: "INSERT INTO ticket_steps (ticket_number, step, entered_at, due_at) VALUES (?, ?, ?, ?)"
                    ).execute(arguments: [ticket, step, enteredAt, dueAt])
            case let .unassign(ticket):
                try db.cachedStatement(sql: "UPDATE tickets SET assignee = NULL WHERE number = ?").execute(arguments: [ticket])
            case let .setPriority(ticket, priority):
                try db.cachedStatement(sql: "UPDATE tickets SET priority = ? WHERE number = ?").execute(arguments: [priority.rawValue, ticket])
            case let .setQueue(ticket, queue):
                openAhead.forget()
                try db.cachedStatement(sql: "UPDATE tickets SET queue = ? WHERE number = ?").execute(arguments: [queue, ticket])
            case let .rememberMessageIDs(ticket, ids):
                try SQLiteStorage.remember(messageIDs: ids, ticket: ticket, db: db)
            case let .addParticipants(ticket, addresses):
                try addParticipants(addresses, ticket: ticket)
            case let .queueMail(mail, author, onQueued):
                guard try SQLiteStorage.enqueue(mail, now: now, db: db, from: author) else { continue }
                queued += 1
                if let onQueued { try SQLiteStorage.addEvent(onQueued, ticket: mail.ticketNumber, db: db) }
            case let .trainHam(ticket):
                try SQLiteStorage.trainHamOnce(ticket: ticket, now: now, db: db)
            case .logTime, .removeTime, .recordContractMail:
                try applyTimeEffect(effect, now: now)
            }
        }
        return queued
    }

    private func addParticipants(_ addresses: [String], ticket: Int) throws {
        for address in Set(addresses) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO participants (ticket_number, address) VALUES (?, ?)").execute(arguments: [ticket, address])
        }
    }

    private func insertIncoming(
        _ mail: IncomingMail, ticket: Int?, kind: MessageKind, classification: String, dropKey: String?, signature: NearDuplicateText?, heldReason: String?
    ) throws {
        let message = mail.message
        let recipients = (message.to + message.cc).map(\.address)
        try db.cachedStatement(
            sql: """
                INSERT INTO messages (ticket_number, direction, kind, message_id, from_address, recipients, subject, text,
                    raw, fingerprint, mailbox, uid_validity, uid, received_at, internal_date, date_header,
                    classification, drop_key, defects, spam_score, text_sketch, text_band, held_reason)
                VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                ticket, kind.rawValue, message.messageID, message.from.first?.address ?? "",
                recipients.joined(separator: "\n"), message.subject ?? "", message.textBody, Data(mail.raw),
                mail.fingerprint, mail.mailbox, mail.source?.uidValidity, mail.source?.uid, mail.receivedAt,
                mail.internalDate, message.date, classification, dropKey,
                message.defects.map(\.description).joined(separator: "\n"), mail.spam?.score, signature.map { Data($0.sketch) },
                signature?.band, heldReason,
            ])
        let messageRow = db.lastInsertedRowID
        for (position, attachment) in mail.attachments.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO attachments (message_id, position, filename, content_type, size, inline, sha256, not_stored_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [
                    messageRow, position, attachment.filename, attachment.contentType, attachment.size, attachment.isInline,
                    attachment.sha256, attachment.notStoredReason,
                ])
        }
    }
}

extension Ticket {
    /// A `tickets` row.
    init(row: Row) {
        self.init(
            number: row["number"], subject: row["subject"], normalizedSubject: row["normalized_subject"],
            state: TicketState(rawValue: row["state"]) ?? .open, queue: row["queue"], priority: row["priority"],
            language: row["language"], channel: row["channel"],
            customer: Customer(address: row["customer_address"], name: row["customer_name"]),
            assignee: row["assignee"], createdAt: row["created_at"], updatedAt: row["updated_at"],
            promisedBy: row["promised_by"])
    }
}
