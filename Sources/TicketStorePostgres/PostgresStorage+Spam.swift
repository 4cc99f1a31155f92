import Foundation
import MailMessage
import PostgresNIO
import SpamFilter
import TicketCore
import TicketStore

/// The spam filter's token counts and the dropped-mail list.
extension PostgresStorage {
    public func messageTotals() throws -> TokenCount {
        try read { session in
            let row = try session.row("SELECT spam, ham FROM spam_totals WHERE id = 1")
            return TokenCount(spam: try row?.get("spam", as: Int.self) ?? 0, ham: try row?.get("ham", as: Int.self) ?? 0)
        }
    }

    public func counts(for tokens: [String]) throws -> [String: TokenCount] {
        guard !tokens.isEmpty else { return [:] }
        return try read { session in
            var counts: [String: TokenCount] = [:]
            for start in stride(from: 0, to: tokens.count, by: 5_000) {
                let chunk = Array(tokens[start..<min(start + 5_000, tokens.count)])
                for row in try session.rows("SELECT token, spam, ham FROM spam_tokens WHERE token = ANY(\(chunk)::text[])") {
                    counts[try row.get("token")] = TokenCount(spam: try row.get("spam"), ham: try row.get("ham"))
                }
            }
            return counts
        }
    }

    public func train(_ delta: TokenDelta) throws {
        try transaction(serializable: true) { session in try Self.apply(delta, session: session) }
    }

    /// Adds `delta` to the counts (never below zero), 5,000 tokens a statement; tokens left at
    /// zero are removed.
    static func apply(_ delta: TokenDelta, session: PostgresSession) throws {
        let changed = delta.tokens.filter { !$0.value.isZero }.sorted { $0.key < $1.key }
        for start in stride(from: 0, to: changed.count, by: 5_000) {
            let chunk = changed[start..<min(start + 5_000, changed.count)]
            let tokens = chunk.map(\.key), spam = chunk.map(\.value.spam), ham = chunk.map(\.value.ham)
            try session.execute("""
                UPDATE spam_tokens t SET spam = GREATEST(t.spam + d.spam, 0), ham = GREATEST(t.ham + d.ham, 0)
                FROM unnest(\(tokens)::text[], \(spam)::bigint[], \(ham)::bigint[]) AS d(token, spam, ham) WHERE t.token = d.token
                """)
            try session.execute("""
                INSERT INTO spam_tokens (token, spam, ham)
                SELECT d.token, GREATEST(d.spam, 0), GREATEST(d.ham, 0) FROM unnest(\(tokens)::text[], \(spam)::bigint[], \(ham)::bigint[]) AS d(token, spam, ham)
                WHERE NOT EXISTS (SELECT 1 FROM spam_tokens t WHERE t.token = d.token)
                ON CONFLICT DO NOTHING
                """)
            try session.execute("DELETE FROM spam_tokens WHERE token = ANY(\(tokens)::text[]) AND spam = 0 AND ham = 0")
        }
        try session.execute("""
            UPDATE spam_totals SET spam = GREATEST(spam + \(delta.messages.spam), 0), ham = GREATEST(ham + \(delta.messages.ham), 0) WHERE id = 1
            """)
    }

    public func droppedMessages(key: String, limit: Int) throws -> [DroppedMessage] {
        try read { session in
            try session.rows("""
                SELECT id, from_address, subject, received_at, classification, spam_score FROM messages WHERE drop_key = \(key) ORDER BY id DESC LIMIT \(limit)
                """).map {
                DroppedMessage(
                    id: Int64(try $0.get("id", as: Int.self)), from: try $0.get("from_address"), subject: try $0.get("subject"),
                    receivedAt: try $0.get("received_at"), reason: try $0.get("classification"), score: try $0.get("spam_score"))
            }
        }
    }

    public func rawMessage(id: Int64) throws -> (raw: [UInt8], mailbox: String, dropKey: String?)? {
        try read { session in
            try session.row("SELECT raw, mailbox, drop_key FROM messages WHERE id = \(Int(id))").map {
                (try $0.bytes("raw"), try $0.get("mailbox", as: String.self), try $0.get("drop_key", as: String?.self))
            }
        }
    }

    /// A ticket staff answered is wanted mail: its first customer message trains the filter as ham, once per ticket.
    static func trainHamOnce(ticket number: Int, now: Date, session: PostgresSession) throws {
        guard try session.value("SELECT EXISTS(SELECT 1 FROM events WHERE ticket_number = \(number) AND type = 'trained_ham')", as: Bool.self) == false,
            let raw = try session.value(
                "SELECT raw FROM messages WHERE ticket_number = \(number) AND kind = 'customer' AND direction = 'in' ORDER BY id LIMIT 1", as: Data.self)
        else { return }
        try apply(TokenDelta(training: SpamTokenizer.default.tokens(for: MailMessage.parse([UInt8](raw))), as: .ham), session: session)
        try addEvent(.system(.trainedHam, "first customer message trained as ham (staff answered)", at: now), ticket: number, session: session)
    }

    public func forgetDropped(id: Int64) throws {
        try read { session in
            try session.execute(
                "UPDATE messages SET drop_key = 'released', fingerprint = NULL, uid = NULL WHERE id = \(Int(id)) AND drop_key IS NOT NULL")
        }
    }
}
