import Foundation

/// What waits in the outbox: for `ticketd status` and the metrics.
public struct OutboxBacklog: Sendable, Equatable {
    /// Mails not sent yet, due now or waiting for a retry.
    public var queued: Int
    /// Mails given up on (a permanent SMTP refusal).
    public var failed: Int
    /// When the oldest queued mail was queued; nil when nothing is queued.
    public var oldestQueuedAt: Date?

    public init(queued: Int, failed: Int, oldestQueuedAt: Date?) {
        self.queued = queued
        self.failed = failed
        self.oldestQueuedAt = oldestQueuedAt
    }
}

/// How the promises that came due turned out: kept (staff answered in time) or missed (answered
/// late, or slipped unanswered). Running promises are in neither.
public struct PromiseOutcomes: Sendable, Equatable, Encodable {
    public var kept: Int
    public var missed: Int

    public init(kept: Int, missed: Int) {
        self.kept = kept
        self.missed = missed
    }

    /// kept / (kept + missed); nil before any promise came due.
    public var keptRatio: Double? {
        kept + missed == 0 ? nil : Double(kept) / Double(kept + missed)
    }

    enum CodingKeys: String, CodingKey {
        case kept, missed, keptRatio = "kept_ratio"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kept, forKey: .kept)
        try container.encode(missed, forKey: .missed)
        try container.encode(keptRatio, forKey: .keptRatio)
    }
}
