import Foundation
@testable import BusinessTime

/// Helpers that build and read wall-clock times with Foundation's Calendar, independently of
/// the module's own time-zone arithmetic, so tests cross-check it.
enum TZ {
    static let budapest = TimeZone(identifier: "Europe/Budapest")!
    static let warsaw = TimeZone(identifier: "Europe/Warsaw")!
    static let newYork = TimeZone(identifier: "America/New_York")!
}

/// The instant the wall clock of `zone` shows `text` ("2026-11-27 16:30").
func wall(_ text: String, _ zone: TimeZone = TZ.budapest) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let numbers = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
    let components = DateComponents(year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4])
    return calendar.date(from: components)!
}

/// The wall clock of `zone` at `date`, as "2026-11-27 16:30" (seconds appended when not zero).
func wallText(_ date: Date, _ zone: TimeZone = TZ.budapest) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func pad(_ value: Int?) -> String { String(format: "%02d", value!) }
    let base = "\(c.year!)-\(pad(c.month))-\(pad(c.day)) \(pad(c.hour)):\(pad(c.minute))"
    return c.second == 0 ? base : base + ":\(pad(c.second))"
}

/// An instant given in UTC, "2026-03-30T07:00:00Z".
func utc(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text)!
}

func day(_ text: String) -> LocalDate {
    try! LocalDate(parsing: text)
}

func duration(_ text: String) -> BusinessDuration {
    try! BusinessDuration(parsing: text)
}

/// Mon–Fri 08:00–17:00 in Budapest with Hungarian holidays.
func hungarianOffice(
    _ schedule: String = "mon-fri 08:00-17:00",
    closures: [LocalDate] = [],
    extraWorkingDays: [LocalDate] = []
) -> BusinessCalendar {
    BusinessCalendar(
        timeZone: TZ.budapest,
        schedule: try! WeeklySchedule(parsing: schedule),
        holidays: .hungary,
        closures: closures,
        extraWorkingDays: extraWorkingDays
    )
}

/// Mon–Fri 08:00–16:00 in Warsaw with Polish holidays.
func polishOffice() -> BusinessCalendar {
    BusinessCalendar(timeZone: TZ.warsaw, schedule: try! WeeklySchedule(parsing: "mon-fri 08:00-16:00"), holidays: .poland)
}
