/// What to do with one incoming message; the store applies it in one transaction.
public struct IntakePlan: Sendable, Equatable {
    /// The effect on tickets.
    public enum Action: Sendable, Equatable {
        /// Open a new ticket.
        case open(NewTicket)
        /// Add the message to an existing ticket (`reopen` when it was resolved).
        case append(ticket: Int, kind: MessageKind, rule: ThreadMatcher.Rule, reopen: Bool)
        /// Automated mail about a known ticket: keep it there as a note; no state or clock changes.
        case note(ticket: Int)
        /// Not a ticket: counted under `key` in `report --json`'s `dropped`.
        case drop(key: String)
    }

    public var action: Action
    public var classification: MailClass
    /// Whether the new ticket gets an acknowledgement.
    public var acknowledge: Bool

    public init(action: Action, classification: MailClass, acknowledge: Bool) {
        self.action = action
        self.classification = classification
        self.acknowledge = acknowledge
    }
}

/// The fields of a ticket about to be opened (the store assigns its number).
public struct NewTicket: Sendable, Equatable {
    public var subject: String
    public var normalizedSubject: String
    public var customer: Customer
    public var queue: String
    public var priority: String
    public var language: String
    public var channel: String
    /// The earlier ticket this one continues (closed ticket, or a stranger's use of a tag).
    public var linkedTo: Int?
    /// Set by a rule: the request type (`[request_type.NAME]`) and the assignee.
    public var requestType: String?
    public var assignee: String?
    /// The names of the rules that fired on the opening mail, in order.
    public var rules: [String] = []

    public init(
        subject: String, normalizedSubject: String, customer: Customer, queue: String, priority: String = "normal",
        language: String, channel: String = "email", linkedTo: Int? = nil
    ) {
        self.subject = subject
        self.normalizedSubject = normalizedSubject
        self.customer = customer
        self.queue = queue
        self.priority = priority
        self.language = language
        self.channel = channel
        self.linkedTo = linkedTo
    }
}
