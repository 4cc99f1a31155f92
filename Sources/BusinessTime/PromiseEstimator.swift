import Foundation

/// The workload a promise depends on, as the caller sees it at the time of the promise.
public struct Workload: Sendable, Hashable {
    /// Open tickets that will be handled before this one.
    public var openTicketsAhead: Int
    /// Agents working today, already reduced by today's absences.
    public var agentsAvailableNow: Int
    /// Recent throughput: tickets closed per business day by one agent.
    public var throughputPerAgentPerDay: Double
    /// Team size and absences, for the agents working on each later day.
    public var absences: AbsenceCalendar

    /// Creates a workload snapshot.
    public init(openTicketsAhead: Int, agentsAvailableNow: Int, throughputPerAgentPerDay: Double, absences: AbsenceCalendar) {
        self.openTicketsAhead = openTicketsAhead
        self.agentsAvailableNow = agentsAvailableNow
        self.throughputPerAgentPerDay = throughputPerAgentPerDay
        self.absences = absences
    }
}

/// A promised deadline and the figures it came from (for logs and for explaining it).
public struct PromiseEstimate: Sendable, Hashable {
    /// The promise: rounded, inside working hours, never earlier than the SLA target from now.
    public let date: Date
    /// When work on the queue can start: the first staffed working instant at or after now.
    public let workStarts: Date
    /// The SLA target counted in business time (before rounding).
    public let slaDeadline: Date
    /// When the queue ahead and this ticket are worked off at the expected capacity (before rounding).
    public let capacityDeadline: Date

    /// Whether the queue, not the SLA target, decided the promise.
    public var isCapacityBound: Bool { capacityDeadline > slaDeadline }
}

/// Computes the realistic deadline promised to a customer from business hours, queue and staffing.
///
/// The formula:
/// 1. **Work start S** is the first instant at or after `now` that lies in working hours on a day
///    with at least one agent available. Today counts `agentsAvailableNow`; every later day counts
///    the team size minus the agents absent that day.
/// 2. **SLA deadline** = the later of (SLA target after `now`) and (SLA target after S), both in
///    business time of the calendar. With nobody working until Wednesday, the SLA clock starts on
///    Wednesday.
/// 3. **Capacity deadline**: the ticket is done once the `openTicketsAhead` tickets before it and
///    itself are done, so W = openTicketsAhead + 1 tickets of work. On a working day d with a(d)
///    agents the team closes c(d) = throughputPerAgentPerDay × a(d) tickets, spread evenly over
///    that day's working hours. Walking forward from S day by day, today only for its remaining
///    hours, W is consumed at those rates; the capacity deadline is the instant it reaches zero.
///    Days with nobody available consume nothing, so absences push the deadline out.
/// 4. **Promise** = max(SLA deadline, capacity deadline), moved to the next opening if it falls
///    outside working hours, then rounded up to the next full hour of the wall clock, or to the
///    end of the working range when that comes first (closing 16:45, raw 16:10 → 16:45). A time
///    within a second after a full hour counts as that hour (floating-point noise). The promise is
///    therefore never earlier than the SLA target from now and always inside working hours
///    (closing time included).
public struct PromiseEstimator: Sendable {
    /// The business calendar promises are made in.
    public let calendar: BusinessCalendar
    /// The SLA target; no promise is earlier than this from now.
    public let slaTarget: BusinessDuration

    /// How many days ahead the capacity walk looks before giving up.
    public static let horizonDays = 3660

    /// Creates an estimator for one calendar and SLA target.
    public init(calendar: BusinessCalendar, slaTarget: BusinessDuration) {
        self.calendar = calendar
        self.slaTarget = slaTarget
    }

    /// The promise for a ticket received at `now`.
    public func promise(now: Date, workload: Workload) throws(PromiseEstimatorError) -> PromiseEstimate {
        try validate(workload)
        return try promise(now: now, workload: workload, timeline: timeline(from: now, workload: workload))
    }

    /// The promise for a ticket received at `now`, on a capacity walk from `now` shared by many
    /// tickets (``timeline(from:workload:)`` for the largest backlog among them); `workload`
    /// gives this ticket's backlog.
    public func promise(now: Date, workload: Workload, timeline: CapacityTimeline) throws(PromiseEstimatorError) -> PromiseEstimate {
        try validate(workload)
        let (start, capacityDeadline) = try capacityDeadline(of: workload, on: timeline)
        let slaDeadline = max(calendar.adding(slaTarget, to: now), calendar.adding(slaTarget, to: start))
        return PromiseEstimate(
            date: roundedPromise(max(slaDeadline, capacityDeadline)),
            workStarts: start,
            slaDeadline: slaDeadline,
            capacityDeadline: capacityDeadline
        )
    }

    /// A new promise after `missed` has passed without an answer, computed the same way from the
    /// slip time (the later of `missed` and `now`) and strictly later than `missed`.
    public func nextPromiseAfterSlip(missed: Date, now: Date, workload: Workload) throws(PromiseEstimatorError) -> PromiseEstimate {
        nextPromise(after: missed, estimate: try promise(now: max(missed, now), workload: workload))
    }

    /// ``nextPromiseAfterSlip(missed:now:workload:)`` on a shared capacity walk from `timeline.start`,
    /// which must be the later of `missed` and the current time.
    public func nextPromiseAfterSlip(missed: Date, workload: Workload, timeline: CapacityTimeline) throws(PromiseEstimatorError) -> PromiseEstimate {
        nextPromise(after: missed, estimate: try promise(now: timeline.start, workload: workload, timeline: timeline))
    }

    private func nextPromise(after missed: Date, estimate: PromiseEstimate) -> PromiseEstimate {
        guard estimate.date <= missed else { return estimate }
        return PromiseEstimate(
            date: roundedPromise(missed.addingTimeInterval(Self.onTheHourTolerance * 2)),
            workStarts: estimate.workStarts,
            slaDeadline: estimate.slaDeadline,
            capacityDeadline: estimate.capacityDeadline
        )
    }

    /// Seconds after a full hour that still count as that hour.
    private static let onTheHourTolerance = 1.0

    private func validate(_ workload: Workload) throws(PromiseEstimatorError) {
        guard workload.throughputPerAgentPerDay.isFinite, workload.throughputPerAgentPerDay > 0 else {
            throw .invalidThroughput(workload.throughputPerAgentPerDay)
        }
        guard workload.openTicketsAhead >= 0 else { throw .negativeCount("openTicketsAhead", workload.openTicketsAhead) }
        guard workload.agentsAvailableNow >= 0 else { throw .negativeCount("agentsAvailableNow", workload.agentsAvailableNow) }
        guard workload.agentsAvailableNow > 0 || workload.absences.teamSize > 0 else { throw .noAgents }
    }

    /// The capacity walk from `now` far enough for `workload`: what ``promise(now:workload:timeline:)`` needs.
    public func timeline(from now: Date, workload: Workload) -> CapacityTimeline {
        CapacityTimeline(calendar: calendar, from: now, workload: workload, covering: Double(workload.openTicketsAhead) + 1, horizonDays: Self.horizonDays)
    }

    /// The staffed work start and the capacity deadline of `workload`'s backlog and this ticket.
    private func capacityDeadline(of workload: Workload, on timeline: CapacityTimeline) throws(PromiseEstimatorError) -> (start: Date, done: Date) {
        guard let start = timeline.workStarts, let done = timeline.deadline(forWork: Double(workload.openTicketsAhead) + 1) else {
            throw .beyondHorizon(days: Self.horizonDays)
        }
        return (start, done)
    }

    /// Moves `raw` into working hours and rounds it up to a time a person would write.
    private func roundedPromise(_ raw: Date) -> Date {
        let (point, range) = calendar.placement(atOrAfter: raw)
        let day = calendar.localDate(of: point)
        let seconds = calendar.clock.secondsSinceMidnight(of: point)
        let pastHour = seconds.truncatingRemainder(dividingBy: 3600)
        let fullHour = seconds - pastHour
        if pastHour <= Self.onTheHourTolerance {
            return max(range.start, calendar.clock.instant(on: day, secondsSinceMidnight: fullHour))
        }
        return min(calendar.clock.instant(on: day, secondsSinceMidnight: fullHour + 3600), range.end)
    }
}

/// Why a promise could not be computed.
public enum PromiseEstimatorError: Error, LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// Throughput is zero, negative or not a number.
    case invalidThroughput(Double)
    /// A count is negative.
    case negativeCount(String, Int)
    /// Team size and agents available now are both zero.
    case noAgents
    /// The queue is not worked off within the horizon.
    case beyondHorizon(days: Int)

    /// The same message as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// A message saying which input to check.
    public var description: String {
        switch self {
        case .invalidThroughput(let value):
            "throughput must be a positive number of tickets per agent per business day, got \(value): use the recent average, e.g. 12"
        case .negativeCount(let name, let value):
            "\(name) must be 0 or more, got \(value)"
        case .noAgents:
            "nobody is on the team (team size 0 and no agent available now): set the team size to the number of agents"
        case .beyondHorizon(let days):
            "the queue would not be worked off within \(days) days at this throughput: check openTicketsAhead, the throughput and the absences"
        }
    }
}
