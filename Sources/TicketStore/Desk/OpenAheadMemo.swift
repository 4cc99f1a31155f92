/// A queue's unanswered tickets counted once per desk transaction: each new ticket of a fetched
/// batch asks how many open tickets are ahead of it in its queue, and SQLite and PostgreSQL count
/// an index range entry by entry, so counting the whole queue for each made a backlog quadratic
/// (9 % of the daemon's CPU over 10,000 messages, growing with the open tickets). A later ticket's
/// count is the one remembered plus the open tickets numbered in between.
///
/// Valid while no ticket changes state or queue: the transaction calls ``forget()`` on every such
/// effect. Opening a ticket needs no forgetting (it is numbered after those counted).
public final class OpenAheadMemo {
    private var counts: [String: (below: Int, count: Int)] = [:]

    public init() {}

    /// Open tickets of `queue` numbered below `number`; `counting(from, below)` counts those
    /// numbered in `from..<below` in the store.
    public func count(below number: Int, queue: String, counting: (_ from: Int, _ below: Int) throws -> Int) rethrows -> Int {
        let remembered = counts[queue].flatMap { $0.below <= number ? $0 : nil }
        let count = try (remembered?.count ?? 0) + counting(remembered?.below ?? Int.min, number)
        counts[queue] = (number, count)
        return count
    }

    /// Drops every remembered count (a ticket changed state or queue).
    public func forget() {
        counts.removeAll()
    }
}
