import Foundation

/// Working hours for each day of the week, in wall-clock time of the calendar's zone.
///
/// Written in configuration as `mon-fri 08:00-17:00`, with split days as
/// `mon-fri 08:00-12:00,13:00-17:00`, several groups separated by `;`
/// (`mon-fri 08:00-17:00; sat 09:00-13:00`), or `24/7`. Days not mentioned are closed.
/// A schedule always has working hours on at least one day.
public struct WeeklySchedule: Sendable, Hashable, CustomStringConvertible {
    /// Ranges per weekday, index 0 = Monday; each sorted, non-overlapping, adjacent ranges merged.
    private let hoursByDay: [[TimeRange]]

    /// Open around the clock every day (`24/7`).
    public static let alwaysOpen = WeeklySchedule(
        validated: Array(repeating: [TimeRange.wholeDay], count: 7)
    )

    /// Creates a schedule from ranges per weekday; missing weekdays are closed.
    ///
    /// Ranges are sorted and touching ranges merged; overlapping ranges are an error,
    /// and so is a schedule without any working hours.
    public init(_ hours: [Weekday: [TimeRange]]) throws(ScheduleError) {
        var days: [[TimeRange]] = []
        for weekday in Weekday.allCases {
            let sorted = (hours[weekday] ?? []).sorted { $0.start < $1.start }
            var merged: [TimeRange] = []
            for range in sorted {
                if let last = merged.last {
                    if range.start < last.end {
                        throw .overlappingRanges(weekday, sorted.map(\.description).joined(separator: ","))
                    }
                    if range.start == last.end {
                        merged[merged.count - 1] = try TimeRange(start: last.start, end: range.end)
                        continue
                    }
                }
                merged.append(range)
            }
            days.append(merged)
        }
        guard days.contains(where: { !$0.isEmpty }) else { throw .noWorkingHours }
        self.init(validated: days)
    }

    /// Creates a schedule from one hours string per weekday, e.g. `[.monday: "08:00-12:00,13:00-17:00"]`.
    ///
    /// Each string is a comma-separated list of `HH:MM-HH:MM` ranges, or `closed`.
    public init(dayStrings: [Weekday: String]) throws(ScheduleError) {
        var hours: [Weekday: [TimeRange]] = [:]
        for (weekday, text) in dayStrings {
            hours[weekday] = try WeeklySchedule.parseRanges(text)
        }
        try self.init(hours)
    }

    /// Parses a whole week, e.g. `mon-fri 08:00-17:00; sat 09:00-13:00` or `24/7`.
    public init(parsing text: String) throws(ScheduleError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed == "24/7" {
            self = .alwaysOpen
            return
        }
        var hours: [Weekday: [TimeRange]] = [:]
        let entries = trimmed.split(whereSeparator: { $0 == ";" || $0 == "\n" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard !entries.isEmpty else { throw .noWorkingHours }
        for entry in entries {
            guard let gap = entry.firstIndex(where: \.isWhitespace) else { throw .malformedEntry(entry) }
            let days = try WeeklySchedule.parseDays(String(entry[..<gap]))
            let ranges = try WeeklySchedule.parseRanges(String(entry[gap...]))
            for day in days {
                guard hours[day] == nil else { throw .duplicateDay(day) }
                hours[day] = ranges
            }
        }
        try self.init(hours)
    }

    /// Monday to Friday with the given hours string, weekend closed, e.g. `weekdays("08:00-17:00")`.
    public static func weekdays(_ hours: String) throws(ScheduleError) -> WeeklySchedule {
        let ranges = try parseRanges(hours)
        return try WeeklySchedule(Dictionary(uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map { ($0, ranges) }))
    }

    private init(validated days: [[TimeRange]]) {
        hoursByDay = days
    }

    /// The working ranges on a weekday, in order; empty when closed.
    public func hours(on weekday: Weekday) -> [TimeRange] {
        hoursByDay[weekday.rawValue - 1]
    }

    /// Whether every day is open from 00:00 to 24:00.
    public var isAlwaysOpen: Bool { self == .alwaysOpen }

    /// Groups of consecutive weekdays (Monday first) that share the same non-empty hours.
    public var groups: [(days: ClosedRange<Weekday>, hours: [TimeRange])] {
        var result: [(days: ClosedRange<Weekday>, hours: [TimeRange])] = []
        for weekday in Weekday.allCases {
            let hours = hours(on: weekday)
            guard !hours.isEmpty else { continue }
            if let last = result.last, last.hours == hours, last.days.upperBound.rawValue == weekday.rawValue - 1 {
                result[result.count - 1] = (last.days.lowerBound...weekday, hours)
            } else {
                result.append((weekday...weekday, hours))
            }
        }
        return result
    }

    /// The canonical configuration form, e.g. `mon-fri 08:00-17:00; sat 09:00-13:00`, or `24/7`.
    public var description: String {
        if isAlwaysOpen { return "24/7" }
        return groups.map { group in
            let days = group.days.lowerBound == group.days.upperBound
                ? group.days.lowerBound.abbreviation
                : "\(group.days.lowerBound.abbreviation)-\(group.days.upperBound.abbreviation)"
            return "\(days) \(group.hours.map(\.description).joined(separator: ","))"
        }.joined(separator: "; ")
    }

    private static func parseRanges(_ text: String) throws(ScheduleError) -> [TimeRange] {
        let compact = text.filter { !$0.isWhitespace }
        if compact.lowercased() == "closed" { return [] }
        guard !compact.isEmpty else { throw .invalidRange(text) }
        var ranges: [TimeRange] = []
        for part in compact.split(separator: ",", omittingEmptySubsequences: false) {
            ranges.append(try TimeRange(parsing: String(part)))
        }
        return ranges
    }

    private static func parseDays(_ text: String) throws(ScheduleError) -> [Weekday] {
        var days: [Weekday] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count),
                  let first = Weekday(name: String(bounds[0])),
                  let last = Weekday(name: String(bounds[bounds.count - 1]))
            else {
                throw .unknownDay(String(item))
            }
            var day = first
            while true {
                days.append(day)
                if day == last { break }
                day = Weekday(rawValue: day.rawValue % 7 + 1)!
            }
        }
        return days
    }
}

extension TimeRange {
    /// 00:00-24:00.
    static let wholeDay = try! TimeRange(start: .startOfDay, end: .endOfDay)
}

/// Why a schedule, a time range or a time of day could not be read.
public enum ScheduleError: Error, LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// A time of day is not `HH:MM` between 00:00 and 24:00.
    case invalidTime(String)
    /// A time range is not `HH:MM-HH:MM`.
    case invalidRange(String)
    /// A time range does not run forward within one day.
    case emptyRange(String)
    /// Two ranges on the same day overlap.
    case overlappingRanges(Weekday, String)
    /// A day name is not a weekday.
    case unknownDay(String)
    /// A weekday is given hours more than once.
    case duplicateDay(Weekday)
    /// A schedule entry is not `days hours`.
    case malformedEntry(String)
    /// No day has working hours.
    case noWorkingHours

    /// The same message as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// A message saying what is wrong and how to write it instead.
    public var description: String {
        switch self {
        case .invalidTime(let text):
            "'\(text)' is not a time of day: use HH:MM between 00:00 and 24:00, e.g. 08:00"
        case .invalidRange(let text):
            "'\(text)' is not a time range: use HH:MM-HH:MM, e.g. 08:00-17:00, several separated by commas, or 'closed'"
        case .emptyRange(let text):
            "'\(text)' does not run forward within one day: the end must be later than the start, e.g. 08:00-17:00 (split a night shift into 22:00-24:00 and 00:00-06:00 of the next day)"
        case .overlappingRanges(let day, let text):
            "the hours for \(day) overlap (\(text)): give ranges that do not overlap, e.g. 08:00-12:00,13:00-17:00"
        case .unknownDay(let text):
            "'\(text)' is not a weekday: use mon, tue, wed, thu, fri, sat, sun or a range such as mon-fri"
        case .duplicateDay(let day):
            "\(day) is given hours twice: list each weekday once, e.g. mon-fri 08:00-17:00; sat 09:00-13:00"
        case .malformedEntry(let text):
            "'\(text)' is not 'days hours': write e.g. mon-fri 08:00-17:00; sat 09:00-13:00, or 24/7"
        case .noWorkingHours:
            "the schedule has no working hours on any day: give at least one day hours, e.g. mon-fri 08:00-17:00, or use 24/7"
        }
    }
}
