import Foundation

/// The desk's decisions: pure functions of (input, a snapshot, the rules, now) returning the
/// effects the store applies in the snapshot's transaction.
///
/// Nothing here touches SQL, the disk or the clock; tests feed it an in-memory snapshot.
public struct DeskCore: Sendable {
    public var rules: DeskRules

    public init(rules: DeskRules) {
        self.rules = rules
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// The envelope for mail on `ticket`: threaded onto its latest customer message and every ID of the conversation.
    func envelope(_ ticket: Ticket, conversation: Conversation) -> TicketMailComposer.Envelope {
        rules.envelope(ticket: ticket.number, queue: ticket.queue, inReplyTo: conversation.lastCustomerMessageID, references: conversation.messageIDs)
    }

    /// A new promise on `ticket` (first answer, or the update interval after a reply), with its event.
    func promise(_ ticket: Ticket, first: Bool, snapshot: some DeskSnapshot, now: Date) throws -> (Date?, [DeskEffect]) {
        let openAhead = try snapshot.openAhead(of: ticket.number, queue: ticket.queue)
        guard let promise = rules.policy(forQueue: ticket.queue, channel: ticket.channel, priority: ticket.priority)
            .promise(first: first, openAhead: openAhead, now: now)
        else {
            return (nil, [])
        }
        return (promise, [
            .recordPromise(ticket: ticket.number, promisedBy: promise),
            .addEvent(ticket: ticket.number, .system(.promised, "answer promised by \(Self.iso(promise))", at: now)),
        ])
    }

    /// The customer has a staff answer: the event, the running promise fulfilled (kept or late),
    /// a new ticket opened, and its first message trained as ham.
    func staffAnswered(_ ticket: Ticket, staff: String, detail: String, now: Date) -> [DeskEffect] {
        let number = ticket.number
        var effects: [DeskEffect] = [.addEvent(ticket: number, TicketEvent(at: now, kind: .staffReplied, actor: "staff:\(staff)", detail: detail))]
        if let promisedBy = ticket.promisedBy {
            effects.append(.addEvent(ticket: number, .system(
                now <= promisedBy ? .promiseKept : .promiseMissed, "staff answered; promise was \(Self.iso(promisedBy))", at: now)))
        }
        effects.append(.clearPromise(ticket: number))
        if ticket.state == .new { effects.append(.setState(ticket: number, .open)) }
        effects.append(.trainHam(ticket: number))
        return effects
    }
}

/// Why a desk decision could not be made.
public enum DeskError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchTicket(Int)
    /// The ticket has no request type (or one the config no longer has), so it has no steps.
    case noRequestType(Int)
    /// The step asked for does not exist or cannot be entered.
    case step(String)
    /// The ticket has no time entry with this id.
    case noSuchTimeEntry(Int64, ticket: Int)

    public var description: String {
        switch self {
        case let .noSuchTicket(number): "there is no ticket \(number); see `ticketd tickets list`"
        case let .noRequestType(number): "ticket \(number) has no request type with steps; a rule's request_type gives it one"
        case let .step(reason): reason
        case let .noSuchTimeEntry(id, ticket): "ticket \(ticket) has no time entry \(id); `ticketd tickets show \(ticket)` lists them"
        }
    }
}
