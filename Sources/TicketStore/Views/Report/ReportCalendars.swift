import BusinessTime
import Foundation

/// The business calendars the report measures in: each queue's own (`[sla.queue.NAME]`), else the desk's.
public struct ReportCalendars: Sendable {
    /// The desk's calendar (`[calendar]`); its time zone also names the days of `tickets_per_day`.
    public var standard: BusinessCalendar
    /// Queues with a calendar of their own.
    public var byQueue: [String: BusinessCalendar]

    public init(standard: BusinessCalendar, byQueue: [String: BusinessCalendar] = [:]) {
        self.standard = standard
        self.byQueue = byQueue
    }

    /// The calendar `queue`'s promises run on.
    public func calendar(forQueue queue: String) -> BusinessCalendar {
        byQueue[queue] ?? standard
    }
}
