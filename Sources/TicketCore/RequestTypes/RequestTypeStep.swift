import BusinessTime

/// Who works a step: a queue, everyone with a skill, or a staff role.
public enum StepOwner: Sendable, Hashable, CustomStringConvertible {
    /// A queue (`support`), as `TicketdConfig.knownQueues` lists them.
    case queue(String)
    /// The staff with a skill (`field`), from `[[staff]] skills`.
    case skill(String)
    /// The staff with a role (`lead`).
    case role(StaffRole)

    /// The name as written in the config, e.g. `support` or `lead`.
    public var description: String {
        switch self {
        case .queue(let name), .skill(let name): name
        case .role(let role): role.rawValue
        }
    }
}

/// One step of a request type's process, e.g. `{ name = "visit", owner = "field", due = "2bd", notify = "visit_scheduled" }`.
public struct RequestTypeStep: Sendable, Hashable {
    /// Unique within its request type, e.g. `visit`.
    public var name: String
    /// Who the ticket is assigned to on entering the step.
    public var owner: StepOwner
    /// How long the step may take, in business time from entering it.
    public var due: BusinessDuration
    /// The customer notice sent once on entering the step, if any.
    public var notify: TemplateKind?

    public init(name: String, owner: StepOwner, due: BusinessDuration, notify: TemplateKind? = nil) {
        self.name = name
        self.owner = owner
        self.due = due
        self.notify = notify
    }
}
