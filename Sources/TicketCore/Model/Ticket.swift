import Foundation

/// A support request: one conversation with one customer.
public struct Ticket: Sendable, Equatable {
    /// Sequential, never reused.
    public var number: Int
    public var subject: String
    /// The subject without reply/forward prefixes, tags and list tags, lower-cased (for threading).
    public var normalizedSubject: String
    public var state: TicketState
    public var queue: String
    public var priority: String
    /// Customer-facing language code (`en`, `hu`, `pl`).
    public var language: String
    /// How the request came in: `email`, `phone`, …
    public var channel: String
    /// The requester; never changed by later mail.
    public var customer: Customer
    public var assignee: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// The time promised to the customer for the next answer, if any.
    public var promisedBy: Date?

    public init(
        number: Int, subject: String, normalizedSubject: String, state: TicketState = .new,
        queue: String, priority: String = "normal", language: String, channel: String = "email",
        customer: Customer, assignee: String? = nil, createdAt: Date, updatedAt: Date? = nil,
        promisedBy: Date? = nil
    ) {
        self.number = number
        self.subject = subject
        self.normalizedSubject = normalizedSubject
        self.state = state
        self.queue = queue
        self.priority = priority
        self.language = language
        self.channel = channel
        self.customer = customer
        self.assignee = assignee
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.promisedBy = promisedBy
    }
}

/// The person a ticket is for.
public struct Customer: Sendable, Equatable, Codable {
    /// Normalised (lower-cased) address.
    public var address: String
    public var name: String?

    public init(address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// The part after the `@`.
    public var domain: String {
        address.split(separator: "@").last.map(String.init) ?? ""
    }
}
