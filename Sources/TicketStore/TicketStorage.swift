import BusinessTime
import Foundation
import SpamFilter
import TicketCore

/// Everything ticketd keeps: tickets, messages, events, the outbox and mailbox sync state, as
/// small protocols by job. `SQLiteStorage` is the embedded backend; a server database backs
/// several daemons through the same protocols. Every method is one transaction and blocks: call
/// it from a dedicated thread, never from the cooperative pool.
public protocol TicketStorage: DeskStore, MailboxProgressStore, OutboxStore, TicketQueries, TimeQueries, SpamTrainingStore, DeskAdministration,
    MailboxClaims {}

/// How daemons that share one store divide the mailboxes: each is worked by one daemon at a time.
public protocol MailboxClaims {
    /// Whether this process may poll `mailbox` (one of the desk's `mailboxes`) now. The embedded
    /// store has one daemon per state directory (`ticketd.lock`), so always; a shared store
    /// answers true for the one process holding the mailbox, and spreads the desk's mailboxes
    /// over its running daemons: each takes at most its share, and gives up what it holds beyond
    /// it between polls, so a daemon that joins gets work and one that dies leaves its share to
    /// the others.
    func claimMailbox(_ mailbox: String, of mailboxes: [String]) throws -> Bool
    /// Who holds each of `mailboxes` (by the name each process gave the store); absent: nobody, or
    /// a store that does not share mailboxes.
    func mailboxHolders(_ mailboxes: [String]) throws -> [String: String]
}

/// IMAP progress per mailbox.
public protocol MailboxProgressStore {
    /// Whether a message from this IMAP position was stored already.
    func contains(_ source: SourceKey) throws -> Bool
    /// The last UID processed in a mailbox and the UIDVALIDITY it belongs to.
    func syncState(mailbox: String) throws -> MailboxSyncState?
    func saveSyncState(_ state: MailboxSyncState) throws
    /// Messages the mailbox's server announced but did not deliver, still being retried.
    func undeliveredMessages(mailbox: String) throws -> [UndeliveredMessage]
    /// Replaces that list (empty: none left).
    func saveUndeliveredMessages(_ messages: [UndeliveredMessage], mailbox: String) throws
}

/// The outbox as the sender and `ticketd outbox` see it (rows are queued by desk effects).
public protocol OutboxStore {
    /// Outbox rows due for (re)sending at `now`, oldest first.
    func dueOutbox(now: Date, limit: Int) throws -> [OutboxEntry]
    /// Whether this process still holds the claim ``dueOutbox(now:limit:)`` gave it on `entry`:
    /// a store shared by several daemons ends a claim with the session that took it, and a
    /// sender must not send a row another daemon may have claimed since.
    func holdsClaim(on entry: OutboxEntry) -> Bool
    /// The server accepted the mail (a row no longer queued, already recorded, stays as it is).
    func markSent(outboxID: Int64, at: Date) throws
    /// Sending failed; `retryAt` nil means for good.
    func markFailed(outboxID: Int64, reason: String, retryAt: Date?, now: Date) throws
    func outbox() throws -> [OutboxEntry]
    /// Queued and failed outgoing mail, and how old the oldest queued one is.
    func outboxBacklog() throws -> OutboxBacklog
}

/// Read-only views for the CLI, reports and metrics.
public protocol TicketQueries {
    func tickets(_ filter: TicketFilter) throws -> [TicketView]
    func ticket(number: Int) throws -> TicketView?
    /// Attachment `id` if it belongs to a message of ticket `ticket`.
    func attachment(id: Int64, ticket: Int) throws -> AttachmentView?
    /// Every ticket of a customer and of their organisation, newest first. The organisation is
    /// their mail domain (not for public webmail), joined with other domains that
    /// `organisations` (domain → name) maps to the same name.
    func customerHistory(address: String, organisations: [String: String]) throws -> CustomerView
    /// Tickets whose promise has passed unanswered.
    func overdueTickets(now: Date) throws -> [Int]
    /// How many promises were kept and how many missed, over all tickets.
    func promiseOutcomes() throws -> PromiseOutcomes
    /// What `ticketd report` is made of for `from..<to` (nil: open end), as rows; the figures
    /// come from ``DeskReport/init(rows:calendars:scope:now:)``.
    func reportRows(from: Date?, to: Date?) throws -> ReportRows
    /// The mail that opened each ticket created in `from..<to` (nil: open end), with the fields
    /// rules set, oldest first: what `rules replay` runs the current rules over.
    func openingMail(from: Date?, to: Date?) throws -> [OpeningMail]
    /// Acknowledgements withheld by the loop and backscatter guards so far, by guard.
    func acknowledgementsWithheld() throws -> [String: Int]
    /// Open (`new`, `open`) tickets per assignee.
    func openTicketsPerAssignee() throws -> [String: Int]
}

/// The spam filter's training and the dropped-mail list staff review.
public protocol SpamTrainingStore: TokenStore {
    /// Adds (or with a negated delta, removes) spam filter training.
    func train(_ delta: TokenDelta) throws
    /// The newest messages dropped for `key`.
    func droppedMessages(key: String, limit: Int) throws -> [DroppedMessage]
    /// A stored message's bytes, the mailbox it came through and why it was dropped (nil: it was not).
    func rawMessage(id: Int64) throws -> (raw: [UInt8], mailbox: String, dropKey: String?)?
    /// Takes a dropped message out of the dropped set so it can be ingested again.
    func forgetDropped(id: Int64) throws
}

/// Backups, the daemon's own state, and absences entered by command.
public protocol DeskAdministration {
    /// An online copy of the database at `path`.
    func backup(to path: String) throws
    func recordCycle(_ status: CycleStatus) throws
    func lastCycle() throws -> CycleStatus?
    /// Records that `staff` is away from `firstDay` through `lastDay` (`YYYY-MM-DD`), with `standIn` taking their new tickets.
    func addAbsence(staff: String, firstDay: String, lastDay: String, standIn: String?, now: Date) throws
    /// Absences entered with `ticketd staff away`.
    func absences() throws -> [StoredAbsence]
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
    /// Every UID up to this one was stored (or dropped with a record) or has left the folder.
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
    /// Tickets assigned to this address.
    public var assignee: String?

    public init(state: TicketState? = nil, queue: String? = nil, customer: String? = nil, assignee: String? = nil) {
        self.state = state
        self.queue = queue
        self.customer = customer
        self.assignee = assignee?.lowercased()
    }
}

/// A ticket's opening mail and what rules set on it.
public struct OpeningMail: Sendable {
    public var ticket: Int
    public var mailbox: String
    public var raw: [UInt8]
    public var queue: String
    public var priority: String
    public var language: String
    public var channel: String
    public var requestType: String?
    public var assignee: String?
    public var rules: [String]

    public init(
        ticket: Int, mailbox: String, raw: [UInt8], queue: String, priority: String, language: String, channel: String, requestType: String?,
        assignee: String?, rules: [String]
    ) {
        self.ticket = ticket
        self.mailbox = mailbox
        self.raw = raw
        self.queue = queue
        self.priority = priority
        self.language = language
        self.channel = channel
        self.requestType = requestType
        self.assignee = assignee
        self.rules = rules
    }
}

/// An absence entered with `ticketd staff away`.
public struct StoredAbsence: Sendable, Equatable {
    public var staff: String
    /// `YYYY-MM-DD`.
    public var firstDay: String
    public var lastDay: String
    public var standIn: String?

    public init(staff: String, firstDay: String, lastDay: String, standIn: String? = nil) {
        self.staff = staff
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.standIn = standIn
    }

    /// As the calendars count it; nil for dates that do not parse.
    public var absence: AbsenceCalendar.Absence? {
        guard let first = try? LocalDate(parsing: firstDay), let last = try? LocalDate(parsing: lastDay) else { return nil }
        return try? AbsenceCalendar.Absence(agent: staff, from: first, through: last)
    }
}

/// Work time and contract mail, for `contracts list` and the report's hours.
public protocol TimeQueries {
    /// Minutes of work logged in `from..<to` on tickets of customers at `domains`.
    func minutesLogged(domains: [String], from: Date, to: Date) throws -> Int
    /// Every time entry done in `from..<to` (nil: open end), in the order the work was done.
    func loggedTime(from: Date?, to: Date?) throws -> [LoggedTime]
    /// The contract mail sent so far: key → when.
    func contractMail() throws -> [String: Date]
}

extension OutboxStore {
    /// One daemon per database (the sender's lock file): its rows stay its own.
    public func holdsClaim(on entry: OutboxEntry) -> Bool { true }
}
