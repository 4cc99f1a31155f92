import Foundation
import PostgresNIO
import TicketCore
import TicketStore

/// Figures for `status`, metrics and the report.
extension PostgresStorage {
    public func promiseOutcomes() throws -> PromiseOutcomes {
        try read { session in try Self.promiseOutcomes(from: nil, to: nil, session: session) }
    }

    public func openTicketsPerAssignee() throws -> [String: Int] {
        try read { session in try PostgresDeskTransaction(session: session).assignmentLoad().open }
    }

    public func acknowledgementsWithheld() throws -> [String: Int] {
        try read { session in
            let query = PostgresQuery(
                unsafeSQL: "SELECT \(Self.withheldGuardSQL("detail")) AS guard, COUNT(*) AS n FROM events WHERE \(Self.withheldSQL("")) GROUP BY 1")
            return Dictionary(
                try session.rows(query).map { (try $0.get("guard", as: String.self), try $0.get("n", as: Int.self)) }, uniquingKeysWith: +)
        }
    }

    public func overdueTickets(now: Date) throws -> [Int] {
        try read { session in
            try session.rows("""
                SELECT number FROM tickets WHERE promised_by IS NOT NULL AND promised_by < \(now) AND state IN ('new', 'open') ORDER BY number
                """).map { try $0.get("number", as: Int.self) }
        }
    }

    /// Events that record a withheld acknowledgement (the `events_withheld` index's condition).
    static func withheldSQL(_ prefix: String) -> String {
        "\(prefix)type = 'noted' AND \(prefix)detail LIKE '\(DeskCore.withheldPrefix)(%'"
    }

    /// The guard named in a withheld event's detail: "acknowledgement withheld (GUARD): …".
    static func withheldGuardSQL(_ column: String) -> String {
        let start = DeskCore.withheldPrefix.count + 2
        return "substr(\(column), \(start), strpos(\(column), '):') - \(start))"
    }

    /// Promises that came due in `from..<to`: kept or missed.
    static func promiseOutcomes(from: Date?, to: Date?, session: PostgresSession) throws -> PromiseOutcomes {
        let kept = TicketEvent.Kind.promiseKept.rawValue, missed = TicketEvent.Kind.promiseMissed.rawValue
        var query = PostgresQueryBuilder("SELECT type, COUNT(*) AS n FROM events WHERE type IN ('\(kept)', '\(missed)') AND ")
        query.period("at", from: from, to: to)
        query.sql(" GROUP BY type")
        var counts: [String: Int] = [:]
        for row in try session.rows(query.query) { counts[try row.get("type")] = try row.get("n") }
        return PromiseOutcomes(kept: counts[kept] ?? 0, missed: counts[missed] ?? 0)
    }
}
