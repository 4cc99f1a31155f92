import BusinessTime
import Foundation

/// How long one period of a support contract's free hours lasts.
public enum ContractPeriodLength: String, Sendable, CaseIterable {
    case month, quarter, year

    /// Calendar months in one period.
    public var months: Int {
        switch self {
        case .month: 1
        case .quarter: 3
        case .year: 12
        }
    }
}

/// One period of a contract: from `first` (inclusive) to `next` (exclusive), local dates.
public struct ContractPeriod: Sendable, Hashable, CustomStringConvertible {
    public var first: LocalDate
    public var next: LocalDate

    public init(first: LocalDate, next: LocalDate) {
        self.first = first
        self.next = next
    }

    /// `2026-12-01..2027-01-01`.
    public var description: String { "\(first)..\(next)" }

    /// The period of `length` starting at `start` that holds `day`; nil before `start`.
    public static func containing(_ day: LocalDate, start: LocalDate, length: ContractPeriodLength) -> ContractPeriod? {
        guard day >= start else { return nil }
        let elapsed = (day.year - start.year) * 12 + (day.month - start.month)
        var index = elapsed / length.months
        if start.adding(months: index * length.months) > day { index -= 1 }
        return ContractPeriod(first: start.adding(months: index * length.months), next: start.adding(months: (index + 1) * length.months))
    }

    /// The period as instants on `calendar`: from the start of its first day to the start of `next`.
    public func instants(on calendar: BusinessCalendar) -> (from: Date, to: Date) {
        (calendar.instant(on: first, at: .startOfDay), calendar.instant(on: next, at: .startOfDay))
    }
}

extension LocalDate {
    /// The same day `months` calendar months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
    func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let year = total / 12, month = total % 12 + 1
        // The clamped day always exists in its month.
        return try! LocalDate(year: year, month: month, day: min(day, LocalDate.daysInMonth(year: year, month: month)))
    }
}
