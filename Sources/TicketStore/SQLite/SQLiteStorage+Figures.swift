import Foundation
import GRDB
import TicketCore

extension SQLiteStorage {
    public func outboxBacklog() throws -> OutboxBacklog {
        try writer.read { db in
            let queued = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE state = 'queued'")
            let failed = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state = 'failed'") ?? 0
            return OutboxBacklog(queued: queued?["n"] ?? 0, failed: failed, oldestQueuedAt: queued?["oldest"])
        }
    }

    public func promiseOutcomes() throws -> PromiseOutcomes {
        try writer.read { db in
            var counts: [String: Int] = [:]
            let types = [TicketEvent.Kind.promiseKept.rawValue, TicketEvent.Kind.promiseMissed.rawValue]
            for row in try Row.fetchAll(db, sql: "SELECT type, COUNT(*) AS n FROM events WHERE type IN (?, ?) GROUP BY type", arguments: StatementArguments(types)) {
                counts[row["type"]] = row["n"]
            }
            return PromiseOutcomes(kept: counts[types[0]] ?? 0, missed: counts[types[1]] ?? 0)
        }
    }

    public func report(from: Date?, to: Date?) throws -> DeskReport {
        try writer.read { db in
            // One WHERE clause per timestamp column: "col >= from AND col < to", the open ends left out.
            func period(_ column: String) -> (sql: String, arguments: StatementArguments) {
                var clauses: [String] = []
                var arguments: [(any DatabaseValueConvertible)?] = []
                if let from { clauses.append("\(column) >= ?"); arguments.append(from) }
                if let to { clauses.append("\(column) < ?"); arguments.append(to) }
                return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), StatementArguments(arguments))
            }
            func counts(_ sql: String, _ arguments: StatementArguments) throws -> [String: Int] {
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql, arguments: arguments).map { ($0[0] as String, $0[1] as Int) })
            }
            let opened = period("t.created_at")
            let tickets = try Row.fetchAll(db, sql: """
                SELECT t.state, t.queue, t.language, t.channel, t.created_at,
                       (SELECT MIN(e.at) FROM events e WHERE e.ticket_number = t.number AND e.type = '\(TicketEvent.Kind.staffReplied.rawValue)') AS answered_at
                FROM tickets t WHERE \(opened.sql)
                """, arguments: opened.arguments)
            func tally(_ column: String) -> [String: Int] {
                Dictionary(grouping: tickets, by: { $0[column] as String }).mapValues(\.count)
            }
            let waits = tickets.compactMap { row -> TimeInterval? in
                guard let answered = row["answered_at"] as Date? else { return nil }
                return max(0, answered.timeIntervalSince(row["created_at"] as Date))
            }
            let arrived = period("received_at")
            let queued = period("created_at")
            let due = period("at")
            let outcomes = try counts(
                "SELECT type, COUNT(*) FROM events WHERE type IN ('\(TicketEvent.Kind.promiseKept.rawValue)', '\(TicketEvent.Kind.promiseMissed.rawValue)') AND \(due.sql) GROUP BY type",
                due.arguments)
            return DeskReport(
                from: from, to: to, tickets: tickets.count,
                byState: tally("state"), byQueue: tally("queue"), byLanguage: tally("language"), byChannel: tally("channel"),
                dropped: try counts(
                    "SELECT drop_key, COUNT(*) FROM messages WHERE drop_key IS NOT NULL AND drop_key <> 'released' AND \(arrived.sql) GROUP BY drop_key",
                    arrived.arguments),
                outbox: try counts("SELECT state, COUNT(*) FROM outbox WHERE \(queued.sql) GROUP BY state", queued.arguments),
                promises: PromiseOutcomes(
                    kept: outcomes[TicketEvent.Kind.promiseKept.rawValue] ?? 0, missed: outcomes[TicketEvent.Kind.promiseMissed.rawValue] ?? 0),
                firstResponse: DeskReport.FirstResponse(waits: waits, unanswered: tickets.count - waits.count))
        }
    }
}
