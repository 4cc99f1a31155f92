/// Who an escalation goes to: the staff with a role, or one address.
public enum EscalationTarget: Sendable, Hashable, CustomStringConvertible {
    case role(StaffRole)
    case address(String)

    /// The role name or the address, as written in the config.
    public var description: String {
        switch self {
        case .role(let role): role.rawValue
        case .address(let address): address
        }
    }
}

/// One rung of a request type's escalation ladder, e.g. `{ after = 1.5, to = "manager" }`.
public struct EscalationRung: Sendable, Hashable {
    /// The largest `after` accepted: ten windows past entering a step.
    public static let maximumShare = 10.0

    /// The share of the step's window after which this rung fires: 1.0 at the step's due time,
    /// 1.5 half a window later. Kept in whole percent (``percent``), which also keys the rung.
    public let after: Double
    /// Who is told.
    public let to: EscalationTarget

    /// A rung; `after` must be more than 0 and at most ``maximumShare``.
    public init(after: Double, to: EscalationTarget) throws(RequestTypeError) {
        guard after > 0, after <= Self.maximumShare, after.isFinite else { throw .badShare(after) }
        self.after = after
        self.to = to
    }

    /// `after` in whole percent of the window (1.5 → 150): the rung's identity in outbox keys,
    /// stable when rungs are added or removed around it.
    public var percent: Int { Int((after * 100).rounded()) }
}
