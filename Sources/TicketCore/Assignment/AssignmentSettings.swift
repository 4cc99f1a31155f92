/// `[assignment]` with `[assignment.queue.NAME]`, and the stand-ins of `[[absence]]`.
public struct AssignmentSettings: Sendable, Hashable {
    /// The policy of every queue without its own (`[assignment] policy`, default `none`).
    public var policy: AssignmentPolicy
    /// Queues with their own policy, by lower-cased name.
    public var queuePolicies: [String: AssignmentPolicy]
    /// Who stands in for whom (`standin` of `[[absence]]` entries), in file order.
    public var standIns: [StandIn]

    /// Creates settings; queue names are lower-cased.
    public init(policy: AssignmentPolicy = .none, queuePolicies: [String: AssignmentPolicy] = [:], standIns: [StandIn] = []) {
        self.policy = policy
        self.queuePolicies = Dictionary(queuePolicies.map { ($0.key.lowercased(), $0.value) }) { _, last in last }
        self.standIns = standIns
    }

    /// The policy for new tickets of `queue` (any case).
    public func policy(forQueue queue: String) -> AssignmentPolicy {
        queuePolicies[queue.lowercased()] ?? policy
    }
}
