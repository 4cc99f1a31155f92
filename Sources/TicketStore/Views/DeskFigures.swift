import Foundation
import TicketCore

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

/// The desk's figures for a period, as `ticketd report` prints them (field names are public).
///
/// Tickets count when they were opened in the period, dropped mail when it arrived, outgoing mail
/// when it was queued, promise outcomes when the promise came due; ticket states are as of now.
public struct DeskReport: Sendable, Equatable, Encodable {
    /// The first instant counted; nil: from the beginning.
    public var from: Date?
    /// The first instant no longer counted; nil: up to now.
    public var to: Date?
    /// Tickets opened in the period.
    public var tickets: Int
    public var byState: [String: Int]
    public var byQueue: [String: Int]
    public var byLanguage: [String: Int]
    public var byChannel: [String: Int]
    /// Mail that made no ticket, by reason (`spam`, `bounce`, `auto_reply`, `list`, …).
    public var dropped: [String: Int]
    /// New tickets whose acknowledgement a guard withheld, by guard (`per_sender`,
    /// `per_recipient`, `same_text`, `rate`); the tickets exist, only the answer was not sent.
    public var acknowledgementsWithheld: [String: Int] = [:]
    /// Outgoing mail by state (`queued`, `sent`, `failed`).
    public var outbox: [String: Int]
    public var promises: PromiseOutcomes
    public var firstResponse: FirstResponse
    /// Work time logged in the period, by organisation (free and billable) and by staff member.
    public var hours: HoursReport?

    /// How long customers waited for the first answer from a person, over the tickets opened in
    /// the period (wall-clock time from the ticket's creation to the first staff answer the
    /// customer got; internal notes do not count).
    public struct FirstResponse: Sendable, Equatable, Encodable {
        public var answered: Int
        public var unanswered: Int
        public var medianSeconds: Double?
        public var meanSeconds: Double?

        public init(waits: [TimeInterval], unanswered: Int) {
            let sorted = waits.sorted()
            answered = sorted.count
            self.unanswered = unanswered
            medianSeconds = sorted.isEmpty ? nil
                : sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            meanSeconds = sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count)
        }

        enum CodingKeys: String, CodingKey {
            case answered, unanswered, medianSeconds = "median_seconds", meanSeconds = "mean_seconds"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(answered, forKey: .answered)
            try container.encode(unanswered, forKey: .unanswered)
            try container.encode(medianSeconds, forKey: .medianSeconds)
            try container.encode(meanSeconds, forKey: .meanSeconds)
        }
    }

    enum CodingKeys: String, CodingKey {
        case from, to, tickets, byState = "by_state", byQueue = "by_queue", byLanguage = "by_language", byChannel = "by_channel"
        case dropped, outbox, promises, firstResponse = "first_response", acknowledgementsWithheld = "acknowledgements_withheld", hours
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(tickets, forKey: .tickets)
        try container.encode(byState, forKey: .byState)
        try container.encode(byQueue, forKey: .byQueue)
        try container.encode(byLanguage, forKey: .byLanguage)
        try container.encode(byChannel, forKey: .byChannel)
        try container.encode(dropped, forKey: .dropped)
        try container.encode(acknowledgementsWithheld, forKey: .acknowledgementsWithheld)
        try container.encode(outbox, forKey: .outbox)
        try container.encode(promises, forKey: .promises)
        try container.encode(firstResponse, forKey: .firstResponse)
        try container.encodeIfPresent(hours, forKey: .hours)
    }

    /// The figures as CSV rows `section,key,value` with a header line; the ticket total and the
    /// period have an empty key, absent values an empty value.
    public var csv: String {
        var rows = ["section,key,value"]
        func add(_ section: String, _ key: String, _ value: String) {
            rows.append([section, key, value].map(Self.csvField).joined(separator: ","))
        }
        add("period", "from", from.map { $0.formatted(.iso8601) } ?? "")
        add("period", "to", to.map { $0.formatted(.iso8601) } ?? "")
        add("tickets", "", "\(tickets)")
        for (section, counts) in [("by_state", byState), ("by_queue", byQueue), ("by_language", byLanguage), ("by_channel", byChannel),
                                  ("dropped", dropped), ("acknowledgements_withheld", acknowledgementsWithheld), ("outbox", outbox)] {
            for (key, count) in counts.sorted(by: { $0.key < $1.key }) { add(section, key, "\(count)") }
        }
        add("promises", "kept", "\(promises.kept)")
        add("promises", "missed", "\(promises.missed)")
        add("promises", "kept_ratio", promises.keptRatio.map { "\($0)" } ?? "")
        add("first_response", "answered", "\(firstResponse.answered)")
        add("first_response", "unanswered", "\(firstResponse.unanswered)")
        add("first_response", "median_seconds", firstResponse.medianSeconds.map { "\(Int($0.rounded()))" } ?? "")
        add("first_response", "mean_seconds", firstResponse.meanSeconds.map { "\(Int($0.rounded()))" } ?? "")
        for (name, figures) in (hours?.byOrganisation ?? [:]).sorted(by: { $0.key < $1.key }) {
            add("hours.by_organisation.spent", name, "\(figures.spent)")
            add("hours.by_organisation.free", name, "\(figures.free)")
            add("hours.by_organisation.billable", name, "\(figures.billable)")
        }
        for (staff, spent) in (hours?.byStaff ?? [:]).sorted(by: { $0.key < $1.key }) { add("hours.by_staff", staff, "\(spent)") }
        return rows.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
