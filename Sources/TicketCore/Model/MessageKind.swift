/// Which way a stored message went.
public enum MessageDirection: String, Sendable, Codable {
    case incoming = "in"
    case outgoing = "out"
}

/// What a stored message is, from the ticket's point of view.
public enum MessageKind: String, Sendable, Codable {
    case customer, staff, ack, followup, escalation, notice
    /// To one staff member, with a Reply-To that proves their answer: a new ticket, a held mail, command results.
    case notification
    /// To the customer: their own command (`close`) was carried out.
    case confirmation
    /// To the customer: their request entered a step of its process (`notify` of a request type's step).
    case stepNotice = "step_notice"
}
