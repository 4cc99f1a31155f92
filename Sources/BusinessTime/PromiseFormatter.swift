import Foundation
import Synchronization

/// Writes promise times and working hours for customers, in their language and time zone.
///
/// Month and weekday names come from Foundation's locale data (CLDR); the patterns are fixed
/// per language so the output is the same on every platform:
/// - English: `Tuesday, 1 December 2026, 12:00`
/// - Hungarian: `2026. december 1., kedd 12:00`
/// - Polish: `wtorek, 1 grudnia 2026, 12:00` (month name in the genitive)
public struct PromiseFormatter: Sendable {
    /// A language promises can be written in.
    public enum Language: String, Sendable, Hashable, CaseIterable {
        /// English (British date order, 24-hour clock).
        case english = "en"
        /// Hungarian.
        case hungarian = "hu"
        /// Polish.
        case polish = "pl"

        /// The language of a locale identifier or language tag (`hu_HU`, `pl-PL`, `en`); English when unsupported.
        public init(matching identifier: String) {
            let code = identifier.lowercased().prefix { $0 != "_" && $0 != "-" }
            self = Language(rawValue: String(code)) ?? .english
        }

        var localeIdentifier: String {
            switch self {
            case .english: "en_GB"
            case .hungarian: "hu_HU"
            case .polish: "pl_PL"
            }
        }

        var datePattern: String {
            switch self {
            case .english: "EEEE, d MMMM yyyy, HH:mm"
            case .hungarian: "yyyy. MMMM d., EEEE H:mm"
            case .polish: "EEEE, d MMMM yyyy, H:mm"
            }
        }

        /// Whether hours below 10 get a leading zero (08:00 in English, 8:00 in Hungarian and Polish).
        var padsHour: Bool { self == .english }

        var everyDay: String {
            switch self {
            case .english: "every day"
            case .hungarian: "minden nap"
            case .polish: "codziennie"
            }
        }
    }

    /// The customer's language.
    public let language: Language
    /// The customer's time zone, in which promise times are written.
    public let timeZone: TimeZone

    /// Creates a formatter for a language and time zone.
    public init(language: Language, timeZone: TimeZone) {
        self.language = language
        self.timeZone = timeZone
    }

    /// Creates a formatter from a locale identifier or language tag such as `hu_HU` or `pl-PL`.
    public init(localeIdentifier: String, timeZone: TimeZone) {
        self.init(language: Language(matching: localeIdentifier), timeZone: timeZone)
    }

    /// The promise time for the customer, e.g. `wtorek, 1 grudnia 2026, 12:00`.
    public func string(from date: Date) -> String {
        withFormatter { $0.string(from: date) }
    }

    /// Working hours for display, e.g. `Monday–Friday 08:00–17:00 (Europe/Budapest)` or
    /// `hétfő–péntek 8:00–17:00`; groups of days are separated by `; `, split days by `, `.
    ///
    /// - Parameter zone: the zone the schedule is written in; appended in parentheses when given.
    public func describe(_ schedule: WeeklySchedule, in zone: TimeZone? = nil) -> String {
        let names: [String] = withFormatter { $0.standaloneWeekdaySymbols }
        func name(_ weekday: Weekday) -> String {
            let index = weekday.rawValue % 7
            return names.indices.contains(index) ? names[index] : weekday.abbreviation
        }
        let groups = schedule.groups
        let text = groups.map { group in
            let days: String
            if groups.count == 1, group.days == Weekday.monday...Weekday.sunday {
                days = language.everyDay
            } else if group.days.lowerBound == group.days.upperBound {
                days = name(group.days.lowerBound)
            } else {
                days = "\(name(group.days.lowerBound))–\(name(group.days.upperBound))"
            }
            let hours = group.hours.map {
                "\($0.start.formatted(padHour: language.padsHour))–\($0.end.formatted(padHour: language.padsHour))"
            }
            return "\(days) \(hours.joined(separator: ", "))"
        }.joined(separator: "; ")
        guard let zone else { return text }
        return "\(text) (\(zone.identifier))"
    }

    /// Formatters by language and zone, made once per process: building one (its locale,
    /// calendar and ICU pattern) costs far more than formatting a date with it. Used under the
    /// lock, so never by two threads at once.
    private static let formatters = Mutex<[String: DateFormatter]>([:])

    private func withFormatter<T: Sendable>(_ body: (DateFormatter) -> T) -> T {
        let key = "\(language.localeIdentifier) \(timeZone.identifier)"
        return Self.formatters.withLock { cache in
            if let formatter = cache[key] { return body(formatter) }
            let formatter = makeFormatter()
            cache[key] = formatter
            return body(formatter)
        }
    }

    private func makeFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.dateFormat = language.datePattern
        formatter.locale = Locale(identifier: language.localeIdentifier)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        formatter.calendar = calendar
        formatter.timeZone = timeZone
        return formatter
    }
}
