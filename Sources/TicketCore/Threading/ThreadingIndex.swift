import Foundation

/// What threading needs to know about existing tickets; the store answers it inside its transaction.
public protocol ThreadingIndex {
    /// The ticket with this number, if it exists.
    func candidate(number: Int) throws -> ThreadCandidate?
    /// The ticket that any of these Message-IDs (`<…>`) belongs to, most recent first.
    func ticketNumber(forAnyOf messageIDs: [String]) throws -> Int?
    /// Tickets of `customer` (normalised address) with this normalised subject, updated since `since`.
    func candidates(customer: String, normalizedSubject: String, since: Date) throws -> [ThreadCandidate]
    /// The language of the customer's most recent ticket, if they wrote before.
    func preferredLanguage(customer: String) throws -> String?
}

/// An existing ticket as threading sees it.
public struct ThreadCandidate: Sendable, Equatable {
    public var number: Int
    public var state: TicketState
    /// The requester's normalised address.
    public var customer: String
    /// Everyone who wrote on the ticket or was written to (normalised).
    public var participants: Set<String>
    public var updatedAt: Date

    public init(number: Int, state: TicketState, customer: String, participants: Set<String>, updatedAt: Date) {
        self.number = number
        self.state = state
        self.customer = customer
        self.participants = participants
        self.updatedAt = updatedAt
    }
}
