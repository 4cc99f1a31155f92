import Foundation

/// A length of time as written in configuration: business minutes and hours, business days,
/// calendar days and plain seconds, e.g. `30m`, `4h`, `1h30m`, `2bd`, `1d`, `90s`.
///
/// Units:
/// - `m`, `h`: business minutes and hours, counted only inside the calendar's working hours;
/// - `bd`: business days (see ``BusinessCalendar/adding(_:to:)`` for the convention);
/// - `d`: calendar days, the same wall-clock time that many days later;
/// - `s`: plain seconds of elapsed time, for intervals such as poll periods.
///
/// Units may be combined (`1d4h`), each at most once; the canonical form lists them in the
/// order `d`, `bd`, `h`, `m`, `s`, with minutes of 60 or more written as hours (`90m` is `1h30m`).
public struct BusinessDuration: Sendable, Hashable, CustomStringConvertible {
    /// Calendar days (`d`).
    public let calendarDays: Int
    /// Business days (`bd`).
    public let businessDays: Int
    /// Business minutes (`m`, and `h` × 60).
    public let businessMinutes: Int
    /// Plain elapsed seconds (`s`).
    public let seconds: Int

    /// Creates a duration from its parts; all must be zero or more.
    public init(calendarDays: Int = 0, businessDays: Int = 0, businessMinutes: Int = 0, seconds: Int = 0) throws(BusinessDurationError) {
        guard calendarDays >= 0, businessDays >= 0, businessMinutes >= 0, seconds >= 0 else {
            throw .negative
        }
        self.calendarDays = calendarDays
        self.businessDays = businessDays
        self.businessMinutes = businessMinutes
        self.seconds = seconds
    }

    /// Parses a configuration string such as `30m`, `4h`, `1h30m`, `2bd`, `1d` or `90s`.
    public init(parsing text: String) throws(BusinessDurationError) {
        let compact = text.filter { !$0.isWhitespace }.lowercased()
        guard !compact.isEmpty else { throw .empty }
        var amounts: [String: Int] = [:]
        var index = compact.startIndex
        while index < compact.endIndex {
            let numberEnd = compact[index...].firstIndex(where: { !$0.isASCIIDigit }) ?? compact.endIndex
            let unitEnd = compact[numberEnd...].firstIndex(where: \.isASCIIDigit) ?? compact.endIndex
            let unit = String(compact[numberEnd..<unitEnd])
            guard numberEnd > index, ["d", "bd", "h", "m", "s"].contains(unit) else { throw .malformed(text) }
            guard let amount = Int(compact[index..<numberEnd]) else { throw .tooLarge(text) }
            guard amounts[unit] == nil else { throw .repeatedUnit(text, unit) }
            amounts[unit] = amount
            index = unitEnd
        }
        let (hourMinutes, hoursOverflow) = (amounts["h"] ?? 0).multipliedReportingOverflow(by: 60)
        let (minutes, minutesOverflow) = hourMinutes.addingReportingOverflow(amounts["m"] ?? 0)
        guard !hoursOverflow, !minutesOverflow else { throw .tooLarge(text) }
        try self.init(
            calendarDays: amounts["d"] ?? 0,
            businessDays: amounts["bd"] ?? 0,
            businessMinutes: minutes,
            seconds: amounts["s"] ?? 0
        )
    }

    /// Business minutes, e.g. `.businessMinutes(30)` for `30m`.
    public static func businessMinutes(_ minutes: Int) throws(BusinessDurationError) -> BusinessDuration {
        try BusinessDuration(businessMinutes: minutes)
    }

    /// Business hours, e.g. `.businessHours(4)` for `4h`.
    public static func businessHours(_ hours: Int) throws(BusinessDurationError) -> BusinessDuration {
        let (minutes, overflow) = hours.multipliedReportingOverflow(by: 60)
        guard !overflow else { throw .tooLarge("\(hours)h") }
        return try BusinessDuration(businessMinutes: minutes)
    }

    /// Business days, e.g. `.businessDays(2)` for `2bd`.
    public static func businessDays(_ days: Int) throws(BusinessDurationError) -> BusinessDuration {
        try BusinessDuration(businessDays: days)
    }

    /// The part-by-part sum, e.g. `4h` + `2bd` is `2bd4h`; throws ``BusinessDurationError/tooLarge(_:)`` on overflow.
    ///
    /// Adding the sum to an instant can differ from adding the two in turn, because parts apply in
    /// a fixed order (see ``BusinessCalendar/adding(_:to:)``): use the sum to describe a length.
    public func adding(_ other: BusinessDuration) throws(BusinessDurationError) -> BusinessDuration {
        let parts = [(calendarDays, other.calendarDays), (businessDays, other.businessDays),
                     (businessMinutes, other.businessMinutes), (seconds, other.seconds)].map { $0.addingReportingOverflow($1) }
        guard !parts.contains(where: \.overflow) else { throw .tooLarge("\(self) + \(other)") }
        return try BusinessDuration(
            calendarDays: parts[0].partialValue, businessDays: parts[1].partialValue,
            businessMinutes: parts[2].partialValue, seconds: parts[3].partialValue)
    }

    /// Whether every part is zero.
    public var isZero: Bool { calendarDays == 0 && businessDays == 0 && businessMinutes == 0 && seconds == 0 }

    /// Length as plain elapsed time, reading `m` and `h` as ordinary minutes and hours and `d` as 24 hours.
    ///
    /// Meant for intervals such as poll periods (`60s`, `5m`). Business days have no fixed
    /// length, so a duration with `bd` is rejected.
    public func plainInterval() throws(BusinessDurationError) -> Double {
        guard businessDays == 0 else { throw .noFixedLength(description) }
        return Double(calendarDays) * 86_400 + Double(businessMinutes) * 60 + Double(seconds)
    }

    /// The canonical configuration string, e.g. `1h30m`, `2bd`, `90s`; `0m` when zero.
    public var description: String {
        var text = ""
        if calendarDays > 0 { text += "\(calendarDays)d" }
        if businessDays > 0 { text += "\(businessDays)bd" }
        if businessMinutes >= 60 { text += "\(businessMinutes / 60)h" }
        if businessMinutes % 60 > 0 { text += "\(businessMinutes % 60)m" }
        if seconds > 0 { text += "\(seconds)s" }
        return text.isEmpty ? "0m" : text
    }
}

/// Why a configuration string is not a ``BusinessDuration``.
public enum BusinessDurationError: Error, LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// Nothing was given.
    case empty
    /// The text is not a sequence of number–unit pairs.
    case malformed(String)
    /// The same unit appears twice.
    case repeatedUnit(String, String)
    /// A number does not fit.
    case tooLarge(String)
    /// A part is negative.
    case negative
    /// A duration with business days was used where a fixed length is needed.
    case noFixedLength(String)

    /// The same message as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// A message saying what is wrong and how to write a duration.
    public var description: String {
        switch self {
        case .empty:
            "an empty value is not a duration: use e.g. 30m, 4h, 2bd, 1d"
        case .malformed(let text):
            "'\(text)' is not a duration: use e.g. 30m, 4h, 2bd, 1d"
        case .repeatedUnit(let text, let unit):
            "'\(text)' gives '\(unit)' more than once: add the amounts up, e.g. 1h30m"
        case .tooLarge(let text):
            "'\(text)' is too large to be a duration: use a smaller number"
        case .negative:
            "a duration cannot be negative: use zero or more, e.g. 0m"
        case .noFixedLength(let text):
            "'\(text)' counts business days, which have no fixed length: use s, m or h for an interval, e.g. 60s"
        }
    }
}
