import Foundation

/// Something that happened to a ticket, with who did it.
public struct TicketEvent: Sendable, Equatable {
    /// Event kinds ticketd records.
    public enum Kind: String, Sendable, Codable {
        case created, customerReplied = "customer_replied", staffReplied = "staff_replied"
        case reopened, linked, acknowledged, noted, stateChanged = "state_changed"
        case promised, promiseKept = "promise_kept", promiseMissed = "promise_missed", mailQueued = "mail_queued", assigned, trainedHam = "trained_ham"
        /// Staff mail that proved nothing, kept on the ticket and never relayed; and its release after review.
        case held, released
        /// A `#command` from verified staff mail, or one that was refused.
        case command
        /// A `[[rule]]` fired on the opening mail (actor `rule:NAME`, detail what it set), or failed (e.g. a regex over its step limit).
        case rule, ruleError = "rule_error"
        /// The ticket entered a step of its request type; a step's deadline was escalated.
        case step, stepEscalated = "step_escalated"
        /// Work time was logged on the ticket, or an entry removed.
        case time
        /// A support contract's notice or renewal reminder opened the ticket.
        case contract
    }

    public var at: Date
    public var kind: Kind
    /// `customer:ADDR`, `staff:ADDR` or `system`.
    public var actor: String
    public var detail: String

    public init(at: Date, kind: Kind, actor: String, detail: String) {
        self.at = at
        self.kind = kind
        self.actor = actor
        self.detail = detail
    }
}
