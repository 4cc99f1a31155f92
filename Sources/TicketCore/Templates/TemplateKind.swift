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
    /// To the customer: their ticket is closed, as they asked with a close word.
    case closed
    /// To staff: a new ticket for them, with the customer's text; replying answers the customer.
    case notification
    /// To a staff member or lead: the many promises of theirs that slipped in one watcher run.
    case alarmDigest = "alarm_digest"
    /// To staff: a request-type step passed its deadline (the escalation ladder's rung).
    case stepEscalation = "step_escalation"
    /// To staff: mail claiming to be theirs was held, not relayed, because it proved nothing.
    case held
    /// To staff: what their `#commands` did, or why they changed nothing.
    case commands
    /// To the customer, on entering a request type's step (`notify`): a visit is being arranged.
    case visitScheduled = "visit_scheduled"
    /// To the customer, on entering a request type's step (`notify`): the process is complete.
    case done
    /// To a contract's contact: a share of the period's free support hours is used.
    case contractNotice = "contract_notice"
    /// To a contract's contact: the contract is up for renewal (`[[reminder]]`).
    case renewal
    /// To staff of the contract's queue: a copy of a contract notice or renewal reminder, quoting what the contact got.
    case contractCopy = "contract_copy"

    /// The kinds a request type's step may send as its `notify` notice.
    public static let stepNotices: [TemplateKind] = [.visitScheduled, .done]
    /// The kinds a `[[reminder]]` may send.
    public static let reminders: [TemplateKind] = [.renewal, .contractNotice]
}
