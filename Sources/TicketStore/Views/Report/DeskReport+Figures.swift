import Foundation

extension DeskReport {
    /// Promises kept and missed by one queue or agent, with the tickets whose promise was missed.
    public struct PromiseTally: Sendable, Equatable, Encodable {
        public var kept = 0
        public var missed = 0
        /// Tickets with a missed promise, by number, each once.
        public var ticketsMissed: [Int] = []

        public init(kept: Int = 0, missed: Int = 0, ticketsMissed: [Int] = []) {
            self.kept = kept
            self.missed = missed
            self.ticketsMissed = ticketsMissed
        }

        /// kept / (kept + missed); nil before any promise came due.
        public var keptRatio: Double? { PromiseOutcomes(kept: kept, missed: missed).keptRatio }

        enum CodingKeys: String, CodingKey {
            case kept, missed, ticketsMissed = "tickets_missed", keptRatio = "kept_ratio"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kept, forKey: .kept)
            try container.encode(missed, forKey: .missed)
            try container.encode(ticketsMissed, forKey: .ticketsMissed)
            try container.encode(keptRatio, forKey: .keptRatio)
        }
    }

    /// Tickets not resolved or closed, by how many business days of their queue they have been open at the report's `now`.
    public struct Backlog: Sendable, Equatable, Encodable {
        /// Bucket labels, youngest first: under one business day, one to three, three to five, five or more.
        public static let bucketLabels = ["<1bd", "1-3bd", "3-5bd", "5bd+"]

        public var open = 0
        /// Tickets per bucket of ``bucketLabels``, every bucket present.
        public var byAge = Dictionary(uniqueKeysWithValues: bucketLabels.map { ($0, 0) })
        /// The tickets in each bucket, by number.
        public var ticketsByAge = Dictionary(uniqueKeysWithValues: bucketLabels.map { ($0, [Int]()) })

        public init() {}

        enum CodingKeys: String, CodingKey {
            case open, byAge = "by_age", ticketsByAge = "tickets_by_age"
        }
    }

    /// Tickets opened in the period that were reopened after being resolved or closed.
    public struct Reopens: Sendable, Equatable, Encodable {
        /// Reopenings, a ticket reopened twice counting twice.
        public var count = 0
        /// Reopened tickets / tickets resolved at least once (the reopened and those resolved now); nil when none was resolved.
        public var rate: Double?
        /// The reopened tickets, by number.
        public var tickets: [Int] = []

        public init(count: Int = 0, rate: Double? = nil, tickets: [Int] = []) {
            self.count = count
            self.rate = rate
            self.tickets = tickets
        }

        enum CodingKeys: String, CodingKey {
            case count, rate, tickets
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encode(rate, forKey: .rate)
            try container.encode(tickets, forKey: .tickets)
        }
    }

    /// One request type's tickets opened in the period and how their steps went.
    public struct RequestTypeFigures: Sendable, Equatable, Encodable {
        public var tickets = 0
        /// The tickets, by number.
        public var ticketNumbers: [Int] = []
        /// By step name.
        public var steps: [String: StepFigures] = [:]

        public init() {}

        enum CodingKeys: String, CodingKey {
            case tickets, ticketNumbers = "ticket_numbers", steps
        }
    }

    /// One step of a request type: how often it was entered and left, how long a finished stay
    /// took in business time, and the stays that ran (or are running) past their due time.
    public struct StepFigures: Sendable, Equatable, Encodable {
        public var entered = 0
        public var left = 0
        /// The median business seconds of the stays that ended; nil when none ended.
        public var businessMedianSeconds: Double?
        /// Stays that ended after their due time, or still run past it at the report's `now`.
        public var overdue = 0
        /// Their tickets, by number, each once.
        public var ticketsOverdue: [Int] = []

        public init() {}

        enum CodingKeys: String, CodingKey {
            case entered, left, businessMedianSeconds = "business_median_seconds", overdue, ticketsOverdue = "tickets_overdue"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(entered, forKey: .entered)
            try container.encode(left, forKey: .left)
            try container.encode(businessMedianSeconds, forKey: .businessMedianSeconds)
            try container.encode(overdue, forKey: .overdue)
            try container.encode(ticketsOverdue, forKey: .ticketsOverdue)
        }
    }
}
