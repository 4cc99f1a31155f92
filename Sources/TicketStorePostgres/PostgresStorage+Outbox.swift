import Foundation
import Synchronization
import PostgresNIO
import TicketCore
import TicketStore

/// The outbox, shared by every daemon: due rows are claimed, not just read.
extension PostgresStorage {
    /// How long a claimed row stays with the daemon that claimed it while that daemon's session
    /// lives (a daemon hung in a send); once the session is gone (the daemon died, its connection
    /// broke) the row is free at once, and another daemon sends the mail.
    static let claimLease: TimeInterval = 300

    /// Claims up to `limit` due rows for this daemon: `FOR UPDATE SKIP LOCKED` passes over rows
    /// another daemon is claiming this instant, and the claim (`claimed_until`, `claimed_by` this
    /// session's backend) keeps them from every other daemon until this one marks them sent or
    /// failed, its session ends, or the lease runs out. A reused backend pid only delays a row
    /// until its lease ends; it never frees a live claim.
    public func dueOutbox(now: Date, limit: Int) throws -> [OutboxEntry] {
        try transaction { session in
            let entries = try session.rows("""
                UPDATE outbox SET claimed_until = \(now + Self.claimLease), claimed_by = pg_backend_pid()
                WHERE id IN (
                    SELECT id FROM outbox
                    WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= \(now))
                        AND (claimed_until IS NULL OR claimed_until <= \(now) OR claimed_by IS NULL
                            OR NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = outbox.claimed_by))
                    ORDER BY id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).map(Self.outboxEntry).sorted { $0.id < $1.id }
            outboxClaims.record(entries.map(\.id), generation: session.generation)
            return entries
        }
    }

    /// The claim ends with the session that took it: once that connection is gone, another
    /// daemon may have claimed the row (see ``dueOutbox(now:limit:)``).
    public func holdsClaim(on entry: OutboxEntry) -> Bool {
        outboxClaims.generation(of: entry.id).map { link.isOpen(generation: $0) } ?? false
    }

    public func markSent(outboxID: Int64, at date: Date) throws {
        outboxClaims.forget(outboxID)
        try read { session in
            try session.execute("""
                UPDATE outbox SET state = 'sent', sent_at = \(date), attempts = attempts + 1, last_error = NULL, claimed_until = NULL
                WHERE id = \(Int(outboxID)) AND state = 'queued'
                """)
        }
    }

    public func markFailed(outboxID: Int64, reason: String, retryAt: Date?, now: Date) throws {
        outboxClaims.forget(outboxID)
        try transaction { session in
            let number = try session.value("""
                UPDATE outbox SET state = \(retryAt == nil ? "failed" : "queued"), attempts = attempts + 1, last_error = \(reason),
                    next_attempt_at = \(retryAt), claimed_until = NULL
                WHERE id = \(Int(outboxID)) RETURNING ticket_number
                """, as: Int.self)
            if retryAt == nil, let number {
                try Self.addEvent(.system(.noted, "outgoing mail failed: \(reason)", at: now), ticket: number, session: session)
            }
        }
    }

    public func outbox() throws -> [OutboxEntry] {
        try read { session in try session.rows("SELECT * FROM outbox ORDER BY id").map(Self.outboxEntry) }
    }

    public func outboxBacklog() throws -> OutboxBacklog {
        try read { session in
            let queued = try session.row("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE state = 'queued'")
            let failed = try session.value("SELECT COUNT(*) FROM outbox WHERE state = 'failed'", as: Int.self) ?? 0
            return OutboxBacklog(queued: try queued?.get("n", as: Int.self) ?? 0, failed: failed, oldestQueuedAt: try queued?.get("oldest", as: Date?.self))
        }
    }

    static func outboxEntry(_ row: PostgresRandomAccessRow) throws -> OutboxEntry {
        OutboxEntry(
            id: Int64(try row.get("id", as: Int.self)), ticket: try row.get("ticket_number"), kind: try row.get("kind"), sequence: try row.get("sequence"),
            messageID: try row.get("message_id"), envelopeSender: try row.get("envelope_sender"), recipients: try row.lines("recipients"),
            subject: try row.get("subject"), state: try row.get("state"), attempts: try row.get("attempts"), lastError: try row.get("last_error"),
            createdAt: try row.get("created_at"), nextAttemptAt: try row.get("next_attempt_at"), sentAt: try row.get("sent_at"), raw: try row.bytes("raw"))
    }
}

/// The outbox rows this process claimed, and on which connection.
final class OutboxClaimBook: Sendable {
    private let generations = Mutex<[Int64: Int]>([:])

    func record(_ ids: [Int64], generation: Int) {
        generations.withLock { claimed in for id in ids { claimed[id] = generation } }
    }

    func generation(of id: Int64) -> Int? { generations.withLock { $0[id] } }

    func forget(_ id: Int64) { _ = generations.withLock { $0.removeValue(forKey: id) } }
}
