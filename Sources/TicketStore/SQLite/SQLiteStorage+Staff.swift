import Foundation
import GRDB
import MailMessage
import TicketCore

extension SQLiteStorage {
    public func staffReply(ticket number: Int, from staff: String, text: String, rules: DeskRules, now: Date) throws -> OutgoingMail {
        try writer.write { db in
            guard let ticket = try loadTicket(number, db: db) else { throw StorageError.noSuchTicket(number) }
            return try relayStaffAnswer(ticket, from: staff.lowercased(), text: text, detail: "answered by \(staff.lowercased())", rules: rules, now: now, db: db)
        }
    }

    /// Queues `text` to the customer as the staff answer on `ticket`: the promise is fulfilled and
    /// the ticket waits on the customer.
    func relayStaffAnswer(
        _ ticket: Ticket, from staff: String, text: String, detail: String, rules: DeskRules, now: Date, db: Database
    ) throws -> OutgoingMail {
        let number = ticket.number
        let sequence = (try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM outbox WHERE ticket_number = ? AND kind = 'staff'", arguments: [number]) ?? 0) + 1
        let envelope = try conversationEnvelope(ticket, rules: rules, db: db)
        let mail = rules.composer(forQueue: ticket.queue).staffReply(ticket: ticket, text: text, envelope: envelope, sequence: sequence, now: now)
        _ = try enqueue(mail, now: now, db: db, from: staff)
        try recordStaffAnswer(ticket: number, staff: staff, detail: detail, now: now, db: db)
        try db.execute(sql: "UPDATE tickets SET state = 'waiting', updated_at = ? WHERE number = ?", arguments: [now, number])
        try addEvent(number, now, .stateChanged, "staff:\(staff)", "\(ticket.state.rawValue) → waiting", db: db)
        return mail
    }

    /// Staff mail that arrived on a ticket; true when it queued mail.
    ///
    /// - Sent to the customer too (To or Cc): the customer has the answer; it is recorded and
    ///   fulfils the promise.
    /// - Sent only to the desk, new text starting with `#note`: an internal note; the customer
    ///   gets nothing and the promise stands.
    /// - Sent only to the desk otherwise (a reply to an alarm, a mail with the tag): the new text,
    ///   without the quoted history, is relayed to the customer as the staff answer.
    func recordStaffMail(
        _ message: MailMessage, ticket number: Int, staff: String, threadedBy rule: ThreadMatcher.Rule, rules: DeskRules, now: Date, db: Database
    ) throws -> Bool {
        guard let ticket = try loadTicket(number, db: db) else { return false }
        let recipients = Set((message.to + message.cc).map(\.normalized))
        if recipients.contains(ticket.customer.address) {
            try recordStaffAnswer(ticket: number, staff: staff, detail: "answered the customer directly (threaded by \(rule.rawValue))", now: now, db: db)
            return false
        }
        let text = message.newText.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.lowercased().hasPrefix(Self.internalNoteMarker) || text.isEmpty {
            try addEvent(number, now, .noted, "staff:\(staff)", "internal note, not sent to the customer; the promise stands", db: db)
            return false
        }
        _ = try relayStaffAnswer(ticket, from: staff, text: text, detail: "answered by mail to the desk; relayed to the customer", rules: rules, now: now, db: db)
        return true
    }

    /// The customer has a staff answer: the event, the promise fulfilled, the first message trained as ham.
    func recordStaffAnswer(ticket number: Int, staff: String, detail: String, now: Date, db: Database) throws {
        try addEvent(number, now, .staffReplied, "staff:\(staff)", detail, db: db)
        try fulfilPromise(ticket: number, answeredAt: now, db: db)
        try trainHamOnce(ticket: number, now: now, db: db)
    }

    /// What a staff mail to the desk starts with to stay an internal note.
    static let internalNoteMarker = "#note"

    public func changeState(ticket number: Int, to state: TicketState, actor: String, rules: DeskRules, now: Date) throws {
        try writer.write { db in
            guard let ticket = try loadTicket(number, db: db) else { throw StorageError.noSuchTicket(number) }
            guard ticket.state != state else { return }
            try db.execute(sql: "UPDATE tickets SET state = ?, updated_at = ? WHERE number = ?", arguments: [state.rawValue, now, number])
            try addEvent(number, now, state == .open && [.resolved, .closed].contains(ticket.state) ? .reopened : .stateChanged, actor,
                         "\(ticket.state.rawValue) → \(state.rawValue)", db: db)
            switch state {
            case .resolved, .closed, .waiting:
                try db.execute(sql: "UPDATE tickets SET promised_by = NULL WHERE number = ?", arguments: [number])
            case .open, .new:
                if ticket.promisedBy == nil { try makePromise(ticket: number, first: false, rules: rules, now: now, db: db) }
            }
        }
    }

    public func assign(ticket number: Int, to assignee: String, actor: String, now: Date) throws {
        try writer.write { db in
            guard try loadTicket(number, db: db) != nil else { throw StorageError.noSuchTicket(number) }
            try db.execute(sql: "UPDATE tickets SET assignee = ?, updated_at = ? WHERE number = ?", arguments: [assignee.lowercased(), now, number])
            try addEvent(number, now, .assigned, actor, "assigned to \(assignee.lowercased())", db: db)
        }
    }

    public func createTicket(channel: String, customer: Customer, subject: String, text: String, queue: String, rules: DeskRules, now: Date) throws -> Int {
        try writer.write { db in
            let language = LanguageDetector.detect(subject + "\n" + text) ?? rules.planner.defaultLanguage
            let new = NewTicket(
                subject: subject, normalizedSubject: SubjectNormalizer.normalize(subject, tagFormat: rules.planner.matcher.tagFormat),
                customer: customer, queue: queue, language: language, channel: channel)
            let number = try insertTicket(new, now: now, db: db)
            try addEvent(number, now, .created, "system", "opened by CLI for the \(channel) channel", db: db)
            try db.execute(
                sql: """
                    INSERT INTO messages (ticket_number, direction, kind, from_address, recipients, subject, text, raw, mailbox, received_at, classification)
                    VALUES (?, 'in', 'customer', ?, '', ?, ?, ?, ?, ?, 'person')
                    """,
                arguments: [number, customer.address, subject, text, Data(text.utf8), channel, now])
            let promise = try makePromise(ticket: number, first: true, rules: rules, now: now, db: db)
            if let ticket = try loadTicket(number, db: db) {
                let envelope = rules.envelope(ticket: number, queue: queue, inReplyTo: nil, references: [])
                if let ack = rules.composer(forQueue: queue).acknowledgement(ticket: ticket, recipient: customer.address, envelope: envelope, promise: promise, now: now),
                    try enqueue(ack, now: now, db: db)
                {
                    try addEvent(number, now, .acknowledged, "system", "acknowledgement queued to \(customer.address)", db: db)
                }
            }
            return number
        }
    }

    public func customerHistory(address: String, organisations: [String: String]) throws -> CustomerView {
        try writer.read { db in
            let normalized = address.lowercased()
            let domain = normalized.split(separator: "@").last.map(String.init) ?? ""
            let organisationWide = !domain.isEmpty && !FreemailDomains.contains(domain)
            var domains = organisationWide ? [domain] : []
            if let name = organisations[domain] {
                domains += organisations.filter { $0.value == name && $0.key != domain }.map(\.key).sorted()
            }
            let patterns = domains.map { "%@" + $0.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") }
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM tickets WHERE customer_address = ?"
                    + String(repeating: " OR customer_address LIKE ? ESCAPE '\\'", count: patterns.count)
                    + " ORDER BY created_at DESC, number DESC",
                arguments: StatementArguments([normalized] + patterns))
            let tickets = try rows.map { try ticketView($0, db: db, detailed: false) }
            let name = try String.fetchOne(
                db, sql: "SELECT customer_name FROM tickets WHERE customer_address = ? AND customer_name IS NOT NULL ORDER BY number DESC LIMIT 1",
                arguments: [normalized])
            let language = try String.fetchOne(
                db, sql: "SELECT language FROM tickets WHERE customer_address = ? ORDER BY number DESC LIMIT 1", arguments: [normalized])
            return CustomerView(
                address: normalized, name: name, organisation: organisations[domain] ?? (organisationWide ? domain : nil),
                language: language, tickets: tickets)
        }
    }

    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
    }

    public func recordCycle(_ status: CycleStatus) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO daemon_state (key, value) VALUES ('last_cycle', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [String(decoding: try JSONEncoder.iso.encode(status), as: UTF8.self)])
        }
    }

    public func lastCycle() throws -> CycleStatus? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM daemon_state WHERE key = 'last_cycle'").flatMap {
                try? JSONDecoder.iso.decode(CycleStatus.self, from: Data($0.utf8))
            }
        }
    }

    public func overdueTickets(now: Date) throws -> [Int] {
        try writer.read { db in
            try Int.fetchAll(
                db, sql: "SELECT number FROM tickets WHERE promised_by IS NOT NULL AND promised_by < ? AND state IN ('new', 'open') ORDER BY number",
                arguments: [now])
        }
    }

    public func addAbsence(staff: String, firstDay: String, lastDay: String, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO absences (staff, first_day, last_day, created_at) VALUES (?, ?, ?, ?)",
                arguments: [staff.lowercased(), firstDay, lastDay, now])
        }
    }

    public func absences() throws -> [(staff: String, firstDay: String, lastDay: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT staff, first_day, last_day FROM absences ORDER BY first_day").map {
                (staff: $0["staff"], firstDay: $0["first_day"], lastDay: $0["last_day"])
            }
        }
    }

    func conversationEnvelope(_ ticket: Ticket, rules: DeskRules, db: Database) throws -> TicketMailComposer.Envelope {
        let ids = try String.fetchAll(
            db, sql: "SELECT message_id FROM messages WHERE ticket_number = ? AND message_id IS NOT NULL ORDER BY id", arguments: [ticket.number])
        let lastCustomer = try String.fetchOne(
            db, sql: "SELECT message_id FROM messages WHERE ticket_number = ? AND kind = 'customer' AND message_id IS NOT NULL ORDER BY id DESC",
            arguments: [ticket.number])
        return rules.envelope(ticket: ticket.number, queue: ticket.queue, inReplyTo: lastCustomer, references: ids)
    }
}

extension JSONEncoder {
    static var iso: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
