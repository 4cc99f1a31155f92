import Foundation
import GRDB
import TicketCore

/// Answers threading questions from inside a write transaction.
struct DatabaseThreadingIndex: ThreadingIndex {
    let db: Database

    func candidate(number: Int) throws -> ThreadCandidate? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tickets WHERE number = ?", arguments: [number]) else {
            return nil
        }
        return try candidate(from: row)
    }

    func ticketNumber(forAnyOf messageIDs: [String]) throws -> Int? {
        guard !messageIDs.isEmpty else { return nil }
        let placeholders = Array(repeating: "?", count: messageIDs.count).joined(separator: ",")
        return try Int.fetchOne(
            db,
            sql: "SELECT MAX(ticket_number) FROM message_ids WHERE message_id IN (\(placeholders))",
            arguments: StatementArguments(messageIDs)
        )
    }

    func candidates(customer: String, normalizedSubject: String, since: Date) throws -> [ThreadCandidate] {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT * FROM tickets WHERE customer_address = ? AND normalized_subject = ? AND updated_at >= ?",
            arguments: [customer, normalizedSubject, since]
        )
        return try rows.map(candidate(from:))
    }

    func preferredLanguage(customer: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT language FROM tickets WHERE customer_address = ? ORDER BY number DESC LIMIT 1", arguments: [customer])
    }

    private func candidate(from row: Row) throws -> ThreadCandidate {
        let number: Int = row["number"]
        let participants = try String.fetchAll(db, sql: "SELECT address FROM participants WHERE ticket_number = ?", arguments: [number])
        return ThreadCandidate(
            number: number,
            state: TicketState(rawValue: row["state"]) ?? .open,
            customer: row["customer_address"],
            participants: Set(participants),
            updatedAt: row["updated_at"]
        )
    }
}
