import Foundation

/// Everything the desk needs to work with staff by mail: who they are, how their mail is
/// verified, which commands are valid, and whether they hear of new tickets.
public struct StaffDesk: Sendable {
    /// Staff mail acts only when this verifies it (a reply token, or our MTA's authentication).
    public var verifier: StaffMailVerifier
    /// Checks `#assign` and `#queue` against the roster and the known queues.
    public var validator: StaffCommandValidator
    /// Mail every new ticket to its queue's staff (`[notify] new_tickets`, default true).
    public var notifyNewTickets: Bool

    public init(verifier: StaffMailVerifier, queues: Set<String>, notifyNewTickets: Bool = true) {
        self.verifier = verifier
        self.validator = StaffCommandValidator(roster: verifier.roster, queues: queues)
        self.notifyNewTickets = notifyNewTickets
    }

    public var roster: StaffRoster { verifier.roster }

    /// The reply address that proves `staff`'s answer on `ticket`: `desk` with a token for both.
    public func replyAddress(desk: String, ticket: Int, staff: String) -> String {
        verifier.replyAddresses.address(desk: desk, token: verifier.keyring.mint(ticket: ticket, staff: staff))
    }

    /// Who hears of a new ticket: its assignee when on the roster, else every member working its queue.
    public func recipients(for ticket: Ticket) -> [StaffMember] {
        if let assignee = ticket.assignee, let member = roster.member(assignee) { return [member] }
        return roster.members.filter { $0.works(queue: ticket.queue) }
    }
}
