/// The mails ticketd writes from templates.
public enum TemplateKind: String, Sendable, CaseIterable {
    /// To the customer: we have your request, here is its number and our promise.
    case ack
    /// To the customer: we missed our promise; here is an honest new one.
    case followup
    /// To staff: a promise is about to pass, or has passed, unanswered.
    case alarm
    /// To the lead: a ticket slipped more than once.
    case escalation
}
