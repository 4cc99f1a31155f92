import Foundation

extension DeskReport {
    /// How long customers waited for the first answer from a person, over the tickets opened in
    /// the period, from the ticket's creation to the first staff answer the customer got
    /// (internal notes do not count): `median_seconds` and `mean_seconds` in wall-clock time, the
    /// `business_` figures and the distribution in working time of the ticket's queue.
    public struct FirstResponse: Sendable, Equatable, Encodable {
        public var answered: Int
        public var unanswered: Int
        public var medianSeconds: Double?
        public var meanSeconds: Double?
        public var business: BusinessTimeSpread
        /// Tickets without a staff answer yet, by number.
        public var ticketsUnanswered: [Int]

        /// The figures from `answered` tickets (wall-clock and business seconds each waited) and the unanswered ones.
        public init(answered: [(ticket: Int, wallSeconds: Double, businessSeconds: Int)] = [], unanswered: [Int] = []) {
            let waits = answered.map(\.wallSeconds).sorted()
            self.answered = waits.count
            self.unanswered = unanswered.count
            medianSeconds = BusinessTimeSpread.median(waits)
            meanSeconds = waits.isEmpty ? nil : waits.reduce(0, +) / Double(waits.count)
            business = BusinessTimeSpread(samples: answered.map { ($0.ticket, $0.businessSeconds) })
            ticketsUnanswered = unanswered.sorted()
        }

        enum CodingKeys: String, CodingKey {
            case answered, unanswered, medianSeconds = "median_seconds", meanSeconds = "mean_seconds"
            case businessMedianSeconds = "business_median_seconds", businessP90Seconds = "business_p90_seconds", distribution, tickets
            case ticketsByBucket = "tickets_by_bucket", ticketsUnanswered = "tickets_unanswered"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(answered, forKey: .answered)
            try container.encode(unanswered, forKey: .unanswered)
            try container.encode(medianSeconds, forKey: .medianSeconds)
            try container.encode(meanSeconds, forKey: .meanSeconds)
            try container.encode(business.medianSeconds, forKey: .businessMedianSeconds)
            try container.encode(business.p90Seconds, forKey: .businessP90Seconds)
            try container.encode(business.distribution, forKey: .distribution)
            try container.encode(business.tickets, forKey: .tickets)
            try container.encode(business.ticketsByBucket, forKey: .ticketsByBucket)
            try container.encode(ticketsUnanswered, forKey: .ticketsUnanswered)
        }
    }

    /// How long tickets opened in the period took from opening to their last resolution (or
    /// closing), in working time of the ticket's queue; tickets open again or still open are unresolved.
    public struct Resolution: Sendable, Equatable, Encodable {
        public var resolved: Int
        public var unresolved: Int
        public var business: BusinessTimeSpread

        /// The figures from `resolved` tickets (business seconds each took) and how many are not resolved.
        public init(resolved: [(ticket: Int, businessSeconds: Int)] = [], unresolved: Int = 0) {
            self.resolved = resolved.count
            self.unresolved = unresolved
            business = BusinessTimeSpread(samples: resolved.map { ($0.ticket, $0.businessSeconds) })
        }

        enum CodingKeys: String, CodingKey {
            case resolved, unresolved
            case businessMedianSeconds = "business_median_seconds", businessP90Seconds = "business_p90_seconds", distribution, tickets
            case ticketsByBucket = "tickets_by_bucket"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(resolved, forKey: .resolved)
            try container.encode(unresolved, forKey: .unresolved)
            try container.encode(business.medianSeconds, forKey: .businessMedianSeconds)
            try container.encode(business.p90Seconds, forKey: .businessP90Seconds)
            try container.encode(business.distribution, forKey: .distribution)
            try container.encode(business.tickets, forKey: .tickets)
            try container.encode(business.ticketsByBucket, forKey: .ticketsByBucket)
        }
    }
}
