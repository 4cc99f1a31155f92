/// How a queue gives its new tickets an owner (`[assignment] policy`, `[assignment.queue.NAME] policy`).
///
/// The raw value is the config spelling.
public enum AssignmentPolicy: String, Sendable, CaseIterable {
    /// Nobody is chosen: the ticket stays with the queue, whose staff hear of it (the default).
    case none
    /// The next eligible agent after the one last given a ticket of the queue, in roster order.
    case roundRobin = "round_robin"
    /// The eligible agent with the fewest open tickets for their capacity (open / capacity).
    case leastLoaded = "least_loaded"
}
