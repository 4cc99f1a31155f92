import Foundation
import PostgresNIO
import Synchronization
import TicketStore

/// Which daemon works which mailbox: a session-level advisory lock per mailbox, held on this
/// store's connection. Nothing expires by itself while the daemon lives; when its process dies or
/// its connection breaks, the server ends the session and releases the lock, and the next daemon
/// that asks takes the mailbox over.
extension PostgresStorage: MailboxClaims {
    public func claimMailbox(_ mailbox: String, of mailboxes: [String]) throws -> Bool {
        try read { session in
            let space = "\(PostgresSchema.mailboxLockSpace)"
            if !claims.isPresent(generation: session.generation) {
                try session.execute("SELECT pg_advisory_lock_shared(\(unescaped: "\(PostgresSchema.daemonLockSpace)"), 0)")
                claims.recordPresence(generation: session.generation)
            }
            let daemons = try session.value("""
                SELECT COUNT(DISTINCT pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
                    AND classid = \(unescaped: "\(PostgresSchema.daemonLockSpace)")::bigint::oid AND objid = 0
                """, as: Int.self) ?? 1
            let share = MailboxShare(mailboxes: Set(mailboxes).count, daemons: daemons).mailboxesPerDaemon
            let held = claims.held(generation: session.generation).intersection(mailboxes).count
            if claims.holds(mailbox, generation: session.generation) {
                guard held > share else { return true }
                _ = try session.value("SELECT pg_advisory_unlock(\(unescaped: space), hashtext(\(mailbox)))", as: Bool.self)
                claims.forget(mailbox)
                return false
            }
            guard held < share else { return false }
            let taken = try session.value("SELECT pg_try_advisory_lock(\(unescaped: space), hashtext(\(mailbox)))", as: Bool.self) ?? false
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

/// How many of the desk's mailboxes one daemon works when `daemons` share them: every mailbox
/// is covered (`daemons × share ≥ mailboxes`) and no daemon takes more than one above another.
struct MailboxShare: Equatable {
    var mailboxes: Int
    var daemons: Int

    var mailboxesPerDaemon: Int {
        let daemons = max(1, self.daemons)
        return (mailboxes + daemons - 1) / daemons
    }
}

/// The mailbox claims this process holds, and on which connection: after a reconnect they are
/// gone with the old session and must be taken again (with the daemon's presence lock).
final class MailboxClaimBook: Sendable {
    fileprivate struct State {
        var generation = 0
        var mailboxes: Set<String> = []
        var present = false
    }

    private let state = Mutex(State())

    func holds(_ mailbox: String, generation: Int) -> Bool {
        state.withLock { $0.generation == generation && $0.mailboxes.contains(mailbox) }
    }

    /// The mailboxes held on connection `generation`.
    func held(generation: Int) -> Set<String> {
        state.withLock { $0.generation == generation ? $0.mailboxes : [] }
    }

    func record(_ mailbox: String, generation: Int) {
        state.withLock { state in
            state.renew(generation)
            state.mailboxes.insert(mailbox)
        }
    }

    func forget(_ mailbox: String) {
        _ = state.withLock { $0.mailboxes.remove(mailbox) }
    }

    /// Whether this daemon's presence lock is held on connection `generation`.
    func isPresent(generation: Int) -> Bool {
        state.withLock { $0.generation == generation && $0.present }
    }

    func recordPresence(generation: Int) {
        state.withLock { state in
            state.renew(generation)
            state.present = true
        }
    }
}

extension MailboxClaimBook.State {
    /// A new connection holds nothing the old one held.
    fileprivate mutating func renew(_ generation: Int) {
        guard self.generation != generation else { return }
        self = .init(generation: generation)
    }
}
