/// What a customer's mail asks of their own ticket without saying anything else.
public enum CustomerCommand: Sendable, Equatable {
    /// The subject or first line is only a close word (`close`, `lezárás`, `zamknij`, …): close the ticket.
    case close
    /// The new text is only thanks: record it; a resolved ticket stays resolved.
    case thanks
}
