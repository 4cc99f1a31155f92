import Foundation

/// A country's public holidays as rules: fixed dates and dates relative to Easter Sunday.
///
/// Sources for the built-in sets:
/// - Hungary: Act I of 2012 (Labour Code) § 102 (1); Good Friday since 2017 (amendment voted in March 2017),
///   24 December since 2026 (Act LXXII of 2026). Before 2026, 24 December was only a
///   rest day in years whose ministerial decree transferred it (e.g. 2024, 2025): configure
///   such days, and the transferred working Saturdays, as closures and extra working days.
/// - Poland: Act of 18 January 1951 on public holidays (ustawa o dniach wolnych od pracy),
///   Epiphany since 2011, Christmas Eve since 2025 (Dz.U. 2024 poz. 1965).
/// Both lists were cross-checked against the `holidays` Python package, version 0.108.
public struct HolidayRules: Sendable, Hashable {
    /// One holiday rule, e.g. "Easter Monday = Easter Sunday + 1 day, every year".
    public struct Holiday: Sendable, Hashable {
        /// How the date of a holiday is found in a given year.
        public enum Rule: Sendable, Hashable {
            /// The same month and day every year.
            case fixed(month: Int, day: Int)
            /// A number of days after Easter Sunday (0 = Easter Sunday, -2 = Good Friday).
            case easter(offset: Int)
        }

        /// English name, e.g. `Easter Monday`.
        public let name: String
        /// How the date is found.
        public let rule: Rule
        /// First year the holiday is observed, if it was introduced at some point.
        public let firstYear: Int?
        /// Last year the holiday is observed, if it was abolished.
        public let lastYear: Int?

        /// Creates a holiday rule, optionally limited to the years it is in force.
        public init(_ name: String, _ rule: Rule, since firstYear: Int? = nil, until lastYear: Int? = nil) {
            self.name = name
            self.rule = rule
            self.firstYear = firstYear
            self.lastYear = lastYear
        }

        /// The date of this holiday in `year`, or nil when it is not observed that year.
        public func date(in year: Int) -> LocalDate? {
            if let firstYear, year < firstYear { return nil }
            if let lastYear, year > lastYear { return nil }
            switch rule {
            case .fixed(let month, let day):
                return try? LocalDate(year: year, month: month, day: day)
            case .easter(let offset):
                return Computus.easterSunday(year: year).adding(days: offset)
            }
        }
    }

    /// A holiday on a concrete date.
    public struct Observance: Sendable, Hashable {
        /// The date of the holiday.
        public let date: LocalDate
        /// The holiday's English name.
        public let name: String
    }

    /// Short name used in configuration, e.g. `hungary`.
    public let identifier: String
    /// The rules.
    public let holidays: [Holiday]

    /// Creates a custom set of holiday rules.
    public init(identifier: String, holidays: [Holiday]) {
        self.identifier = identifier
        self.holidays = holidays
    }

    /// Looks up a built-in set by its configuration name: `hungary`/`hu`, `poland`/`pl`, `none`.
    public init(named name: String) throws(HolidayRulesError) {
        switch name.lowercased() {
        case "hungary", "hu": self = .hungary
        case "poland", "pl": self = .poland
        case "none", "": self = .none
        default: throw .unknown(name)
        }
    }

    /// No public holidays.
    public static let none = HolidayRules(identifier: "none", holidays: [])

    /// Public holidays (munkaszüneti napok) of Hungary.
    public static let hungary = HolidayRules(identifier: "hungary", holidays: [
        Holiday("New Year's Day", .fixed(month: 1, day: 1)),
        Holiday("National Day (1848 Revolution)", .fixed(month: 3, day: 15)),
        Holiday("Good Friday", .easter(offset: -2), since: 2017),
        Holiday("Easter Sunday", .easter(offset: 0)),
        Holiday("Easter Monday", .easter(offset: 1)),
        Holiday("Labour Day", .fixed(month: 5, day: 1)),
        Holiday("Whit Sunday", .easter(offset: 49)),
        Holiday("Whit Monday", .easter(offset: 50)),
        Holiday("State Foundation Day", .fixed(month: 8, day: 20)),
        Holiday("National Day (1956 Revolution)", .fixed(month: 10, day: 23)),
        Holiday("All Saints' Day", .fixed(month: 11, day: 1)),
        Holiday("Christmas Eve", .fixed(month: 12, day: 24), since: 2026),
        Holiday("Christmas Day", .fixed(month: 12, day: 25)),
        Holiday("Second Day of Christmas", .fixed(month: 12, day: 26)),
    ])

    /// Public holidays (dni wolne od pracy) of Poland.
    public static let poland = HolidayRules(identifier: "poland", holidays: [
        Holiday("New Year's Day", .fixed(month: 1, day: 1)),
        Holiday("Epiphany", .fixed(month: 1, day: 6), since: 2011),
        Holiday("Easter Sunday", .easter(offset: 0)),
        Holiday("Easter Monday", .easter(offset: 1)),
        Holiday("Labour Day", .fixed(month: 5, day: 1)),
        Holiday("Constitution Day", .fixed(month: 5, day: 3)),
        Holiday("Whit Sunday", .easter(offset: 49)),
        Holiday("Corpus Christi", .easter(offset: 60)),
        Holiday("Assumption Day", .fixed(month: 8, day: 15)),
        Holiday("All Saints' Day", .fixed(month: 11, day: 1)),
        Holiday("Independence Day", .fixed(month: 11, day: 11)),
        Holiday("Christmas Eve", .fixed(month: 12, day: 24), since: 2025),
        Holiday("Christmas Day", .fixed(month: 12, day: 25)),
        Holiday("Second Day of Christmas", .fixed(month: 12, day: 26)),
    ])

    /// All holidays observed in `year`, in date order.
    public func observances(in year: Int) -> [Observance] {
        holidays.compactMap { holiday in
            holiday.date(in: year).map { Observance(date: $0, name: holiday.name) }
        }.sorted { $0.date < $1.date }
    }

    /// The name of the holiday on `date`, or nil on an ordinary day.
    public func holidayName(on date: LocalDate) -> String? {
        holidays.first { $0.date(in: date.year) == date }?.name
    }

    /// Whether `date` is a public holiday.
    public func isHoliday(_ date: LocalDate) -> Bool {
        holidayName(on: date) != nil
    }
}

/// Why a holiday set could not be chosen.
public enum HolidayRulesError: Error, LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// The configured name is not a built-in set.
    case unknown(String)

    /// The same message as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// A message listing the names that work.
    public var description: String {
        switch self {
        case .unknown(let name):
            "'\(name)' is not a known holiday set: use hungary, poland or none"
        }
    }
}
