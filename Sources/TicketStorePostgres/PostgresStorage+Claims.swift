import Foundation
import PostgresNIO
import Synchronization
import TicketStore

/// Which daemon works which mailbox: a session-level advisory lock per mailbox, held on this
/// store's connection. Nothing expires by itself while the daemon lives; when its process dies or
/// its connection breaks, the server ends the session and releases the lock, and the next daemon
/// that asks takes the mailbox over.
extension PostgresStorage: MailboxClaims {
    public func claimMailbox(_ mailbox: String) throws -> Bool {
        try read { session in
            if claims.holds(mailbox, generation: session.generation) { return true }
            let taken = try session.value(
                "SELECT pg_try_advisory_lock(\(unescaped: "\(PostgresSchema.mailboxLockSpace)"), hashtext(\(mailbox)))", as: Bool.self) ?? false
            if taken { claims.record(mailbox, generation: session.generation) }
            return taken
        }
    }

    public func mailboxHolders(_ mailboxes: [String]) throws -> [String: String] {
        guard !mailboxes.isEmpty else { return [:] }
        return try read { session in
            // Two-key advisory locks show as classid = key 1, objid = key 2 (as an oid), objsubid = 2.
            Dictionary(
                try session.rows("""
                    SELECT m.name, a.application_name FROM unnest(\(mailboxes)::text[]) AS m(name)
                    JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                        AND l.classid = \(unescaped: "\(PostgresSchema.mailboxLockSpace)")::bigint::oid
                        AND l.objid = (hashtext(m.name)::bigint & 4294967295)::oid
                    JOIN pg_stat_activity a ON a.pid = l.pid
                    """).map { (try $0.get("name", as: String.self), try $0.get("application_name", as: String?.self) ?? "unknown") },
                uniquingKeysWith: { first, _ in first })
        }
    }
}

/// The mailbox claims this process holds, and on which connection: after a reconnect they are
/// gone with the old session and must be taken again.
final class MailboxClaimBook: Sendable {
    private let state = Mutex<(generation: Int, mailboxes: Set<String>)>((0, []))

    func holds(_ mailbox: String, generation: Int) -> Bool {
        state.withLock { $0.generation == generation && $0.mailboxes.contains(mailbox) }
    }

    func record(_ mailbox: String, generation: Int) {
        state.withLock { state in
            if state.generation != generation { state = (generation, []) }
            state.mailboxes.insert(mailbox)
        }
    }
}
