/// The mails ticketd writes from templates.
public enum TemplateKind: String, Sendable, CaseIterable {
    /// To the customer: we have your request, here is its number and our promise.
    case ack
}
