import Foundation
import PostgresNIO
import TicketCore
import TicketStore

/// What `ticketd report` is made of, as rows (the figures come from `DeskReport`).
extension PostgresStorage {
    public func reportRows(from: Date?, to: Date?) throws -> ReportRows {
        try read { session in
            var dropped = PostgresQueryBuilder(
                "SELECT drop_key, \(Self.domainSQL("from_address")), COUNT(*) FROM messages WHERE drop_key IS NOT NULL AND drop_key <> 'released' AND ")
            dropped.period("received_at", from: from, to: to)
            dropped.sql(" GROUP BY 1, 2")
            var outbox = PostgresQueryBuilder(
                "SELECT o.state, \(Self.domainSQL("t.customer_address")), COUNT(*) FROM outbox o JOIN tickets t ON t.number = o.ticket_number WHERE ")
            outbox.period("o.created_at", from: from, to: to)
            outbox.sql(" GROUP BY 1, 2")
            var withheld = PostgresQueryBuilder("""
                SELECT \(Self.withheldGuardSQL("e.detail")), \(Self.domainSQL("t.customer_address")), COUNT(*)
                FROM events e JOIN tickets t ON t.number = e.ticket_number WHERE \(Self.withheldSQL("e.")) AND
                """)
            withheld.period("e.at", from: from, to: to)
            withheld.sql(" GROUP BY 1, 2")
            return ReportRows(
                from: from, to: to,
                tickets: try reportTickets(session: session) { $0.period("t.created_at", from: from, to: to) },
                openTickets: try reportTickets(session: session) { $0.sql("t.state IN ('new', 'open', 'waiting')") },
                promiseOutcomes: try promiseOutcomeRows(from: from, to: to, session: session),
                dropped: try tallies(dropped.query, session: session),
                outbox: try tallies(outbox.query, session: session),
                acknowledgementsWithheld: try tallies(withheld.query, session: session))
        }
    }

    /// The lowercased domain of the address in `column` ('' without an '@').
    static func domainSQL(_ column: String) -> String {
        "lower(CASE WHEN strpos(\(column), '@') > 0 THEN substr(\(column), strpos(\(column), '@') + 1) ELSE '' END)"
    }

    private func tallies(_ query: PostgresQuery, session: PostgresSession) throws -> [ReportRows.Tally] {
        try session.rows(query).map { ReportRows.Tally(key: try $0[0].decode(String.self), domain: try $0[1].decode(String.self), count: try $0[2].decode(Int.self)) }
    }

    /// Report rows of the tickets `condition` selects (it appends a condition on `tickets t`).
    private func reportTickets(session: PostgresSession, where condition: (inout PostgresQueryBuilder) -> Void) throws -> [ReportRows.Ticket] {
        let answered = TicketEvent.Kind.staffReplied.rawValue, reopened = TicketEvent.Kind.reopened.rawValue
        let changed = TicketEvent.Kind.stateChanged.rawValue
        var query = PostgresQueryBuilder("""
            SELECT t.number, t.created_at, t.updated_at, t.state, t.queue, t.language, t.channel, t.assignee, t.customer_address, t.request_type,
                   (SELECT MIN(e.at) FROM events e WHERE e.ticket_number = t.number AND e.type = '\(answered)') AS answered_at,
                   (SELECT MAX(e.at) FROM events e WHERE e.ticket_number = t.number AND e.type = '\(changed)'
                        AND (e.detail LIKE '% → resolved%' OR e.detail LIKE '% → closed%')) AS resolved_at,
                   (SELECT COUNT(*) FROM events e WHERE e.ticket_number = t.number AND e.type = '\(reopened)') AS reopens
            FROM tickets t WHERE
            """)
        query.sql(" ")
        condition(&query)
        query.sql(" ORDER BY t.number")
        let rows = try session.rows(query.query)
        var visits: [Int: [(step: String, enteredAt: Date, dueAt: Date)]] = [:]
        let numbers = try rows.map { try $0.get("number", as: Int.self) }
        if !numbers.isEmpty {
            for row in try session.rows("""
                SELECT ticket_number, step, entered_at, due_at FROM ticket_steps WHERE ticket_number = ANY(\(numbers)::bigint[])
                ORDER BY ticket_number, entered_at, id
                """)
            {
                visits[try row.get("ticket_number"), default: []].append((try row.get("step"), try row.get("entered_at"), try row.get("due_at")))
            }
        }
        return try rows.map { row in
            let number = try row.get("number", as: Int.self)
            let state = try row.get("state", as: String.self)
            let finished = state == TicketState.resolved.rawValue || state == TicketState.closed.rawValue
            let resolvedAt: Date? = finished ? (try row.get("resolved_at", as: Date?.self) ?? (try row.get("updated_at", as: Date.self))) : nil
            let entered = visits[number] ?? []
            let steps = entered.enumerated().map { index, visit in
                ReportRows.StepVisit(
                    step: visit.step, enteredAt: visit.enteredAt, dueAt: visit.dueAt,
                    leftAt: index + 1 < entered.count ? entered[index + 1].enteredAt : resolvedAt)
            }
            return ReportRows.Ticket(
                number: number, createdAt: try row.get("created_at"), state: state, queue: try row.get("queue"), language: try row.get("language"),
                channel: try row.get("channel"), assignee: try row.get("assignee"), customerAddress: try row.get("customer_address"),
                requestType: try row.get("request_type"), firstAnsweredAt: try row.get("answered_at"), resolvedAt: resolvedAt,
                reopens: try row.get("reopens"), steps: steps)
        }
    }

    /// Promise outcomes that came due in `from..<to`, each with the assignee of its ticket at that moment.
    private func promiseOutcomeRows(from: Date?, to: Date?, session: PostgresSession) throws -> [ReportRows.PromiseOutcome] {
        let kept = TicketEvent.Kind.promiseKept.rawValue, missed = TicketEvent.Kind.promiseMissed.rawValue
        let assigned = TicketEvent.Kind.assigned.rawValue
        let prefix = "assigned to "
        var query = PostgresQueryBuilder("""
            SELECT e.ticket_number, e.at, e.type, t.queue, t.assignee, t.customer_address,
                   (SELECT a.detail FROM events a WHERE a.ticket_number = e.ticket_number AND a.type = '\(assigned)' AND a.at <= e.at
                    ORDER BY a.at DESC, a.id DESC LIMIT 1) AS assignment
            FROM events e JOIN tickets t ON t.number = e.ticket_number
            WHERE e.type IN ('\(kept)', '\(missed)') AND
            """)
        query.period("e.at", from: from, to: to)
        query.sql(" ORDER BY e.at, e.id")
        return try session.rows(query.query).map { row in
            let assignment = (try row.get("assignment", as: String?.self)).flatMap { detail -> String? in
                guard detail.hasPrefix(prefix) else { return nil }
                return detail.dropFirst(prefix.count).split(whereSeparator: { $0 == " " || $0 == ":" }).first.map(String.init)
            }
            let assignee = try row.get("assignee", as: String?.self)
            return ReportRows.PromiseOutcome(
                ticket: try row.get("ticket_number"), at: try row.get("at"), kept: try row.get("type", as: String.self) == kept,
                queue: try row.get("queue"), agent: assignment ?? assignee, customerAddress: try row.get("customer_address"))
        }
    }
}
