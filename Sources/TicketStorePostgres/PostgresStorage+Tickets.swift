import Foundation
import MailMessage
import PostgresNIO
import TicketCore
import TicketStore

/// Tickets as `tickets list/show`, `customers show` and the promise watcher read them.
extension PostgresStorage {
    public func tickets(_ filter: TicketFilter) throws -> [TicketView] {
        try read { session in
            var query: PostgresQuery = "SELECT * FROM tickets WHERE TRUE"
            if let state = filter.state { query.sql += " AND state = $\(query.binds.count + 1)"; query.binds.append(state.rawValue) }
            if let queue = filter.queue { query.sql += " AND queue = $\(query.binds.count + 1)"; query.binds.append(queue) }
            if let customer = filter.customer { query.sql += " AND customer_address = $\(query.binds.count + 1)"; query.binds.append(customer.lowercased()) }
            if let assignee = filter.assignee { query.sql += " AND assignee = $\(query.binds.count + 1)"; query.binds.append(assignee) }
            query.sql += " ORDER BY number"
            return try session.rows(query).map { try ticketView($0, session: session, detailed: false) }
        }
    }

    public func ticket(number: Int) throws -> TicketView? {
        try read { session in
            try session.row("SELECT * FROM tickets WHERE number = \(number)").map { try ticketView($0, session: session, detailed: true) }
        }
    }

    public func attachment(id: Int64, ticket: Int) throws -> AttachmentView? {
        try read { session in
            try session.row("""
                SELECT attachments.* FROM attachments JOIN messages ON messages.id = attachments.message_id
                WHERE attachments.id = \(Int(id)) AND messages.ticket_number = \(ticket)
                """).map(Self.attachmentView)
        }
    }

    /// Every open ticket with a promise, its queue and its place in that queue, in one pass.
    public func watchedTickets() throws -> [(queue: String, ticket: WatchedTicket)] {
        try read { session in
            try session.rows("""
                WITH open AS (
                    SELECT number, queue, state, promised_by, created_at,
                           ROW_NUMBER() OVER (PARTITION BY queue ORDER BY number) - 1 AS open_ahead
                    FROM tickets WHERE state IN ('new', 'open'))
                SELECT open.*,
                    (SELECT COUNT(*) FROM promises WHERE ticket_number = open.number) AS promise_count,
                    (SELECT made_at FROM promises WHERE ticket_number = open.number ORDER BY id DESC LIMIT 1) AS last_made_at
                FROM open WHERE promised_by IS NOT NULL ORDER BY number
                """).map { row in
                let promiseCount = try row.get("promise_count", as: Int.self)
                return (try row.get("queue", as: String.self), WatchedTicket(
                    number: try row.get("number"), state: TicketState(rawValue: try row.get("state")) ?? .open, promisedBy: try row.get("promised_by"),
                    promisedAt: try row.get("last_made_at", as: Date?.self) ?? (try row.get("created_at")), promiseNumber: max(promiseCount, 1),
                    openAhead: try row.get("open_ahead")))
            }
        }
    }

    func ticketView(_ row: PostgresRandomAccessRow, session: PostgresSession, detailed: Bool) throws -> TicketView {
        let number = try row.get("number", as: Int.self)
        let history = try session.rows("SELECT promised_by FROM promises WHERE ticket_number = \(number) ORDER BY made_at, id")
            .map { try $0.get("promised_by", as: Date.self) }
        var view = TicketView(
            number: number, tag: tagFormat.tag(for: number), subject: try row.get("subject"), state: try row.get("state"),
            queue: try row.get("queue"), priority: try row.get("priority"), language: try row.get("language"), channel: try row.get("channel"),
            customer: .init(address: try row.get("customer_address"), name: try row.get("customer_name")), assignee: try row.get("assignee"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"), promisedBy: try row.get("promised_by"),
            promiseHistory: history, linkedTo: try row.get("linked_to"))
        view.requestType = try row.get("request_type")
        view.rules = try row.lines("rules")
        if let step = try row.get("step", as: String?.self), let entered = try row.get("step_entered_at", as: Date?.self),
            let due = try row.get("step_due_at", as: Date?.self)
        {
            view.step = StepView(name: step, enteredAt: entered, dueAt: due)
        }
        guard detailed else { return view }
        let attachments = Dictionary(
            grouping: try session.rows("""
                SELECT attachments.* FROM attachments JOIN messages ON messages.id = attachments.message_id
                WHERE messages.ticket_number = \(number) ORDER BY attachments.message_id, attachments.position
                """),
            by: { (try? $0.get("message_id", as: Int.self)) ?? 0 })
        view.messages = try session.rows("SELECT * FROM messages WHERE ticket_number = \(number) ORDER BY id").map { message in
            let text = try message.get("text", as: String.self)
            return MessageView(
                messageID: try message.get("message_id"), direction: try message.get("direction"), kind: try message.get("kind"),
                from: try message.get("from_address"), to: try message.lines("recipients"), subject: try message.get("subject"),
                receivedAt: try message.get("received_at"), text: text, newText: MailMessage.newText(of: text),
                attachments: try (attachments[try message.get("id", as: Int.self)] ?? []).map(Self.attachmentView))
        }
        view.steps = try session.rows("SELECT * FROM ticket_steps WHERE ticket_number = \(number) ORDER BY id").map {
            StepView(name: try $0.get("step"), enteredAt: try $0.get("entered_at"), dueAt: try $0.get("due_at"))
        }
        view.time = try Self.timeEntries(ticket: number, session: session).map(TimeEntryView.init)
        view.events = try session.rows("SELECT * FROM events WHERE ticket_number = \(number) ORDER BY id").map {
            EventView(at: try $0.get("at"), type: try $0.get("type"), actor: try $0.get("actor"), detail: try $0.get("detail"))
        }
        return view
    }

    static func attachmentView(_ row: PostgresRandomAccessRow) throws -> AttachmentView {
        let sha256 = try row.get("sha256", as: String?.self)
        return AttachmentView(
            id: Int64(try row.get("id", as: Int.self)), name: try row.get("filename"), contentType: try row.get("content_type"),
            size: try row.get("size"), inline: try row.get("inline"), sha256: sha256, stored: sha256 != nil, reason: try row.get("not_stored_reason"))
    }
}
