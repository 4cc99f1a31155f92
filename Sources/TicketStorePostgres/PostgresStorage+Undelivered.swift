import Foundation
import PostgresNIO
import TicketStore

/// The messages each mailbox's server failed to deliver, one JSON value per mailbox in
/// `daemon_state` (key `undelivered:NAME`), as in SQLite.
extension PostgresStorage {
    public func undeliveredMessages(mailbox: String) throws -> [UndeliveredMessage] {
        try read { session in
            try session.value("SELECT value FROM daemon_state WHERE key = \("undelivered:\(mailbox)")", as: String.self).flatMap {
                try? JSONDecoder.postgresISO.decode([UndeliveredMessage].self, from: Data($0.utf8))
            } ?? []
        }
    }

    public func saveUndeliveredMessages(_ messages: [UndeliveredMessage], mailbox: String) throws {
        let key = "undelivered:\(mailbox)"
        guard !messages.isEmpty else {
            try read { session in try session.execute("DELETE FROM daemon_state WHERE key = \(key)") }
            return
        }
        try saveState(key: key, value: String(decoding: try JSONEncoder.postgresISO.encode(messages), as: UTF8.self))
    }

    /// Sets one `daemon_state` value.
    func saveState(key: String, value: String) throws {
        try read { session in
            try session.execute("INSERT INTO daemon_state (key, value) VALUES (\(key), \(value)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        }
    }
}

extension JSONEncoder {
    static var postgresISO: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension JSONDecoder {
    static var postgresISO: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
