import Foundation
import GRDB
import TicketCore

/// Time entries and contract mail inside a desk transaction.
extension SQLiteDeskTransaction {
    func minutesLogged(domains: [String], from: Date, to: Date) throws -> Int {
        try SQLiteStorage.minutesLogged(domains: domains, from: from, to: to, db: db)
    }

    func contractMailSent(key: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM contract_mail WHERE key = ?)", arguments: [key]) ?? false
    }

    func timeEntries(ticket: Int) throws -> [TimeEntry] {
        try SQLiteStorage.timeEntries(ticket: ticket, db: db)
    }

    /// Applies `.logTime`, `.removeTime` and `.recordContractMail`.
    func applyTimeEffect(_ effect: DeskEffect, now: Date) throws {
        switch effect {
        case let .logTime(ticket, entry):
            let domain = try String.fetchOne(db, sql: "SELECT customer_address FROM tickets WHERE number = ?", arguments: [ticket])
                .map { Customer(address: $0).domain.lowercased() } ?? ""
            try db.execute(
                sql: "INSERT INTO time_entries (ticket_number, staff, minutes, note, at, domain, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [ticket, entry.staff, entry.minutes, entry.note, entry.at, domain, now])
        case let .removeTime(ticket, id):
            try db.execute(sql: "DELETE FROM time_entries WHERE id = ? AND ticket_number = ?", arguments: [id, ticket])
        case let .recordContractMail(key, ticket):
            try db.execute(sql: "INSERT INTO contract_mail (key, ticket_number, sent_at) VALUES (?, ?, ?)", arguments: [key, ticket, now])
        default:
            break
        }
    }
}
