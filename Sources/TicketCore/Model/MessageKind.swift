/// Which way a stored message went.
public enum MessageDirection: String, Sendable, Codable {
    case incoming = "in"
    case outgoing = "out"
}

/// What a stored message is, from the ticket's point of view.
public enum MessageKind: String, Sendable, Codable {
    case customer, staff, ack, followup, escalation, notice
}
