import Foundation
import PostgresNIO
import TicketCore
import TicketStore

/// Customers, absences, the daemon's own state, and backups.
extension PostgresStorage {
    public func customerHistory(address: String, organisations: [String: String]) throws -> CustomerView {
        try read { session in
            let normalized = address.lowercased()
            let domain = normalized.split(separator: "@").last.map(String.init) ?? ""
            let organisationWide = !domain.isEmpty && !FreemailDomains.contains(domain)
            var domains = organisationWide ? [domain] : []
            if let name = organisations[domain] {
                domains += organisations.filter { $0.value == name && $0.key != domain }.map(\.key).sorted()
            }
            let patterns = domains.map { "%@" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") }
            let rows = try session.rows("""
                SELECT * FROM tickets WHERE customer_address = \(normalized) OR customer_address LIKE ANY(\(patterns)::text[])
                ORDER BY created_at DESC, number DESC
                """)
            let tickets = try rows.map { try ticketView($0, session: session, detailed: false) }
            let name = try session.value("""
                SELECT customer_name FROM tickets WHERE customer_address = \(normalized) AND customer_name IS NOT NULL ORDER BY number DESC LIMIT 1
                """, as: String.self)
            let language = try session.value(
                "SELECT language FROM tickets WHERE customer_address = \(normalized) ORDER BY number DESC LIMIT 1", as: String.self)
            return CustomerView(
                address: normalized, name: name, organisation: organisations[domain] ?? (organisationWide ? domain : nil),
                language: language, tickets: tickets)
        }
    }

    /// PostgreSQL is backed up by its own tools, not by ticketd: this always throws
    /// `StorageError.backupUnavailable` saying so (`ticketd backup` exits 69).
    public func backup(to path: String) throws {
        throw StorageError.backupUnavailable(reason:
            "the store is PostgreSQL: back it up with PostgreSQL's own tools, e.g. `pg_dump --format=custom --file=\(path) DBNAME` "
            + "(or continuous archiving), not with `ticketd backup`; nothing was written")
    }

    public func recordCycle(_ status: CycleStatus) throws {
        let value = String(decoding: try JSONEncoder.postgresISO.encode(status), as: UTF8.self)
        try saveState(key: "last_cycle", value: value)
        try saveState(key: "last_cycle:\(instance)", value: value)
    }

    public func lastCycle() throws -> CycleStatus? {
        try read { session in
            try session.value("SELECT value FROM daemon_state WHERE key = 'last_cycle'", as: String.self).flatMap {
                try? JSONDecoder.postgresISO.decode(CycleStatus.self, from: Data($0.utf8))
            }
        }
    }

    public func addAbsence(staff: String, firstDay: String, lastDay: String, standIn: String?, now: Date) throws {
        try read { session in
            try session.execute("""
                INSERT INTO absences (staff, first_day, last_day, created_at, standin)
                VALUES (\(staff.lowercased()), \(firstDay), \(lastDay), \(now), \(standIn?.lowercased()))
                """)
        }
    }

    public func absences() throws -> [StoredAbsence] {
        try read { session in
            try session.rows("SELECT staff, first_day, last_day, standin FROM absences ORDER BY first_day, id").map {
                StoredAbsence(staff: try $0.get("staff"), firstDay: try $0.get("first_day"), lastDay: try $0.get("last_day"), standIn: try $0.get("standin"))
            }
        }
    }
}
