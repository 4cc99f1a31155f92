import Foundation

/// Work time a staff member logged on a ticket (`tickets time`, `#time`).
public struct TimeEntry: Sendable, Equatable {
    /// The stored row; nil before it is stored.
    public var id: Int64?
    public var staff: String
    public var minutes: Int
    public var note: String?
    /// When the work was done (by default: when it was logged).
    public var at: Date

    public init(id: Int64? = nil, staff: String, minutes: Int, note: String? = nil, at: Date) {
        self.id = id
        self.staff = staff.lowercased()
        self.minutes = minutes
        self.note = note
        self.at = at
    }

    /// Hours as a decimal number, e.g. 1.5.
    public var hours: Double { Double(minutes) / 60 }

    /// `1h30m`, `45m`, `2h`.
    public static func describe(minutes: Int) -> String {
        let (hours, rest) = minutes.quotientAndRemainder(dividingBy: 60)
        return hours == 0 ? "\(rest)m" : rest == 0 ? "\(hours)h" : "\(hours)h\(rest)m"
    }
}
