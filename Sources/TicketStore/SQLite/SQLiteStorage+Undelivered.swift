import Foundation
import GRDB

/// The messages each mailbox's server failed to deliver, kept as one JSON value per mailbox in
/// `daemon_state` (key `undelivered:NAME`).
extension SQLiteStorage {
    public func undeliveredMessages(mailbox: String) throws -> [UndeliveredMessage] {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM daemon_state WHERE key = ?", arguments: ["undelivered:\(mailbox)"]).flatMap {
                try? JSONDecoder.iso.decode([UndeliveredMessage].self, from: Data($0.utf8))
            } ?? []
        }
    }

    public func saveUndeliveredMessages(_ messages: [UndeliveredMessage], mailbox: String) throws {
        let key = "undelivered:\(mailbox)"
        try writer.write { db in
            guard !messages.isEmpty else {
                try db.execute(sql: "DELETE FROM daemon_state WHERE key = ?", arguments: [key])
                return
            }
            try db.execute(
                sql: "INSERT INTO daemon_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                arguments: [key, String(decoding: try JSONEncoder.iso.encode(messages), as: UTF8.self)])
        }
    }
}
