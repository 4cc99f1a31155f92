import Foundation
import PostgresNIO
import TicketCore
import TicketStore

/// Time entries and contract mail, and the opening mail `rules replay` reads.
extension PostgresStorage: TimeQueries {
    public func minutesLogged(domains: [String], from: Date, to: Date) throws -> Int {
        try read { session in try Self.minutesLogged(domains: domains, from: from, to: to, session: session) }
    }

    public func loggedTime(from: Date?, to: Date?) throws -> [LoggedTime] {
        var query = PostgresQueryBuilder("SELECT ticket_number, staff, minutes, at, domain FROM time_entries WHERE ")
        query.period("at", from: from, to: to)
        query.sql(" ORDER BY at, id")
        return try read { session in
            try session.rows(query.query).map {
                LoggedTime(
                    ticket: try $0.get("ticket_number"), staff: try $0.get("staff"), minutes: try $0.get("minutes"), at: try $0.get("at"),
                    domain: try $0.get("domain"))
            }
        }
    }

    public func contractMail() throws -> [String: Date] {
        try read { session in
            Dictionary(
                try session.rows("SELECT key, sent_at FROM contract_mail").map { (try $0.get("key", as: String.self), try $0.get("sent_at", as: Date.self)) },
                uniquingKeysWith: { first, _ in first })
        }
    }

    public func openingMail(from: Date?, to: Date?) throws -> [OpeningMail] {
        var query = PostgresQueryBuilder("""
            SELECT t.number, t.queue, t.priority, t.language, t.channel, t.request_type, t.assignee, t.rules, m.mailbox, m.raw
            FROM tickets t JOIN messages m ON m.id = (
                SELECT id FROM messages WHERE ticket_number = t.number AND direction = 'in' ORDER BY id LIMIT 1)
            WHERE t.channel = 'email' AND
            """)
        query.period("t.created_at", from: from, to: to)
        query.sql(" ORDER BY t.number")
        return try read { session in
            try session.rows(query.query).map { row in
                OpeningMail(
                    ticket: try row.get("number"), mailbox: try row.get("mailbox", as: String?.self) ?? "", raw: try row.bytes("raw"),
                    queue: try row.get("queue"), priority: try row.get("priority"), language: try row.get("language"), channel: try row.get("channel"),
                    requestType: try row.get("request_type"), assignee: try row.get("assignee"), rules: try row.lines("rules"))
            }
        }
    }

    static func minutesLogged(domains: [String], from: Date, to: Date, session: PostgresSession) throws -> Int {
        guard !domains.isEmpty else { return 0 }
        return try session.value("""
            SELECT COALESCE(SUM(minutes), 0)::bigint FROM time_entries WHERE domain = ANY(\(domains)::text[]) AND at >= \(from) AND at < \(to)
            """, as: Int.self) ?? 0
    }

    static func timeEntries(ticket: Int, session: PostgresSession) throws -> [TimeEntry] {
        try session.rows("SELECT * FROM time_entries WHERE ticket_number = \(ticket) ORDER BY at, id").map { row in
            TimeEntry(
                id: Int64(try row.get("id", as: Int.self)), staff: try row.get("staff"), minutes: try row.get("minutes"), note: try row.get("note"),
                at: try row.get("at"))
        }
    }
}
