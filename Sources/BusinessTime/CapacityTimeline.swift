import Foundation

/// The team's capacity from one instant on, walked once: every staffed working interval with the
/// work done before it, so the capacity deadline of any backlog is a binary search, not a walk.
///
/// A watcher run with thousands of slipped promises asks the same question for every ticket —
/// "when is the work ahead of it done?" — from the same instant with the same staffing; only the
/// backlog differs. ``PromiseEstimator`` walks a timeline for one ticket, and takes a shared one
/// for many.
public struct CapacityTimeline: Sendable {
    /// One working interval on a staffed day, worked at `rate` tickets per second.
    struct Segment: Sendable {
        var from: Date
        var to: Date
        var rate: Double
        /// Tickets worked off before `from`.
        var workBefore: Double

        var workAfter: Double { workBefore + rate * to.timeIntervalSince(from) }
    }

    /// The instant the timeline starts from.
    public let start: Date
    private let segments: [Segment]

    /// Walks the working days from `start` (today only for its remaining hours) until `work`
    /// tickets are worked off or `horizonDays` have passed. Today counts
    /// `workload.agentsAvailableNow`, later days the team minus that day's absences; days with
    /// nobody available add nothing. `workload.openTicketsAhead` is ignored: the backlog is asked
    /// for in ``deadline(forWork:)``.
    public init(calendar: BusinessCalendar, from start: Date, workload: Workload, covering work: Double, horizonDays: Int) {
        self.start = start
        let today = calendar.localDate(of: start)
        var segments: [Segment] = []
        var done = 0.0
        var day = today
        for _ in 0..<horizonDays where done < work {
            let agents = day == today ? workload.agentsAvailableNow : workload.absences.availableAgents(on: day)
            let intervals = calendar.workingIntervals(on: day)
            if agents > 0, !intervals.isEmpty {
                let dayLength = intervals.reduce(0) { $0 + $1.duration }
                let rate = workload.throughputPerAgentPerDay * Double(agents) / dayLength
                for interval in intervals where interval.end > start {
                    let segment = Segment(from: max(interval.start, start), to: interval.end, rate: rate, workBefore: done)
                    segments.append(segment)
                    done = segment.workAfter
                }
            }
            day = day.adding(days: 1)
        }
        self.segments = segments
    }

    /// The first staffed working instant at or after ``start``, nil when there is none within the horizon.
    public var workStarts: Date? { segments.first?.from }

    /// The instant `work` tickets are worked off from ``start``, nil when not within the walked horizon.
    public func deadline(forWork work: Double) -> Date? {
        var low = 0, high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].workAfter >= work { high = middle } else { low = middle + 1 }
        }
        guard low < segments.count else { return nil }
        let segment = segments[low]
        return segment.from.addingTimeInterval(max(0, work - segment.workBefore) / segment.rate)
    }
}
