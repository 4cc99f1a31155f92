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
    /// To one staff member or lead: the many promises of theirs that slipped in one watcher run.
    /// It speaks for no one ticket, so a reply to it is never relayed to a customer.
    case digest
}
