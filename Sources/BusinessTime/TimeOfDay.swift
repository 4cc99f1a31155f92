import Foundation

/// A wall-clock time within a day, minute precision, from 00:00 to 24:00 inclusive.
///
/// 24:00 exists so that a working interval can run to the end of the day (`00:00-24:00`).
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since midnight, 0…1440.
    public let minutesSinceMidnight: Int

    /// Midnight at the start of the day.
    public static let startOfDay = TimeOfDay(uncheckedMinutes: 0)
    /// Midnight at the end of the day (24:00).
    public static let endOfDay = TimeOfDay(uncheckedMinutes: 1440)

    /// Creates a time from hour and minute; 24:00 is allowed, 24:01 is not.
    public init(hour: Int, minute: Int = 0) throws(ScheduleError) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 1440 else {
            throw .invalidTime("\(hour):\(minute)")
        }
        self.init(uncheckedMinutes: hour * 60 + minute)
    }

    /// Parses `H:MM` or `HH:MM`, e.g. `8:00`, `08:00`, `24:00`.
    public init(parsing text: String) throws(ScheduleError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let hour = Int(parts[0]), let minute = Int(parts[1])
        else {
            throw .invalidTime(text)
        }
        do {
            try self.init(hour: hour, minute: minute)
        } catch {
            throw .invalidTime(text)
        }
    }

    init(uncheckedMinutes: Int) {
        minutesSinceMidnight = uncheckedMinutes
    }

    /// The hour, 0…24.
    public var hour: Int { minutesSinceMidnight / 60 }
    /// The minute within the hour, 0…59.
    public var minute: Int { minutesSinceMidnight % 60 }

    /// The time as `HH:MM`, e.g. `08:00`.
    public var description: String { formatted(padHour: true) }

    /// The time as `HH:MM` (`padHour`) or `H:MM`.
    func formatted(padHour: Bool) -> String {
        let hourText = padHour && hour < 10 ? "0\(hour)" : "\(hour)"
        let minuteText = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(hourText):\(minuteText)"
    }

    /// Orders times from midnight to midnight.
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }
}
