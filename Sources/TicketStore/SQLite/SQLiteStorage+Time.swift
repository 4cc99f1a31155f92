import Foundation
import GRDB
import TicketCore

/// Time entries and contract mail as `contracts list`, `tickets show` and the report read them.
extension SQLiteStorage: TimeQueries {
    public func minutesLogged(domains: [String], from: Date, to: Date) throws -> Int {
        try writer.read { db in try Self.minutesLogged(domains: domains, from: from, to: to, db: db) }
    }

    public func loggedTime(from: Date?, to: Date?) throws -> [LoggedTime] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT ticket_number, staff, minutes, at, domain FROM time_entries
                    WHERE at >= COALESCE(?, at) AND at < COALESCE(?, '9999') ORDER BY at, id
                    """,
                arguments: [from, to]
            ).map { LoggedTime(ticket: $0["ticket_number"], staff: $0["staff"], minutes: $0["minutes"], at: $0["at"], domain: $0["domain"]) }
        }
    }

    public func contractMail() throws -> [String: Date] {
        try writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, sent_at FROM contract_mail").map { ($0["key"] as String, $0["sent_at"] as Date) })
        }
    }

    /// Minutes of work logged in `from..<to` on tickets of customers at `domains`.
    static func minutesLogged(domains: [String], from: Date, to: Date, db: Database) throws -> Int {
        guard !domains.isEmpty else { return 0 }
        let placeholders = Array(repeating: "?", count: domains.count).joined(separator: ",")
        return try Int.fetchOne(
            db, sql: "SELECT COALESCE(SUM(minutes), 0) FROM time_entries WHERE domain IN (\(placeholders)) AND at >= ? AND at < ?",
            arguments: StatementArguments(domains + [from, to] as [any DatabaseValueConvertible])) ?? 0
    }

    /// The time entries of `ticket`, in the order the work was done.
    static func timeEntries(ticket: Int, db: Database) throws -> [TimeEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM time_entries WHERE ticket_number = ? ORDER BY at, id", arguments: [ticket]).map { row in
            TimeEntry(id: row["id"], staff: row["staff"], minutes: row["minutes"], note: row["note"], at: row["at"])
        }
    }
}
