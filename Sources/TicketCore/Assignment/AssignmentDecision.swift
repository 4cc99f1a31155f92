/// Who gets a ticket and why, as the assignment event records it.
public struct AssignmentDecision: Sendable, Hashable {
    /// The chosen agent's address; nil leaves the ticket with its queue.
    public var assignee: String?
    /// Why, for the event's detail, e.g. `least loaded: 3 open of capacity 8; speaks hu; skill billing`.
    public var reason: String

    public init(assignee: String?, reason: String) {
        self.assignee = assignee
        self.reason = reason
    }
}
