import Foundation
import TicketCore

/// Everything ticketd keeps: tickets, messages, events, the outbox and mailbox sync state.
///
/// The embedded implementation is `SQLiteStorage`; a server database can back several daemons
/// later through the same protocol. Every method is one transaction and blocks: call it from a
/// dedicated thread, never from the cooperative pool.
public protocol TicketStorage: Sendable {
    /// Whether a message from this IMAP position was stored already.
    func contains(_ source: SourceKey) throws -> Bool

    /// Stores `mail` and applies the planner's decision in one transaction: the message, the
    /// ticket, events, threading keys, the promise and, for a new ticket, the acknowledgement in
    /// the outbox. A message stored before (same IMAP position, or same fingerprint) changes nothing.
    func ingest(_ mail: IncomingMail, queue: String, rules: DeskRules, now: Date) throws -> IngestOutcome

    /// Fires due promise timers at `now`: staff warnings, and for each slipped promise one
    /// follow-up to the customer with a new promise, a staff alarm and (second slip) an
    /// escalation — each in its own transaction, keyed so that it happens once.
    /// Returns how many mails were queued.
    func watchPromises(rules: DeskRules, now: Date) throws -> Int

    /// The last UID processed in a mailbox and the UIDVALIDITY it belongs to.
    func syncState(mailbox: String) throws -> MailboxSyncState?
    func saveSyncState(_ state: MailboxSyncState) throws

    /// Outbox rows due for (re)sending at `now`, oldest first.
    func dueOutbox(now: Date, limit: Int) throws -> [OutboxEntry]
    /// The server accepted the mail.
    func markSent(outboxID: Int64, at: Date) throws
    /// Sending failed; `retryAt` nil means for good.
    func markFailed(outboxID: Int64, reason: String, retryAt: Date?, now: Date) throws

    func tickets(_ filter: TicketFilter) throws -> [TicketView]
    func ticket(number: Int) throws -> TicketView?
    func outbox() throws -> [OutboxEntry]
    /// How many messages were dropped, by reason (`spam`, `bounce`, `auto_reply`, `list`, …).
    func droppedCounts() throws -> [String: Int]
}

/// What `ingest` did.
public enum IngestOutcome: Sendable, Equatable {
    /// Stored before; nothing changed.
    case duplicate
    /// Stored; the ticket it went to (nil when dropped), and whether a mail was queued.
    case stored(ticket: Int?, action: IntakePlan.Action, queuedMail: Bool)
}

/// Per-mailbox IMAP progress.
public struct MailboxSyncState: Sendable, Equatable {
    public var mailbox: String
    public var uidValidity: UInt32
    /// Every UID up to this one is stored.
    public var lastUID: UInt32

    public init(mailbox: String, uidValidity: UInt32, lastUID: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}

/// Which tickets `tickets(_:)` returns.
public struct TicketFilter: Sendable {
    public var state: TicketState?
    public var queue: String?
    public var customer: String?

    public init(state: TicketState? = nil, queue: String? = nil, customer: String? = nil) {
        self.state = state
        self.queue = queue
        self.customer = customer
    }
}
