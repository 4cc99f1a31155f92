import Foundation

/// A calendar date without time or time zone (proleptic Gregorian), e.g. 2026-12-24.
///
/// Used for holidays, closures, transferred working days and absences: things that are
/// "a day" wherever the calendar's time zone puts it.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, e.g. 2026.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31.
    public let day: Int

    /// Creates a date, rejecting days that do not exist (2026-02-29, 2026-04-31).
    public init(year: Int, month: Int, day: Int) throws(LocalDateError) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysInMonth(year: year, month: month)).contains(day)
        else {
            throw .nonexistent(year: year, month: month, day: day)
        }
        self.init(unchecked: year, month, day)
    }

    /// Parses an ISO 8601 calendar date written `YYYY-MM-DD`, e.g. `2026-12-24`.
    public init(parsing text: String) throws(LocalDateError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw .malformed(text)
        }
        try self.init(year: year, month: month, day: day)
    }

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates the date that is `daysSinceEpoch` days after 1970-01-01.
    init(daysSinceEpoch: Int) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(unchecked: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 (negative before it).
    var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day of the week this date falls on.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let offset = ((daysSinceEpoch % 7) + 7) % 7
        return Weekday(rawValue: (offset + 3) % 7 + 1)!
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Number of days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: LocalDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The ISO 8601 form, e.g. `2026-12-24`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders dates chronologically.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in the given month of the given year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Why a text or a year/month/day triple is not a usable ``LocalDate``.
public enum LocalDateError: Error, LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// The text is not written as `YYYY-MM-DD`.
    case malformed(String)
    /// The numbers do not name a day of the calendar (e.g. 2026-02-30).
    case nonexistent(year: Int, month: Int, day: Int)

    /// The same message as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// A message saying what is wrong and how to write a date.
    public var description: String {
        switch self {
        case .malformed(let text):
            "'\(text)' is not a date: write it as YYYY-MM-DD, e.g. 2026-12-24"
        case .nonexistent(let year, let month, let day):
            "\(year)-\(month)-\(day) is not a day of the calendar: check the month (1-12) and the day of the month"
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
