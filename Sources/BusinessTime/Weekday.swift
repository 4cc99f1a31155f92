/// A day of the week, numbered the ISO 8601 way (Monday = 1 … Sunday = 7).
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The three-letter English abbreviation used in configuration strings, e.g. `mon`.
    public var abbreviation: String {
        switch self {
        case .monday: "mon"
        case .tuesday: "tue"
        case .wednesday: "wed"
        case .thursday: "thu"
        case .friday: "fri"
        case .saturday: "sat"
        case .sunday: "sun"
        }
    }

    /// The configuration abbreviation, e.g. `fri`.
    public var description: String { abbreviation }

    /// Reads a weekday from its abbreviation or full English name, ignoring case (`mon`, `Monday`).
    public init?(name: String) {
        let lowered = name.lowercased()
        guard let match = Weekday.allCases.first(where: {
            lowered == $0.abbreviation || lowered == $0.fullEnglishName
        }) else { return nil }
        self = match
    }

    /// Orders weekdays from Monday to Sunday.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    private var fullEnglishName: String {
        switch self {
        case .monday: "monday"
        case .tuesday: "tuesday"
        case .wednesday: "wednesday"
        case .thursday: "thursday"
        case .friday: "friday"
        case .saturday: "saturday"
        case .sunday: "sunday"
        }
    }
}
