/// The desk's work as assignment sees it: open tickets per agent and the last agent given a
/// ticket in each queue.
///
/// A value the caller reads from the store; ``record(_:queue:)`` keeps it current while one run
/// assigns several tickets, so each decision sees the ones before it.
public struct AssignmentLoad: Sendable, Hashable {
    /// Tickets waiting on staff (`new`, `open`) per agent address (lower-cased).
    public private(set) var open: [String: Int]
    /// The agent last given a ticket, per queue (both lower-cased): where round robin goes on from.
    public private(set) var lastAssigned: [String: String]

    /// Creates a load; addresses and queues are lower-cased.
    public init(open: [String: Int] = [:], lastAssigned: [String: String] = [:]) {
        self.open = Dictionary(open.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        self.lastAssigned = Dictionary(lastAssigned.map { ($0.key.lowercased(), $0.value.lowercased()) }) { _, last in last }
    }

    /// Open tickets of `address` (0 when unknown).
    public func openCount(of address: String) -> Int {
        open[address.lowercased(), default: 0]
    }

    /// The agent last given a ticket of `queue`, if any.
    public func lastAssigned(in queue: String) -> String? {
        lastAssigned[queue.lowercased()]
    }

    /// Counts a ticket of `queue` given to `address`.
    public mutating func record(_ address: String, queue: String) {
        open[address.lowercased(), default: 0] += 1
        lastAssigned[queue.lowercased()] = address.lowercased()
    }

    /// Takes a ticket off `address`'s open count (never below 0).
    public mutating func release(_ address: String) {
        let key = address.lowercased()
        open[key] = max(0, open[key, default: 0] - 1)
    }
}
