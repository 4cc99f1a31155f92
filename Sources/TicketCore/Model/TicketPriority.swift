/// How urgent a ticket is; rules set it.
public enum TicketPriority: String, Sendable, Codable, CaseIterable {
    case low, normal, high, urgent
}
