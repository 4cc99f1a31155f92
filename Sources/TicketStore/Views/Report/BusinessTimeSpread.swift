import Foundation

/// How long something took over a set of tickets, in business seconds on each ticket's queue
/// calendar: median, 90th percentile, a distribution in business hours, and the tickets behind it.
public struct BusinessTimeSpread: Sendable, Equatable {
    /// The middle value (the mean of the two middle ones for an even count); nil without tickets.
    public var medianSeconds: Double?
    /// The nearest-rank 90th percentile: 9 of 10 tickets took this long or less; nil without tickets.
    public var p90Seconds: Double?
    /// Tickets per bucket of ``bucketLabels``, every bucket present.
    public var distribution: [String: Int]
    /// The tickets measured, by number.
    public var tickets: [Int]
    /// The tickets in each bucket of ``bucketLabels``, by number, every bucket present.
    public var ticketsByBucket: [String: [Int]]

    /// Bucket labels in business hours, shortest first: a ticket of exactly 1h is in `1-4h`.
    public static let bucketLabels = ["<1h", "1-4h", "4-8h", "8-24h", "24-40h", "40h+"]
    /// The upper bound (exclusive) of each bucket but the last, in business hours.
    static let bucketBounds = [1, 4, 8, 24, 40]

    /// The spread of `samples`: (ticket number, business seconds it took).
    public init(samples: [(ticket: Int, seconds: Int)]) {
        let sorted = samples.map { Double($0.seconds) }.sorted()
        medianSeconds = Self.median(sorted)
        p90Seconds = sorted.isEmpty ? nil : sorted[Int((0.9 * Double(sorted.count)).rounded(.up)) - 1]
        var buckets = Dictionary(uniqueKeysWithValues: Self.bucketLabels.map { ($0, [Int]()) })
        for sample in samples.sorted(by: { $0.ticket < $1.ticket }) { buckets[Self.bucket(seconds: sample.seconds), default: []].append(sample.ticket) }
        ticketsByBucket = buckets
        distribution = buckets.mapValues(\.count)
        tickets = samples.map(\.ticket).sorted()
    }

    /// The label of the bucket `seconds` falls in.
    public static func bucket(seconds: Int) -> String {
        let index = bucketBounds.firstIndex { seconds < $0 * 3600 } ?? bucketBounds.count
        return bucketLabels[index]
    }

    /// The median of sorted values; nil when there are none.
    static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
