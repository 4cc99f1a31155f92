import Foundation
import TicketCore

/// The desk's figures for a period, as `ticketd report` prints them (field names are public).
///
/// Tickets count when they were opened in the period, dropped mail when it arrived, outgoing mail
/// when it was queued, promise outcomes when the promise came due; ticket states are as of now,
/// and the backlog is every ticket still open, aged at ``now``. Built from the store's rows by
/// ``init(rows:calendars:scope:now:)``; every duration in business time is measured on the
/// calendar of the ticket's queue.
public struct DeskReport: Sendable, Equatable, Encodable {
    /// The first instant counted; nil: from the beginning.
    public var from: Date?
    /// The first instant no longer counted; nil: up to now.
    public var to: Date?
    /// The clock the report was made at: backlog ages and running steps are measured to it.
    public var now: Date
    /// The organisation the report is limited to (`--organisation`); nil: everyone.
    public var organisation: String?
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
    /// From opening to the last resolution, over the tickets opened in the period.
    public var resolution = Resolution()
    /// Promises that came due in the period, by the ticket's queue.
    public var promisesByQueue: [String: PromiseTally] = [:]
    /// Promises that came due in the period, by who the ticket was assigned to then (`unassigned`: nobody).
    public var promisesByAgent: [String: PromiseTally] = [:]
    /// Tickets still open at ``now``, by age in business days.
    public var backlog = Backlog()
    public var reopens = Reopens()
    /// Tickets opened per day (`YYYY-MM-DD` in the desk's time zone), days without tickets included.
    public var ticketsPerDay: [String: Int] = [:]
    /// Tickets opened in the period with a request type, by type.
    public var requestTypes: [String: RequestTypeFigures] = [:]
    /// Work time logged in the period, by organisation (free and billable) and by staff member.
    public var hours: HoursReport?

    public init(
        from: Date?, to: Date?, now: Date, tickets: Int, byState: [String: Int], byQueue: [String: Int], byLanguage: [String: Int],
        byChannel: [String: Int], dropped: [String: Int], outbox: [String: Int], promises: PromiseOutcomes, firstResponse: FirstResponse
    ) {
        self.from = from
        self.to = to
        self.now = now
        self.tickets = tickets
        self.byState = byState
        self.byQueue = byQueue
        self.byLanguage = byLanguage
        self.byChannel = byChannel
        self.dropped = dropped
        self.outbox = outbox
        self.promises = promises
        self.firstResponse = firstResponse
    }

    enum CodingKeys: String, CodingKey {
        case from, to, now, organisation, tickets, byState = "by_state", byQueue = "by_queue", byLanguage = "by_language", byChannel = "by_channel"
        case dropped, outbox, promises, firstResponse = "first_response", acknowledgementsWithheld = "acknowledgements_withheld"
        case resolution, promisesByQueue = "promises_by_queue", promisesByAgent = "promises_by_agent", backlog, reopens
        case ticketsPerDay = "tickets_per_day", requestTypes = "request_types", hours
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(now, forKey: .now)
        try container.encodeIfPresent(organisation, forKey: .organisation)
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
        try container.encode(resolution, forKey: .resolution)
        try container.encode(promisesByQueue, forKey: .promisesByQueue)
        try container.encode(promisesByAgent, forKey: .promisesByAgent)
        try container.encode(backlog, forKey: .backlog)
        try container.encode(reopens, forKey: .reopens)
        try container.encode(ticketsPerDay, forKey: .ticketsPerDay)
        try container.encode(requestTypes, forKey: .requestTypes)
        try container.encodeIfPresent(hours, forKey: .hours)
    }
}
