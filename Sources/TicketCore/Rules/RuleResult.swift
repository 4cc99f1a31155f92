/// The ticket fields after every rule ran: what `rules test` prints as `result`.
public struct RuleResult: Sendable, Equatable, Encodable {
    public var queue: String
    public var priority: TicketPriority
    /// A `[request_type.NAME]`, when a rule set one.
    public var requestType: String?
    /// A staff address from `assign`.
    public var assignee: String?
    /// A skill from `assign_skill`: the assignment policy picks someone who has it.
    public var assignSkill: String?
    public var language: String?
    /// The reason from `drop`: no ticket, no answer; counted in the report's `dropped` under it.
    public var drop: String?

    public init(
        queue: String, priority: TicketPriority = .normal, requestType: String? = nil, assignee: String? = nil,
        assignSkill: String? = nil, language: String? = nil, drop: String? = nil
    ) {
        self.queue = queue
        self.priority = priority
        self.requestType = requestType
        self.assignee = assignee
        self.assignSkill = assignSkill
        self.language = language
        self.drop = drop
    }

    private enum CodingKeys: String, CodingKey {
        case queue, priority, requestType = "request_type", assignee, assignSkill = "assign_skill", language, drop
    }

    /// Every key is written, unset ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(queue, forKey: .queue)
        try container.encode(priority, forKey: .priority)
        try container.encode(requestType, forKey: .requestType)
        try container.encode(assignee, forKey: .assignee)
        try container.encode(assignSkill, forKey: .assignSkill)
        try container.encode(language, forKey: .language)
        try container.encode(drop, forKey: .drop)
    }

    /// Applies `actions`; returns what changed, as `key = value` for the trace and the `rule` event.
    mutating func apply(_ actions: RuleActions) -> [String] {
        var changes: [String] = []
        if let queue = actions.queue {
            self.queue = queue
            changes.append("queue = \(queue)")
        }
        if let priority = actions.priority {
            self.priority = priority
            changes.append("priority = \(priority.rawValue)")
        }
        if let requestType = actions.requestType {
            self.requestType = requestType
            changes.append("request_type = \(requestType)")
        }
        if let assignee = actions.assign {
            self.assignee = assignee
            changes.append("assign = \(assignee)")
        }
        if let skill = actions.assignSkill {
            assignSkill = skill
            changes.append("assign_skill = \(skill)")
        }
        if let language = actions.language {
            self.language = language
            changes.append("language = \(language)")
        }
        if let drop = actions.drop {
            self.drop = drop
            changes.append("drop = \(drop)")
        }
        return changes
    }
}
