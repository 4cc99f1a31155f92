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
}
