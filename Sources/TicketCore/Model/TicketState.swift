/// Where a ticket is in its life: new → open → waiting (on the customer) → resolved → closed.
public enum TicketState: String, Sendable, Codable, CaseIterable {
    /// Received, nobody from staff has answered yet.
    case new
    /// Staff is working on it.
    case open
    /// Staff asked the customer something; SLA clocks pause.
    case waiting
    /// Staff considers it done; a customer reply reopens it.
    case resolved
    /// Finished for good; a customer reply makes a new, linked ticket.
    case closed
}
