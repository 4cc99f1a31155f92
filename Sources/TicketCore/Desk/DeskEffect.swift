import Foundation

/// One change a desk decision makes; the store applies a decision's effects in order, in the
/// transaction its snapshot was read in.
public enum DeskEffect: Sendable, Equatable {
    /// Open ticket `number` (reserved with `DeskSnapshot.nextTicketNumber()`); the customer becomes a participant.
    case openTicket(number: Int, NewTicket)
    /// Store the incoming mail being decided on, on `ticket` (nil: on none), with its class and drop key.
    case storeIncoming(ticket: Int?, kind: MessageKind, classification: String, dropKey: String?)
    /// The text signature of the incoming mail this decision stores (it opened a ticket), for the
    /// same-text guard: stored as its ``NearDuplicateText/band`` and ``NearDuplicateText/sketch``.
    case signIncoming(NearDuplicateText)
    /// The incoming mail this decision stores is held: kept on its ticket, never relayed, until released.
    case holdIncoming(reason: String)
    /// A held staff mail (its stored row) was released after review.
    case releaseHeld(messageRow: Int64)
    /// Keep the request of a ticket from another channel (phone, chat) as its first message.
    case storeChannelMessage(ticket: Int, from: String, subject: String, text: String, channel: String)
    case addEvent(ticket: Int, TicketEvent)
    case setState(ticket: Int, TicketState)
    /// The ticket's last activity.
    case touch(ticket: Int, at: Date)
    /// A new running promise (kept in the promise history).
    case recordPromise(ticket: Int, promisedBy: Date)
    /// No running promise: answered, waiting, resolved or closed.
    case clearPromise(ticket: Int)
    case assign(ticket: Int, to: String)
    /// The ticket is in `step` of its request type `type` from `enteredAt`, due at `dueAt` (kept in the step history).
    case enterStep(ticket: Int, type: String, step: String, enteredAt: Date, dueAt: Date)
    /// The ticket goes back to its queue: no assignee.
    case unassign(ticket: Int)
    case setPriority(ticket: Int, TicketPriority)
    case setQueue(ticket: Int, String)
    /// Message-IDs that thread later mail onto the ticket.
    case rememberMessageIDs(ticket: Int, [String])
    /// Addresses that may write on the ticket with its tag.
    case addParticipants(ticket: Int, [String])
    /// Queue outgoing mail under its key `(ticket, kind, sequence)`; a second row with the key is
    /// refused. `author` is who the stored copy names as sender (a staff member, else `mail.from`);
    /// `onQueued` is recorded only when the row was new.
    case queueMail(OutgoingMail, author: String?, onQueued: TicketEvent?)
    /// Log work time on the ticket.
    case logTime(ticket: Int, TimeEntry)
    /// Remove time entry `entry` (its id) of the ticket.
    case removeTime(ticket: Int, entry: Int64)
    /// A contract mail with `key` (`ContractWatch.key`) went out on `ticket`; a second one with the key is never sent.
    case recordContractMail(key: String, ticket: Int)
    /// Train the ticket's first customer message as ham, once per ticket (staff answered it).
    case trainHam(ticket: Int)
}

extension TicketEvent {
    /// An event by ticketd itself.
    public static func system(_ kind: Kind, _ detail: String, at: Date) -> TicketEvent {
        TicketEvent(at: at, kind: kind, actor: "system", detail: detail)
    }
}
