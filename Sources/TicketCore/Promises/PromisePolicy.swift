import BusinessTime
import Foundation

/// How ticketd makes and watches deadline promises: the business calendar, SLA targets and team capacity.
///
/// A promise is the SLA target adjusted for capacity (see `PromiseEstimator` for the formula):
/// never earlier than the target, later when the queue is long or the team is away, rounded to
/// a full hour inside business hours.
public struct PromisePolicy: Sendable {
    public var calendar: BusinessCalendar
    /// Target for the first answer to a new ticket.
    public var firstResponse: BusinessDuration
    /// Target for the next answer after a customer's reply.
    public var updateInterval: BusinessDuration
    /// Staff are warned when this share of a promise window has passed unanswered (0…1).
    public var warningRatio: Double
    /// The slip follow-up goes out this long before the promised time (0: when it passes).
    public var followUpLead: TimeInterval
    /// Tickets one agent closes per business day.
    public var throughputPerAgentPerDay: Double
    /// Staff addresses: the team whose capacity is counted and who get alarms.
    public var staff: [String]
    /// Whole days staff are away.
    public var absences: [AbsenceCalendar.Absence]
    /// Who hears about a ticket that slipped twice.
    public var escalateTo: [String]
    /// When more promises than this slip in one watcher cycle, each staff member and lead gets
    /// one digest of theirs instead of a mail per ticket (0: always a mail per ticket).
    public var digestAfter: Int

    public init(
        calendar: BusinessCalendar, firstResponse: BusinessDuration, updateInterval: BusinessDuration,
        warningRatio: Double = 0.75, followUpLead: TimeInterval = 0, throughputPerAgentPerDay: Double = 8,
        staff: [String] = [], absences: [AbsenceCalendar.Absence] = [], escalateTo: [String] = [], digestAfter: Int = 10
    ) {
        self.calendar = calendar
        self.firstResponse = firstResponse
        self.updateInterval = updateInterval
        self.warningRatio = warningRatio
        self.followUpLead = followUpLead
        self.throughputPerAgentPerDay = throughputPerAgentPerDay
        self.staff = staff
        self.absences = absences
        self.escalateTo = escalateTo
        self.digestAfter = digestAfter
    }

    /// The workload for a ticket with `openAhead` unanswered tickets before it in its queue.
    public func workload(openAhead: Int, now: Date) -> Workload {
        let team = AbsenceCalendar(teamSize: max(staff.count, 1), absences: absences)
        return Workload(
            openTicketsAhead: openAhead, agentsAvailableNow: team.availableAgents(on: calendar.localDate(of: now)),
            throughputPerAgentPerDay: throughputPerAgentPerDay, absences: team)
    }

    /// The promise for a new ticket (`first`) or an answer after a customer reply.
    public func promise(first: Bool, openAhead: Int, now: Date) -> Date? {
        let estimator = PromiseEstimator(calendar: calendar, slaTarget: first ? firstResponse : updateInterval)
        return try? estimator.promise(now: now, workload: workload(openAhead: openAhead, now: now)).date
    }

    /// A new, honest promise after `missed` passed unanswered.
    public func promiseAfterSlip(missed: Date, openAhead: Int, now: Date) -> Date? {
        let estimator = PromiseEstimator(calendar: calendar, slaTarget: updateInterval)
        return try? estimator.nextPromiseAfterSlip(missed: missed, now: now, workload: workload(openAhead: openAhead, now: now)).date
    }

    /// The capacity walk a watcher run shares among the promises that slipped by `now`: from
    /// `now`, far enough for `openAhead` (the longest queue ahead of any of them).
    public func slipTimeline(openAhead: Int, now: Date) -> CapacityTimeline {
        PromiseEstimator(calendar: calendar, slaTarget: updateInterval).timeline(from: now, workload: workload(openAhead: openAhead, now: now))
    }

    /// ``promiseAfterSlip(missed:openAhead:now:)`` for a promise missed at or before
    /// `timeline.start`, on a walk shared by many (``slipTimeline(openAhead:now:)``).
    public func promiseAfterSlip(missed: Date, openAhead: Int, timeline: CapacityTimeline) -> Date? {
        let estimator = PromiseEstimator(calendar: calendar, slaTarget: updateInterval)
        return try? estimator.nextPromiseAfterSlip(missed: missed, workload: workload(openAhead: openAhead, now: timeline.start), timeline: timeline).date
    }

    /// The promised time in the customer's language and the calendar's time zone.
    public func format(_ date: Date, language: String) -> String {
        PromiseFormatter(language: .init(matching: language), timeZone: calendar.timeZone).string(from: date)
    }

    /// Business hours as shown to customers, in their language.
    public func businessHours(language: String) -> String {
        PromiseFormatter(language: .init(matching: language), timeZone: calendar.timeZone).describe(calendar.schedule)
    }

    /// Monday–Friday 08:00–17:00, the holidays of the zone's country (Hungary, Poland), 1 business day first response.
    public static func standard(timeZone: TimeZone, staff: [String] = []) -> PromisePolicy {
        let holidays: HolidayRules = switch timeZone.identifier {
        case "Europe/Budapest": .hungary
        case "Europe/Warsaw": .poland
        default: HolidayRules.none
        }
        // Both literals are tested to parse.
        let schedule = (try? WeeklySchedule(parsing: "mon-fri 08:00-17:00")) ?? .alwaysOpen
        let oneDay = (try? BusinessDuration(parsing: "1bd")) ?? (try! BusinessDuration(parsing: "8h"))
        return PromisePolicy(
            calendar: BusinessCalendar(timeZone: timeZone, schedule: schedule, holidays: holidays),
            firstResponse: oneDay, updateInterval: oneDay, staff: staff)
    }
}
