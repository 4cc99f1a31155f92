/// Whether a rule needs all of its conditions or any one of them.
public enum RuleMatchMode: String, Sendable, CaseIterable {
    case all, any
}

/// What a rule does when it fires; unset actions leave the field as it is.
public struct RuleActions: Sendable, Equatable {
    public var queue: String?
    public var priority: TicketPriority?
    /// A `[request_type.NAME]`.
    public var requestType: String?
    /// A staff address.
    public var assign: String?
    /// A staff skill; the assignment policy chooses who.
    public var assignSkill: String?
    public var language: String?
    /// No ticket and no answer; the reason names it in the report. Ends the evaluation.
    public var drop: String?
    /// No later rule runs.
    public var stop: Bool

    public init(
        queue: String? = nil, priority: TicketPriority? = nil, requestType: String? = nil, assign: String? = nil,
        assignSkill: String? = nil, language: String? = nil, drop: String? = nil, stop: Bool = false
    ) {
        self.queue = queue
        self.priority = priority
        self.requestType = requestType
        self.assign = assign
        self.assignSkill = assignSkill
        self.language = language
        self.drop = drop
        self.stop = stop
    }

    /// The `[[rule]]` keys that are actions.
    static let keys = ["queue", "priority", "request_type", "assign", "assign_skill", "language", "drop", "stop"]
}
