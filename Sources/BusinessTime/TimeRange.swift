import Foundation

/// A working interval within one day, from `start` (inclusive) to `end` (exclusive), e.g. 08:00-17:00.
public struct TimeRange: Sendable, Hashable, CustomStringConvertible {
    /// When work starts.
    public let start: TimeOfDay
    /// When work stops; later than `start`, at most 24:00.
    public let end: TimeOfDay

    /// Creates a range; `start` must be earlier than `end` (night shifts are two ranges on two days).
    public init(start: TimeOfDay, end: TimeOfDay) throws(ScheduleError) {
        guard start < end else { throw .emptyRange("\(start)-\(end)") }
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM` (an en dash also works), e.g. `08:00-17:00` or `00:00-24:00`.
    public init(parsing text: String) throws(ScheduleError) {
        let parts = text.replacingOccurrences(of: "–", with: "-").split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalidRange(text) }
        let start: TimeOfDay
        let end: TimeOfDay
        do {
            start = try TimeOfDay(parsing: String(parts[0]))
            end = try TimeOfDay(parsing: String(parts[1]))
        } catch {
            throw .invalidRange(text)
        }
        try self.init(start: start, end: end)
    }

    /// Length of the range in minutes.
    public var minutes: Int { end.minutesSinceMidnight - start.minutesSinceMidnight }

    /// The range as `HH:MM-HH:MM`.
    public var description: String { "\(start)-\(end)" }
}
