/// Collects a message's tokens once each, in first-seen order, up to a bound.
struct TokenSink {
    let capacity: Int
    private(set) var tokens: [String] = []
    private var seen: Set<String> = []

    init(capacity: Int) {
        self.capacity = capacity
        tokens.reserveCapacity(min(capacity, 512))
    }

    var isFull: Bool { tokens.count >= capacity }

    mutating func add(_ token: String) {
        guard !isFull, seen.insert(token).inserted else { return }
        tokens.append(token)
    }
}
