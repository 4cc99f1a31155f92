import Foundation
import GRDB
import MailMessage
import SpamFilter
import TicketCore

extension SQLiteStorage {
    public func messageTotals() throws -> TokenCount {
        try writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT spam, ham FROM spam_totals WHERE id = 1")
            return TokenCount(spam: row?["spam"] ?? 0, ham: row?["ham"] ?? 0)
        }
    }

    public func counts(for tokens: [String]) throws -> [String: TokenCount] {
        guard !tokens.isEmpty else { return [:] }
        return try writer.read { db in
            var counts: [String: TokenCount] = [:]
            for chunk in stride(from: 0, to: tokens.count, by: 500).map({ tokens[$0..<min($0 + 500, tokens.count)] }) {
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT token, spam, ham FROM spam_tokens WHERE token IN (\(placeholders))", arguments: StatementArguments(Array(chunk))) {
                    counts[row["token"]] = TokenCount(spam: row["spam"], ham: row["ham"])
                }
            }
            return counts
        }
    }

    public func train(_ delta: TokenDelta) throws {
        try writer.write { db in try Self.apply(delta, db: db) }
    }

    static func apply(_ delta: TokenDelta, db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO spam_tokens (token, spam, ham) VALUES (?, max(?, 0), max(?, 0))
            ON CONFLICT(token) DO UPDATE SET spam = max(spam + ?, 0), ham = max(ham + ?, 0)
            """)
        for (token, count) in delta.tokens where !count.isZero {
            try statement.execute(arguments: [token, count.spam, count.ham, count.spam, count.ham])
        }
        try db.execute(
            sql: "UPDATE spam_totals SET spam = max(spam + ?, 0), ham = max(ham + ?, 0) WHERE id = 1",
            arguments: [delta.messages.spam, delta.messages.ham])
        try db.execute(sql: "DELETE FROM spam_tokens WHERE spam = 0 AND ham = 0")
    }

    public func droppedMessages(key: String, limit: Int) throws -> [DroppedMessage] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, from_address, subject, received_at, classification, spam_score FROM messages WHERE drop_key = ? ORDER BY id DESC LIMIT ?",
                arguments: [key, limit]
            ).map {
                DroppedMessage(id: $0["id"], from: $0["from_address"], subject: $0["subject"], receivedAt: $0["received_at"], reason: $0["classification"], score: $0["spam_score"])
            }
        }
    }

    public func rawMessage(id: Int64) throws -> (raw: [UInt8], mailbox: String, dropKey: String?)? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT raw, mailbox, drop_key FROM messages WHERE id = ?", arguments: [id]).map {
                ([UInt8](($0["raw"] as Data?) ?? Data()), $0["mailbox"], $0["drop_key"])
            }
        }
    }

    /// A ticket staff answered is wanted mail: its first customer message trains the filter as
    /// ham, once per ticket.
    static func trainHamOnce(ticket number: Int, now: Date, db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM events WHERE ticket_number = ? AND type = 'trained_ham')", arguments: [number]) == false,
            let raw = try Data.fetchOne(
                db, sql: "SELECT raw FROM messages WHERE ticket_number = ? AND kind = 'customer' AND direction = 'in' ORDER BY id LIMIT 1",
                arguments: [number])
        else { return }
        try apply(TokenDelta(training: SpamTokenizer.default.tokens(for: MailMessage.parse([UInt8](raw))), as: .ham), db: db)
        try addEvent(.system(.trainedHam, "first customer message trained as ham (staff answered)", at: now), ticket: number, db: db)
    }

    public func forgetDropped(id: Int64) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE messages SET drop_key = 'released', fingerprint = NULL, uid = NULL WHERE id = ? AND drop_key IS NOT NULL",
                arguments: [id])
        }
    }
}
