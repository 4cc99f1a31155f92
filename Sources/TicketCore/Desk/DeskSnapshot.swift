import Foundation

/// What desk decisions read: the store answers it inside the transaction that then applies the
/// decisions' effects, so nothing can change in between.
///
/// Read-only except `nextTicketNumber()`, which reserves the number a new ticket will get (SQLite:
/// the next row id inside the write transaction; a server database: a sequence).
public protocol DeskSnapshot: ThreadingIndex {
    /// Whether this mail was stored before: the same IMAP position, or the same fingerprint.
    func isStored(_ mail: IncomingMail) throws -> Bool
    /// The ticket with this number.
    func ticket(number: Int) throws -> Ticket?
    /// The number the next opened ticket gets.
    func nextTicketNumber() throws -> Int
    /// Unanswered (`new`, `open`) tickets of `queue` opened before ticket `number`.
    func openAhead(of number: Int, queue: String) throws -> Int
    /// Incoming messages from `sender` received at or after `since`.
    func messageCount(from sender: String, since: Date) throws -> Int
    /// Acknowledgements queued to `recipient` at or after `since`.
    func acknowledgementCount(to recipient: String, since: Date) throws -> Int
    /// Acknowledgements queued to anyone at or after `since`.
    func acknowledgementCount(since: Date) throws -> Int
    /// Calls `visit` with the sender and the stored text sketch (`NearDuplicateText.sketch`) of
    /// each mail that opened a ticket at or after `since` whose signature's band
    /// (`NearDuplicateText.band`) is `band`, newest first, at most 1,000, until `visit` returns
    /// false. The bytes are valid only during the call: the same-text guard reads them in place
    /// and stops once it has seen enough.
    func visitOpeningSketches(
        since: Date, band: String, _ visit: (_ sender: String, _ sketch: UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws
    /// The Message-IDs of a ticket's messages, oldest first, and its latest customer message's.
    func conversation(ticket: Int) throws -> Conversation
    /// The highest sequence of outgoing mail of `kind` on `ticket` (0: none yet).
    func lastSequence(ticket: Int, kind: MessageKind) throws -> Int
    /// How many promises were made on `ticket`.
    func promiseCount(ticket: Int) throws -> Int
    /// Open (`new`, `open`) tickets per assignee, and the last assignee of each queue.
    func assignmentLoad() throws -> AssignmentLoad
    /// Open (`new`, `open`, `waiting`) tickets that have an assignee.
    func assignedOpenTickets() throws -> [AssignedTicket]
    /// Open (`new`, `open`) tickets without an assignee, oldest first (at most `limit`).
    func unassignedOpenTickets(limit: Int) throws -> [Ticket]
    /// The request type of `ticket`, if a rule gave it one.
    func requestType(ticket: Int) throws -> String?
    /// The step `ticket` is in (its request type's), nil when it has none.
    func currentStep(ticket: Int) throws -> StepPosition?
    /// Open tickets in a step, with their `visit` of it (earlier entries of the same step); their
    /// `sentRungs` are the outbox sequences of every step escalation sent on the ticket
    /// (``StepEscalationSequence``), which the core sorts by step and visit.
    func steppedTickets() throws -> [SteppedTicket]
    /// The staff mail held on `ticket`, oldest first.
    func heldMail(ticket: Int) throws -> [HeldMail]
    /// Minutes of work logged in `from..<to` on tickets of customers at `domains`.
    func minutesLogged(domains: [String], from: Date, to: Date) throws -> Int
    /// Whether a contract mail with `key` was sent.
    func contractMailSent(key: String) throws -> Bool
    /// The time entries of `ticket`, oldest first.
    func timeEntries(ticket: Int) throws -> [TimeEntry]
}

/// A staff mail kept on a ticket without acting, because it proved nothing.
public struct HeldMail: Sendable, Equatable {
    /// The stored message's row.
    public var row: Int64
    /// Its bytes as received.
    public var raw: [UInt8]
    /// Why it was held.
    public var reason: String

    public init(row: Int64, raw: [UInt8], reason: String) {
        self.row = row
        self.raw = raw
        self.reason = reason
    }
}

/// A ticket's thread as outgoing mail refers to it.
public struct Conversation: Sendable, Equatable {
    /// Every stored Message-ID of the ticket, oldest first.
    public var messageIDs: [String]
    /// The newest customer message's ID: what an answer replies to.
    public var lastCustomerMessageID: String?

    public init(messageIDs: [String], lastCustomerMessageID: String?) {
        self.messageIDs = messageIDs
        self.lastCustomerMessageID = lastCustomerMessageID
    }
}
