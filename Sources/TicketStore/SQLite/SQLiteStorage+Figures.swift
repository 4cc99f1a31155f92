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
        try writer.read { db in try promiseOutcomes(in: Period(from: nil, to: nil), db: db) }
    }

    public func openTicketsPerAssignee() throws -> [String: Int] {
        try writer.read { db in try SQLiteDeskTransaction(db: db).assignmentLoad().open }
    }

    public func acknowledgementsWithheld() throws -> [String: Int] {
        try writer.read { db in try acknowledgementsWithheld(in: Period(from: nil, to: nil), db: db) }
    }

    /// Withheld acknowledgements in `period` by guard, read from their events through the
    /// `events_withheld` partial index (the WHERE clause must stay the index's).
    func acknowledgementsWithheld(in period: Period, db: Database) throws -> [String: Int] {
        let noted = period.clause("at")
        let start = DeskCore.withheldPrefix.count + 2
        return Dictionary(uniqueKeysWithValues: try Row.fetchAll(
            db, sql: """
                SELECT substr(detail, \(start), instr(detail, '):') - \(start)) AS guard, COUNT(*)
                FROM events WHERE type = 'noted' AND detail LIKE '\(DeskCore.withheldPrefix)(%' AND \(noted.sql) GROUP BY guard
                """, arguments: noted.arguments
        ).map { ($0[0] as String, $0[1] as Int) })
    }

    /// Promises that came due in `period`: kept or missed.
    func promiseOutcomes(in period: Period, db: Database) throws -> PromiseOutcomes {
        let due = period.clause("at")
        let kept = TicketEvent.Kind.promiseKept.rawValue, missed = TicketEvent.Kind.promiseMissed.rawValue
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT type, COUNT(*) AS n FROM events WHERE type IN ('\(kept)', '\(missed)') AND \(due.sql) GROUP BY type", arguments: due.arguments)
        {
            counts[row["type"]] = row["n"]
        }
        return PromiseOutcomes(kept: counts[kept] ?? 0, missed: counts[missed] ?? 0)
    }

    /// `from..<to`, either end open when nil.
    struct Period {
        var from: Date?
        var to: Date?

        /// "`column` >= from AND `column` < to" without the open ends ("1" when both are open).
        func clause(_ column: String) -> (sql: String, arguments: StatementArguments) {
            var clauses: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let from { clauses.append("\(column) >= ?"); arguments.append(from) }
            if let to { clauses.append("\(column) < ?"); arguments.append(to) }
            return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), StatementArguments(arguments))
        }
    }
}
