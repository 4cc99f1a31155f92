import Foundation
import GRDB
import TicketCore

extension SQLiteStorage {
    public func reportRows(from: Date?, to: Date?) throws -> ReportRows {
        try writer.read { db in
            let period = Period(from: from, to: to)
            let opened = period.clause("t.created_at")
            let arrived = period.clause("received_at")
            let queued = period.clause("o.created_at")
            let noted = period.clause("e.at")
            let start = DeskCore.withheldPrefix.count + 2
            return ReportRows(
                from: from, to: to,
                tickets: try reportTickets(where: opened.sql, arguments: opened.arguments, db: db),
                openTickets: try reportTickets(where: "t.state IN ('new', 'open', 'waiting')", arguments: [], db: db),
                promiseOutcomes: try promiseOutcomeRows(in: period, db: db),
                dropped: try tallies(
                    "SELECT drop_key, \(Self.domainSQL("from_address")), COUNT(*) FROM messages WHERE drop_key IS NOT NULL AND drop_key <> 'released' AND \(arrived.sql) GROUP BY 1, 2",
                    arrived.arguments, db: db),
                outbox: try tallies(
                    "SELECT o.state, \(Self.domainSQL("t.customer_address")), COUNT(*) FROM outbox o JOIN tickets t ON t.number = o.ticket_number WHERE \(queued.sql) GROUP BY 1, 2",
                    queued.arguments, db: db),
                // The WHERE clause keeps the `events_withheld` partial index usable.
                acknowledgementsWithheld: try tallies(
                    """
                    SELECT substr(e.detail, \(start), instr(e.detail, '):') - \(start)), \(Self.domainSQL("t.customer_address")), COUNT(*)
                    FROM events e JOIN tickets t ON t.number = e.ticket_number
                    WHERE e.type = 'noted' AND e.detail LIKE '\(DeskCore.withheldPrefix)(%' AND \(noted.sql) GROUP BY 1, 2
                    """, noted.arguments, db: db))
        }
    }

    /// The lowercased domain of the address in `column` ('' without an '@').
    static func domainSQL(_ column: String) -> String {
        "lower(CASE WHEN instr(\(column), '@') > 0 THEN substr(\(column), instr(\(column), '@') + 1) ELSE '' END)"
    }

    private func tallies(_ sql: String, _ arguments: StatementArguments, db: Database) throws -> [ReportRows.Tally] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { ReportRows.Tally(key: $0[0], domain: $0[1], count: $0[2]) }
    }

    private func reportTickets(where condition: String, arguments: StatementArguments, db: Database) throws -> [ReportRows.Ticket] {
        let answered = TicketEvent.Kind.staffReplied.rawValue, reopened = TicketEvent.Kind.reopened.rawValue
        let changed = TicketEvent.Kind.stateChanged.rawValue
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.number, t.created_at, t.updated_at, t.state, t.queue, t.language, t.channel, t.assignee, t.customer_address, t.request_type,
                   (SELECT MIN(e.at) FROM events e WHERE e.ticket_number = t.number AND e.type = '\(answered)') AS answered_at,
                   (SELECT MAX(e.at) FROM events e WHERE e.ticket_number = t.number AND e.type = '\(changed)'
                        AND (e.detail LIKE '% → resolved%' OR e.detail LIKE '% → closed%')) AS resolved_at,
                   (SELECT COUNT(*) FROM events e WHERE e.ticket_number = t.number AND e.type = '\(reopened)') AS reopens
            FROM tickets t WHERE \(condition) ORDER BY t.number
            """, arguments: arguments)
        let numbers = rows.map { $0["number"] as Int }
        var visits: [Int: [(step: String, enteredAt: Date, dueAt: Date)]] = [:]
        if !numbers.isEmpty {
            for row in try Row.fetchAll(
                db, sql: "SELECT ticket_number, step, entered_at, due_at FROM ticket_steps WHERE ticket_number IN (SELECT number FROM tickets t WHERE \(condition)) ORDER BY ticket_number, entered_at, id",
                arguments: arguments)
            {
                visits[row["ticket_number"], default: []].append((row["step"], row["entered_at"], row["due_at"]))
            }
        }
        return rows.map { row in
            let state: String = row["state"]
            let finished = state == TicketState.resolved.rawValue || state == TicketState.closed.rawValue
            let resolvedAt: Date? = finished ? (row["resolved_at"] as Date? ?? row["updated_at"] as Date) : nil
            let entered = visits[row["number"]] ?? []
            let steps = entered.enumerated().map { index, visit in
                ReportRows.StepVisit(
                    step: visit.step, enteredAt: visit.enteredAt, dueAt: visit.dueAt,
                    leftAt: index + 1 < entered.count ? entered[index + 1].enteredAt : resolvedAt)
            }
            return ReportRows.Ticket(
                number: row["number"], createdAt: row["created_at"], state: state, queue: row["queue"], language: row["language"],
                channel: row["channel"], assignee: row["assignee"], customerAddress: row["customer_address"], requestType: row["request_type"],
                firstAnsweredAt: row["answered_at"], resolvedAt: resolvedAt, reopens: row["reopens"], steps: steps)
        }
    }

    /// Promise outcomes that came due in `period`, each with the assignee of its ticket at that moment.
    private func promiseOutcomeRows(in period: Period, db: Database) throws -> [ReportRows.PromiseOutcome] {
        let due = period.clause("e.at")
        let kept = TicketEvent.Kind.promiseKept.rawValue, missed = TicketEvent.Kind.promiseMissed.rawValue
        let assigned = TicketEvent.Kind.assigned.rawValue
        let prefix = "assigned to "
        return try Row.fetchAll(db, sql: """
            SELECT e.ticket_number, e.at, e.type, t.queue, t.assignee, t.customer_address,
                   (SELECT a.detail FROM events a WHERE a.ticket_number = e.ticket_number AND a.type = '\(assigned)' AND a.at <= e.at
                    ORDER BY a.at DESC, a.id DESC LIMIT 1) AS assignment
            FROM events e JOIN tickets t ON t.number = e.ticket_number
            WHERE e.type IN ('\(kept)', '\(missed)') AND \(due.sql) ORDER BY e.at, e.id
            """, arguments: due.arguments
        ).map { row in
            let assignment = (row["assignment"] as String?).flatMap { detail -> String? in
                guard detail.hasPrefix(prefix) else { return nil }
                return detail.dropFirst(prefix.count).split(whereSeparator: { $0 == " " || $0 == ":" }).first.map(String.init)
            }
            return ReportRows.PromiseOutcome(
                ticket: row["ticket_number"], at: row["at"], kept: row["type"] as String == kept, queue: row["queue"],
                agent: assignment ?? row["assignee"], customerAddress: row["customer_address"])
        }
    }
}
