import Foundation
import GRDB
import TicketCore

extension SQLiteStorage {
    public func openingMail(from: Date?, to: Date?) throws -> [OpeningMail] {
        try writer.read { db in
            let period = Period(from: from, to: to).clause("t.created_at")
            return try Row.fetchAll(
                db, sql: """
                    SELECT t.number, t.queue, t.priority, t.language, t.channel, t.request_type, t.assignee, t.rules, m.mailbox, m.raw
                    FROM tickets t JOIN messages m ON m.id = (
                        SELECT id FROM messages WHERE ticket_number = t.number AND direction = 'in' ORDER BY id LIMIT 1)
                    WHERE t.channel = 'email' AND \(period.sql) ORDER BY t.number
                    """, arguments: period.arguments
            ).map { row in
                OpeningMail(
                    ticket: row["number"], mailbox: row["mailbox"] ?? "", raw: [UInt8]((row["raw"] as Data?) ?? Data()), queue: row["queue"],
                    priority: row["priority"], language: row["language"], channel: row["channel"], requestType: row["request_type"],
                    assignee: row["assignee"], rules: ((row["rules"] as String?) ?? "").split(separator: "\n").map(String.init))
            }
        }
    }
}
