import Foundation
import Logging
import MailMessage
import PostgresNIO
import TicketConfig
import TicketCore
import TicketStore

/// The server store: several daemons on one PostgreSQL, through the same protocols as `SQLiteStorage`.
///
/// Every desk transaction runs SERIALIZABLE and is run again when PostgreSQL reports a
/// serialization failure, a deadlock or a unique key another daemon inserted first: the desk core
/// decides anew on what is then committed (the mail stored meanwhile is then a duplicate). The
/// UNIQUE keys (a message's IMAP position and fingerprint, an outgoing mail's ticket, kind and
/// sequence) make the database itself refuse a second copy. Each mailbox is worked by one daemon
/// at a time (``claimMailbox(_:)``), and outbox rows are claimed with `FOR UPDATE SKIP LOCKED`.
public final class PostgresStorage: TicketStorage {
    let link: PostgresLink
    let tagFormat: TicketTagFormat
    /// How this process names itself to the server (`application_name`): shown by `status` beside the mailboxes it holds.
    public let instance: String
    /// Mailbox claims taken on the current connection (see ``claimMailbox(_:)``).
    let claims = MailboxClaimBook()
    /// Outbox rows claimed on the current connection (see ``holdsClaim(on:)``).
    let outboxClaims = OutboxClaimBook()

    /// How often a desk transaction is tried before its conflict is reported.
    static let attempts = 12

    /// Connects to `url` and applies the schema migrations not applied yet.
    ///
    /// - Parameter instance: the name the server shows for this connection; default `ticketd@HOST:PID`.
    public init(url: PostgresURL, tagFormat: TicketTagFormat, instance: String? = nil, logger: Logger? = nil) throws {
        self.tagFormat = tagFormat
        self.instance = instance ?? "ticketd@\(ProcessInfo.processInfo.hostName):\(getpid())"
        link = try PostgresLink(
            url: url, applicationName: String(self.instance.prefix(63)),
            logger: logger ?? Logger(label: "ticketd.postgres", factory: { _ in SwiftLogNoOpLogHandler() }))
        try link.withSession { try PostgresSchema.migrate($0) }
    }

    /// Runs `body` in one transaction; SERIALIZABLE transactions are run again on a conflict.
    @discardableResult
    func transaction<T>(serializable: Bool = false, _ body: (PostgresSession) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try link.withSession { session in
                    try session.execute(serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN")
                    do {
                        let result = try body(session)
                        try session.execute("COMMIT")
                        return result
                    } catch {
                        _ = try? session.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let error as PostgresStoreError where serializable && (error.isRetryable || error.isUniqueViolation) && attempt < Self.attempts {
                attempt += 1
                // Jitter, so that two daemons that collided do not collide again at once.
                usleep(UInt32.random(in: 1_000...(5_000 * UInt32(attempt))))
            }
        }
    }

    /// One statement sequence outside an explicit transaction (each statement commits on its own).
    @discardableResult
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try link.withSession(body)
    }

    public func contains(_ source: SourceKey) throws -> Bool {
        try read { try Self.isStored(source, session: $0) }
    }

    public func withDeskTransaction<T>(_ body: (any DeskTransaction) throws -> T) throws -> T {
        try transaction(serializable: true) { session in try body(PostgresDeskTransaction(session: session)) }
    }

    public func syncState(mailbox: String) throws -> MailboxSyncState? {
        try read { session in
            try session.row("SELECT uid_validity, last_uid FROM mailbox_sync WHERE mailbox = \(mailbox)").map {
                MailboxSyncState(
                    mailbox: mailbox, uidValidity: UInt32(truncatingIfNeeded: try $0.get("uid_validity", as: Int.self)),
                    lastUID: UInt32(truncatingIfNeeded: try $0.get("last_uid", as: Int.self)))
            }
        }
    }

    public func saveSyncState(_ state: MailboxSyncState) throws {
        try read { session in
            try session.execute("""
                INSERT INTO mailbox_sync (mailbox, uid_validity, last_uid) VALUES (\(state.mailbox), \(Int(state.uidValidity)), \(Int(state.lastUID)))
                ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
                """)
        }
    }

    // MARK: - Shared writes

    static func isStored(_ source: SourceKey, session: PostgresSession) throws -> Bool {
        try session.value(
            "SELECT EXISTS(SELECT 1 FROM messages WHERE mailbox = \(source.mailbox) AND uid_validity = \(Int(source.uidValidity)) AND uid = \(Int(source.uid)))",
            as: Bool.self) ?? false
    }

    static func addEvent(_ event: TicketEvent, ticket: Int, session: PostgresSession) throws {
        try session.execute("""
            INSERT INTO events (ticket_number, at, type, actor, detail) VALUES (\(ticket), \(event.at), \(event.kind.rawValue), \(event.actor), \(event.detail))
            """)
    }

    static func remember(messageIDs: [String], ticket: Int, session: PostgresSession) throws {
        let ids = Array(Set(messageIDs.filter { !$0.isEmpty }))
        guard !ids.isEmpty else { return }
        try session.execute("""
            INSERT INTO message_ids (message_id, ticket_number) SELECT id, \(ticket) FROM unnest(\(ids)::text[]) AS id ON CONFLICT DO NOTHING
            """)
    }

    static func enqueue(_ mail: OutgoingMail, now: Date, session: PostgresSession, from author: String?) throws -> Bool {
        let recipients = mail.recipients.joined(separator: "\n")
        let inserted = try session.execute("""
            INSERT INTO outbox (ticket_number, kind, sequence, message_id, envelope_sender, recipients, subject, raw, created_at)
            VALUES (\(mail.ticketNumber), \(mail.kind.rawValue), \(mail.sequence), \(mail.messageID), \(mail.envelopeSender), \(recipients),
                \(mail.subject), \(Data(mail.raw)), \(now))
            ON CONFLICT DO NOTHING
            """)
        guard inserted > 0 else { return false }
        try session.execute("""
            INSERT INTO messages (ticket_number, direction, kind, message_id, from_address, recipients, subject, text, raw, mailbox, received_at, classification)
            VALUES (\(mail.ticketNumber), 'out', \(mail.kind.rawValue), \(mail.messageID), \(author ?? mail.from), \(recipients), \(mail.subject),
                \(mail.text), \(Data(mail.raw)), 'outbox', \(now), 'ticketd')
            """)
        try remember(messageIDs: [mail.messageID], ticket: mail.ticketNumber, session: session)
        return true
    }
}
