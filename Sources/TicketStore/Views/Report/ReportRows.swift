import Foundation

/// What the store knows for `ticketd report`, as plain rows: no figure is computed here.
///
/// ``DeskReport/init(rows:calendars:scope:now:)`` turns these into the
/// report; the store only reads them (``TicketQueries/reportRows(from:to:)``).
public struct ReportRows: Sendable, Equatable {
    /// The first instant counted; nil: from the beginning.
    public var from: Date?
    /// The first instant no longer counted; nil: no end.
    public var to: Date?
    /// Tickets opened in the period, by number.
    public var tickets: [Ticket]
    /// Tickets not resolved or closed, whenever they were opened: the backlog.
    public var openTickets: [Ticket]
    /// Promises that came due in the period (kept or missed), in order.
    public var promiseOutcomes: [PromiseOutcome]
    /// Mail that made no ticket, arrived in the period: `key` is the drop reason.
    public var dropped: [Tally]
    /// Outgoing mail queued in the period: `key` is its state.
    public var outbox: [Tally]
    /// Acknowledgements withheld in the period: `key` is the guard.
    public var acknowledgementsWithheld: [Tally]

    public init(
        from: Date? = nil, to: Date? = nil, tickets: [Ticket] = [], openTickets: [Ticket] = [], promiseOutcomes: [PromiseOutcome] = [],
        dropped: [Tally] = [], outbox: [Tally] = [], acknowledgementsWithheld: [Tally] = []
    ) {
        self.from = from
        self.to = to
        self.tickets = tickets
        self.openTickets = openTickets
        self.promiseOutcomes = promiseOutcomes
        self.dropped = dropped
        self.outbox = outbox
        self.acknowledgementsWithheld = acknowledgementsWithheld
    }

    /// One ticket with the moments the report measures.
    public struct Ticket: Sendable, Equatable {
        public var number: Int
        public var createdAt: Date
        /// `new`, `open`, `waiting`, `resolved` or `closed`, as of now.
        public var state: String
        public var queue: String
        public var language: String
        public var channel: String
        public var assignee: String?
        public var customerAddress: String
        public var requestType: String?
        /// The first staff answer the customer got (internal notes do not count).
        public var firstAnsweredAt: Date?
        /// When a resolved or closed ticket was last resolved or closed; nil while it is not.
        public var resolvedAt: Date?
        /// How often it was reopened after being resolved or closed.
        public var reopens: Int
        /// Every step of its request type it entered, in order.
        public var steps: [StepVisit]

        public init(
            number: Int, createdAt: Date, state: String, queue: String, language: String = "en", channel: String = "email",
            assignee: String? = nil, customerAddress: String, requestType: String? = nil, firstAnsweredAt: Date? = nil,
            resolvedAt: Date? = nil, reopens: Int = 0, steps: [StepVisit] = []
        ) {
            self.number = number
            self.createdAt = createdAt
            self.state = state
            self.queue = queue
            self.language = language
            self.channel = channel
            self.assignee = assignee
            self.customerAddress = customerAddress
            self.requestType = requestType
            self.firstAnsweredAt = firstAnsweredAt
            self.resolvedAt = resolvedAt
            self.reopens = reopens
            self.steps = steps
        }
    }

    /// A ticket's stay in one step of its request type.
    public struct StepVisit: Sendable, Equatable {
        public var step: String
        public var enteredAt: Date
        public var dueAt: Date
        /// When the ticket entered the next step or was resolved; nil while it is still there.
        public var leftAt: Date?

        public init(step: String, enteredAt: Date, dueAt: Date, leftAt: Date? = nil) {
            self.step = step
            self.enteredAt = enteredAt
            self.dueAt = dueAt
            self.leftAt = leftAt
        }
    }

    /// A promise that came due: kept (answered in time) or missed.
    public struct PromiseOutcome: Sendable, Equatable {
        public var ticket: Int
        public var at: Date
        public var kept: Bool
        public var queue: String
        /// Who the ticket was assigned to then (its current assignee when no assignment was recorded).
        public var agent: String?
        public var customerAddress: String

        public init(ticket: Int, at: Date, kept: Bool, queue: String, agent: String?, customerAddress: String) {
            self.ticket = ticket
            self.at = at
            self.kept = kept
            self.queue = queue
            self.agent = agent
            self.customerAddress = customerAddress
        }
    }

    /// A count of things by `key`, for the mail domain of the customer (or sender) they concern.
    public struct Tally: Sendable, Equatable {
        public var key: String
        /// Lowercased mail domain; empty when there is none (a null sender).
        public var domain: String
        public var count: Int

        public init(key: String, domain: String, count: Int) {
            self.key = key
            self.domain = domain
            self.count = count
        }
    }
}
