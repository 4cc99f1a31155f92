import Foundation
import MailMessage
import PostgresNIO
import TicketCore
import TicketStore

/// The desk core's view of PostgreSQL inside one SERIALIZABLE transaction: snapshot reads, and
/// the application of effects. All PostgreSQL dialect of the desk's writes lives here.
final class PostgresDeskTransaction: DeskTransaction {
    let session: PostgresSession
    /// The ticket number reserved from the sequence and not yet used by an `openTicket` effect.
    private var reserved: Int?
    /// The queues' open counts asked for so far in this transaction.
    private let openAhead = OpenAheadMemo()

    init(session: PostgresSession) {
        self.session = session
    }

    // MARK: - Threading

    func candidate(number: Int) throws -> ThreadCandidate? {
        try session.row("SELECT number, state, customer_address, updated_at FROM tickets WHERE number = \(number)").map(candidate(from:))
    }

    func ticketNumber(forAnyOf messageIDs: [String]) throws -> Int? {
        guard !messageIDs.isEmpty else { return nil }
        return try session.value("SELECT MAX(ticket_number) FROM message_ids WHERE message_id = ANY(\(messageIDs)::text[])", as: Int.self)
    }

    func candidates(customer: String, normalizedSubject: String, since: Date) throws -> [ThreadCandidate] {
        try session.rows("""
            SELECT number, state, customer_address, updated_at FROM tickets
            WHERE customer_address = \(customer) AND normalized_subject = \(normalizedSubject) AND updated_at >= \(since)
            """).map(candidate(from:))
    }

    func preferredLanguage(customer: String) throws -> String? {
        try session.value("SELECT language FROM tickets WHERE customer_address = \(customer) ORDER BY number DESC LIMIT 1", as: String.self)
    }

    private func candidate(from row: PostgresRandomAccessRow) throws -> ThreadCandidate {
        let number = try row.get("number", as: Int.self)
        let participants = try session.rows("SELECT address FROM participants WHERE ticket_number = \(number)").map { try $0.get("address", as: String.self) }
        return ThreadCandidate(
            number: number, state: TicketState(rawValue: try row.get("state")) ?? .open, customer: try row.get("customer_address"),
            participants: Set(participants), updatedAt: try row.get("updated_at"))
    }

    // MARK: - Snapshot

    func isStored(_ mail: IncomingMail) throws -> Bool {
        if let source = mail.source, try PostgresStorage.isStored(source, session: session) { return true }
        return try session.value(
            "SELECT EXISTS(SELECT 1 FROM messages WHERE fingerprint = \(mail.fingerprint) AND direction = 'in')", as: Bool.self) ?? false
    }

    func ticket(number: Int) throws -> Ticket? {
        try session.row("SELECT * FROM tickets WHERE number = \(number)").map(Ticket.init(postgres:))
    }

    /// `nextval` once per transaction: the number stays reserved (the same on every call, as
    /// SQLite's next row id) until an `openTicket` effect uses it. A rolled-back transaction
    /// leaves a gap; a number is never given twice, however many daemons open tickets at once.
    func nextTicketNumber() throws -> Int {
        if let reserved { return reserved }
        let number = try session.value("SELECT nextval('ticket_numbers')", as: Int.self) ?? 1
        reserved = number
        return number
    }

    func openAhead(of number: Int, queue: String) throws -> Int {
        try openAhead.count(below: number, queue: queue) { from, below in
            try session.value(
                "SELECT COUNT(*) FROM tickets WHERE queue = \(queue) AND state IN ('new', 'open') AND number >= \(from) AND number < \(below)",
                as: Int.self) ?? 0
        }
    }

    func messageCount(from sender: String, since: Date) throws -> Int {
        try session.value(
            "SELECT COUNT(*) FROM messages WHERE direction = 'in' AND lower(from_address) = lower(\(sender)) AND received_at >= \(since)", as: Int.self) ?? 0
    }

    func acknowledgementCount(to recipient: String, since: Date) throws -> Int {
        try session.value(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND lower(recipients) = lower(\(recipient)) AND created_at >= \(since)", as: Int.self) ?? 0
    }

    func acknowledgementCount(since: Date) throws -> Int {
        try session.value("SELECT COUNT(*) FROM outbox WHERE kind = 'ack' AND created_at >= \(since)", as: Int.self) ?? 0
    }

    func visitOpeningSketches(
        since: Date, band: String, _ visit: (_ sender: String, _ sketch: UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws {
        for row in try session.rows("""
            SELECT from_address, text_sketch FROM messages WHERE text_band = \(band) AND received_at >= \(since) AND text_sketch IS NOT NULL
            ORDER BY received_at DESC LIMIT 1000
            """)
        {
            let sketch = try row.bytes("text_sketch")
            guard try sketch.withUnsafeBufferPointer({ try visit(try row.get("from_address"), $0) }) else { return }
        }
    }

    func conversation(ticket number: Int) throws -> Conversation {
        let ids = try session.rows("SELECT message_id FROM messages WHERE ticket_number = \(number) AND message_id IS NOT NULL ORDER BY id")
            .map { try $0.get("message_id", as: String.self) }
        let lastCustomer = try session.value(
            "SELECT message_id FROM messages WHERE ticket_number = \(number) AND kind = 'customer' AND message_id IS NOT NULL ORDER BY id DESC LIMIT 1",
            as: String.self)
        return Conversation(messageIDs: ids, lastCustomerMessageID: lastCustomer)
    }

    func lastSequence(ticket number: Int, kind: MessageKind) throws -> Int {
        try session.value("SELECT MAX(sequence) FROM outbox WHERE ticket_number = \(number) AND kind = \(kind.rawValue)", as: Int.self) ?? 0
    }

    func promiseCount(ticket number: Int) throws -> Int {
        try session.value("SELECT COUNT(*) FROM promises WHERE ticket_number = \(number)", as: Int.self) ?? 0
    }

    func assignmentLoad() throws -> AssignmentLoad {
        let open = try session.rows(
            "SELECT assignee, COUNT(*) AS n FROM tickets WHERE assignee IS NOT NULL AND state IN ('new', 'open') GROUP BY assignee")
        let last = try session.rows("""
            SELECT queue, assignee FROM tickets t WHERE number = (
                SELECT MAX(number) FROM tickets WHERE queue = t.queue AND assignee IS NOT NULL)
            """)
        return AssignmentLoad(
            open: Dictionary(uniqueKeysWithValues: try open.map { (try $0.get("assignee", as: String.self), try $0.get("n", as: Int.self)) }),
            lastAssigned: Dictionary(
                try last.map { (try $0.get("queue", as: String.self), try $0.get("assignee", as: String.self)) }, uniquingKeysWith: { first, _ in first }))
    }

    func assignedOpenTickets() throws -> [AssignedTicket] {
        try session.rows(
            "SELECT number, assignee, queue, language FROM tickets WHERE assignee IS NOT NULL AND state IN ('new', 'open', 'waiting') ORDER BY number"
        ).map { AssignedTicket(number: try $0.get("number"), assignee: try $0.get("assignee"), queue: try $0.get("queue"), language: try $0.get("language")) }
    }

    func unassignedOpenTickets(limit: Int) throws -> [Ticket] {
        try session.rows("SELECT * FROM tickets WHERE assignee IS NULL AND state IN ('new', 'open') ORDER BY number LIMIT \(limit)")
            .map(Ticket.init(postgres:))
    }

    func requestType(ticket number: Int) throws -> String? {
        try session.value("SELECT request_type FROM tickets WHERE number = \(number)", as: String.self)
    }

    func currentStep(ticket number: Int) throws -> StepPosition? {
        try session.row("SELECT step, step_entered_at FROM tickets WHERE number = \(number) AND step IS NOT NULL").map {
            StepPosition(step: try $0.get("step"), enteredAt: try $0.get("step_entered_at"))
        }
    }

    func steppedTickets() throws -> [SteppedTicket] {
        try session.rows("""
            SELECT number, request_type, step, step_entered_at,
                   (SELECT count(*) FROM ticket_steps WHERE ticket_number = tickets.number AND step = tickets.step) AS visits,
                   (SELECT string_agg(sequence::text, ',') FROM outbox
                    WHERE ticket_number = tickets.number AND kind = 'escalation' AND sequence >= 1000000) AS sent
            FROM tickets WHERE step IS NOT NULL AND state IN ('new', 'open', 'waiting') ORDER BY number
            """).compactMap { row in
            guard let type = try row.get("request_type", as: String?.self) else { return nil }
            let sent = (try row.get("sent", as: String?.self) ?? "").split(separator: ",").compactMap { Int($0) }
            return SteppedTicket(
                number: try row.get("number"), requestType: type,
                position: StepPosition(step: try row.get("step"), enteredAt: try row.get("step_entered_at")),
                visit: max(0, try row.get("visits", as: Int.self) - 1), sentRungs: Set(sent))
        }
    }

    func heldMail(ticket number: Int) throws -> [HeldMail] {
        try session.rows("SELECT id, raw, held_reason FROM messages WHERE ticket_number = \(number) AND held_reason IS NOT NULL ORDER BY id").map {
            HeldMail(row: Int64(try $0.get("id", as: Int.self)), raw: try $0.bytes("raw"), reason: try $0.get("held_reason"))
        }
    }

    func minutesLogged(domains: [String], from: Date, to: Date) throws -> Int {
        try PostgresStorage.minutesLogged(domains: domains, from: from, to: to, session: session)
    }

    func contractMailSent(key: String) throws -> Bool {
        try session.value("SELECT EXISTS(SELECT 1 FROM contract_mail WHERE key = \(key))", as: Bool.self) ?? false
    }

    func timeEntries(ticket: Int) throws -> [TimeEntry] {
        try PostgresStorage.timeEntries(ticket: ticket, session: session)
    }

    // MARK: - Effects

    func apply(_ effects: [DeskEffect], incoming: IncomingMail?, now: Date) throws -> Int {
        var queued = 0
        var signature: NearDuplicateText?
        var heldReason: String?
        for effect in effects {
            if case let .signIncoming(value) = effect { signature = value }
            if case let .holdIncoming(reason) = effect { heldReason = reason }
        }
        for effect in effects {
            switch effect {
            case let .openTicket(number, new):
                try open(number, new, now: now)
            case let .storeIncoming(ticket, kind, classification, dropKey):
                guard let incoming else { throw StorageError.effectWithoutMail }
                try insertIncoming(
                    incoming, ticket: ticket, kind: kind, classification: classification, dropKey: dropKey, signature: signature, heldReason: heldReason)
            case .signIncoming, .holdIncoming:
                guard incoming != nil else { throw StorageError.effectWithoutMail }
            case let .releaseHeld(row):
                try session.execute("UPDATE messages SET held_reason = NULL WHERE id = \(Int(row))")
            case let .storeChannelMessage(ticket, from, subject, text, channel):
                try session.execute("""
                    INSERT INTO messages (ticket_number, direction, kind, from_address, recipients, subject, text, raw, mailbox, received_at, classification)
                    VALUES (\(ticket), 'in', 'customer', \(from), '', \(subject), \(text), \(Data(text.utf8)), \(channel), \(now), 'person')
                    """)
            case let .addEvent(ticket, event):
                try PostgresStorage.addEvent(event, ticket: ticket, session: session)
            case let .setState(ticket, state):
                openAhead.forget()
                try session.execute("UPDATE tickets SET state = \(state.rawValue) WHERE number = \(ticket)")
            case let .touch(ticket, at):
                try session.execute("UPDATE tickets SET updated_at = \(at) WHERE number = \(ticket)")
            case let .recordPromise(ticket, promisedBy):
                try session.execute("UPDATE tickets SET promised_by = \(promisedBy) WHERE number = \(ticket)")
                try session.execute("INSERT INTO promises (ticket_number, promised_by, made_at) VALUES (\(ticket), \(promisedBy), \(now))")
            case let .clearPromise(ticket):
                try session.execute("UPDATE tickets SET promised_by = NULL WHERE number = \(ticket)")
            case let .assign(ticket, assignee):
                try session.execute("UPDATE tickets SET assignee = \(assignee) WHERE number = \(ticket)")
            case let .enterStep(ticket, _, step, enteredAt, dueAt):
                try session.execute("UPDATE tickets SET step = \(step), step_entered_at = \(enteredAt), step_due_at = \(dueAt) WHERE number = \(ticket)")
                try session.execute(
                    "INSERT INTO ticket_steps (ticket_number, step, entered_at, due_at) VALUES (\(ticket), \(step), \(enteredAt), \(dueAt))")
            case let .unassign(ticket):
                try session.execute("UPDATE tickets SET assignee = NULL WHERE number = \(ticket)")
            case let .setPriority(ticket, priority):
                try session.execute("UPDATE tickets SET priority = \(priority.rawValue) WHERE number = \(ticket)")
            case let .setQueue(ticket, queue):
                openAhead.forget()
                try session.execute("UPDATE tickets SET queue = \(queue) WHERE number = \(ticket)")
            case let .rememberMessageIDs(ticket, ids):
                try PostgresStorage.remember(messageIDs: ids, ticket: ticket, session: session)
            case let .addParticipants(ticket, addresses):
                try addParticipants(addresses, ticket: ticket)
            case let .queueMail(mail, author, onQueued):
                guard try PostgresStorage.enqueue(mail, now: now, session: session, from: author) else { continue }
                queued += 1
                if let onQueued { try PostgresStorage.addEvent(onQueued, ticket: mail.ticketNumber, session: session) }
            case let .trainHam(ticket):
                try PostgresStorage.trainHamOnce(ticket: ticket, now: now, session: session)
            case let .logTime(ticket, entry):
                let domain = try session.value("SELECT customer_address FROM tickets WHERE number = \(ticket)", as: String.self)
                    .map { Customer(address: $0).domain.lowercased() } ?? ""
                try session.execute("""
                    INSERT INTO time_entries (ticket_number, staff, minutes, note, at, domain, created_at)
                    VALUES (\(ticket), \(entry.staff), \(entry.minutes), \(entry.note), \(entry.at), \(domain), \(now))
                    """)
            case let .removeTime(ticket, id):
                try session.execute("DELETE FROM time_entries WHERE id = \(Int(id)) AND ticket_number = \(ticket)")
            case let .recordContractMail(key, ticket):
                try session.execute("INSERT INTO contract_mail (key, ticket_number, sent_at) VALUES (\(key), \(ticket), \(now))")
            }
        }
        return queued
    }

    /// Inserts ticket `number`. The core numbers the tickets it opens in one decision from the
    /// reserved number on (contract mail: reserved, reserved + 1, …); a number past the reserved
    /// one is taken from the sequence too, and if another daemon got it first the transaction
    /// fails as a conflict and runs again with fresh numbers.
    private func open(_ number: Int, _ new: NewTicket, now: Date) throws {
        if reserved == number {
            reserved = nil
        } else {
            let next = try session.value("SELECT nextval('ticket_numbers')", as: Int.self)
            guard next == number else {
                throw PostgresStoreError(sqlState: "40001", message: "ticket number \(number) was taken by another daemon", doing: "open a ticket")
            }
        }
        try session.execute("""
            INSERT INTO tickets (number, subject, normalized_subject, state, queue, priority, language, channel,
                customer_address, customer_name, linked_to, created_at, updated_at, assignee, request_type, rules)
            VALUES (\(number), \(new.subject), \(new.normalizedSubject), 'new', \(new.queue), \(new.priority), \(new.language), \(new.channel),
                \(new.customer.address), \(new.customer.name), \(new.linkedTo), \(now), \(now), \(new.assignee), \(new.requestType),
                \(new.rules.joined(separator: "\n")))
            """)
        try addParticipants([new.customer.address], ticket: number)
    }

    private func addParticipants(_ addresses: [String], ticket: Int) throws {
        let unique = Array(Set(addresses))
        guard !unique.isEmpty else { return }
        try session.execute("""
            INSERT INTO participants (ticket_number, address) SELECT \(ticket), address FROM unnest(\(unique)::text[]) AS address ON CONFLICT DO NOTHING
            """)
    }

    private func insertIncoming(
        _ mail: IncomingMail, ticket: Int?, kind: MessageKind, classification: String, dropKey: String?, signature: NearDuplicateText?, heldReason: String?
    ) throws {
        let message = mail.message
        let recipients = (message.to + message.cc).map(\.address).joined(separator: "\n")
        let defects = message.defects.map(\.description).joined(separator: "\n")
        let band = signature?.band, sketch = signature.map { Data($0.sketch) }
        let uidValidity = mail.source.map { Int($0.uidValidity) }, uid = mail.source.map { Int($0.uid) }
        guard let row = try session.value("""
            INSERT INTO messages (ticket_number, direction, kind, message_id, from_address, recipients, subject, text,
                raw, fingerprint, mailbox, uid_validity, uid, received_at, internal_date, date_header,
                classification, drop_key, defects, spam_score, text_sketch, text_band, held_reason)
            VALUES (\(ticket), 'in', \(kind.rawValue), \(message.messageID), \(message.from.first?.address ?? ""), \(recipients),
                \(message.subject ?? ""), \(message.textBody), \(Data(mail.raw)), \(mail.fingerprint), \(mail.mailbox), \(uidValidity), \(uid),
                \(mail.receivedAt), \(mail.internalDate), \(message.date), \(classification), \(dropKey), \(defects), \(mail.spam?.score),
                \(sketch), \(band), \(heldReason))
            RETURNING id
            """, as: Int.self)
        else { return }
        for (position, attachment) in mail.attachments.enumerated() {
            try session.execute("""
                INSERT INTO attachments (message_id, position, filename, content_type, size, inline, sha256, not_stored_reason)
                VALUES (\(row), \(position), \(attachment.filename), \(attachment.contentType), \(attachment.size), \(attachment.isInline),
                    \(attachment.sha256), \(attachment.notStoredReason))
                """)
        }
    }
}

extension Ticket {
    /// A `tickets` row.
    init(postgres row: PostgresRandomAccessRow) throws {
        self.init(
            number: try row.get("number"), subject: try row.get("subject"), normalizedSubject: try row.get("normalized_subject"),
            state: TicketState(rawValue: try row.get("state")) ?? .open, queue: try row.get("queue"), priority: try row.get("priority"),
            language: try row.get("language"), channel: try row.get("channel"),
            customer: Customer(address: try row.get("customer_address"), name: try row.get("customer_name")),
            assignee: try row.get("assignee"), createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"),
            promisedBy: try row.get("promised_by"))
    }
}
