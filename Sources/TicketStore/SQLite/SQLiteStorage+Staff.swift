import Foundation
import GRDB
import MailMessage
import TicketCore

extension SQLiteStorage {
    public func customerHistory(address: String, organisations: [String: String]) throws -> CustomerView {
        try writer.read { db in
            let normalized = address.lowercased()
            let domain = normalized.split(separator: "@").last.map(String.init) ?? ""
            let organisationWide = !domain.isEmpty && !FreemailDomains.contains(domain)
            var domains = organisationWide ? [domain] : []
            if let name = organisations[domain] {
                domains += organisations.filter { $0.value == name && $0.key != domain }.map(\.key).sorted()
            }
            let patterns = domains.map { "%@" + $0.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") }
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT * FROM tickets WHERE customer_address = ?"
                    + String(repeating: " OR customer_address LIKE ? ESCAPE '\\'", count: patterns.count)
                    + " ORDER BY created_at DESC, number DESC",
                arguments: StatementArguments([normalized] + patterns))
            let tickets = try rows.map { try ticketView($0, db: db, detailed: false) }
            let name = try String.fetchOne(
                db, sql: "SELECT customer_name FROM tickets WHERE customer_address = ? AND customer_name IS NOT NULL ORDER BY number DESC LIMIT 1",
                arguments: [normalized])
            let language = try String.fetchOne(
                db, sql: "SELECT language FROM tickets WHERE customer_address = ? ORDER BY number DESC LIMIT 1", arguments: [normalized])
            return CustomerView(
                address: normalized, name: name, organisation: organisations[domain] ?? (organisationWide ? domain : nil),
                language: language, tickets: tickets)
        }
    }

    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
    }

    public func recordCycle(_ status: CycleStatus) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO daemon_state (key, value) VALUES ('last_cycle', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [String(decoding: try JSONEncoder.iso.encode(status), as: UTF8.self)])
        }
    }

    public func lastCycle() throws -> CycleStatus? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM daemon_state WHERE key = 'last_cycle'").flatMap {
                try? JSONDecoder.iso.decode(CycleStatus.self, from: Data($0.utf8))
            }
        }
    }

    public func overdueTickets(now: Date) throws -> [Int] {
        try writer.read { db in
            try Int.fetchAll(
                db, sql: "SELECT number FROM tickets WHERE promised_by IS NOT NULL AND promised_by < ? AND state IN ('new', 'open') ORDER BY number",
                arguments: [now])
        }
    }

    public func addAbsence(staff: String, firstDay: String, lastDay: String, standIn: String?, now: Date) throws {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO absences (staff, first_day, last_day, created_at, standin) VALUES (?, ?, ?, ?, ?)",
                arguments: [staff.lowercased(), firstDay, lastDay, now, standIn?.lowercased()])
        }
    }

    public func absences() throws -> [StoredAbsence] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT staff, first_day, last_day, standin FROM absences ORDER BY first_day").map {
                StoredAbsence(staff: $0["staff"], firstDay: $0["first_day"], lastDay: $0["last_day"], standIn: $0["standin"])
            }
        }
    }
}

extension JSONEncoder {
    static var iso: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
