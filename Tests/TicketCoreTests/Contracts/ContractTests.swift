import BusinessTime
import Foundation
import Testing
import TestSupport
import TicketCore

@Suite("Support contracts: periods, notices, reminders, hours")
struct ContractTests {
    static func day(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    static let acme = SupportContract(
        organisation: "ACME Ltd", hours: 10, period: .month, start: day("2026-01-31"), renewal: day("2027-01-31"), contact: "Boss@acme.example",
        language: "hu")
    static let reminders = [ContractReminder(name: "renewal-30d", daysBefore: 30, template: .renewal)]

    @Test(arguments: [
        ("2026-01-31", ContractPeriodLength.month, "2026-01-31", "2026-01-31..2026-02-28"),
        ("2026-02-28", .month, "2026-01-31", "2026-02-28..2026-03-31"),
        ("2026-03-30", .month, "2026-01-31", "2026-02-28..2026-03-31"),
        ("2026-12-02", .month, "2026-12-01", "2026-12-01..2027-01-01"),
        ("2026-12-31", .quarter, "2026-01-01", "2026-10-01..2027-01-01"),
        ("2027-01-01", .quarter, "2026-01-01", "2027-01-01..2027-04-01"),
        ("2028-02-29", .year, "2024-02-29", "2028-02-29..2029-02-28"),
    ])
    func periodsRepeatFromTheStartClampedToShortMonths(_ today: String, _ length: ContractPeriodLength, _ start: String, _ expected: String) {
        #expect(ContractPeriod.containing(Self.day(today), start: Self.day(start), length: length)?.description == expected)
    }

    @Test func noPeriodBeforeTheStart() {
        #expect(ContractPeriod.containing(Self.day("2025-12-31"), start: Self.day("2026-01-01"), length: .month) == nil)
    }

    @Test("each threshold once per period; a new period starts afresh")
    func thresholdsOncePerPeriod() {
        let watch = ContractWatch(contract: Self.acme, reminders: [])
        var sent: Set<String> = []
        func run(_ today: String, _ minutes: Int) -> [Int] {
            let due = watch.due(today: Self.day(today), minutesInPeriod: minutes) { sent.contains($0) }
            sent.formUnion(due.map(watch.key))
            return due.compactMap { if case let .notice(threshold, _, _) = $0 { ContractWatch.percent(threshold) } else { nil } }
        }
        #expect(run("2026-03-05", 7 * 60 + 59) == [])
        #expect(run("2026-03-05", 8 * 60) == [80])
        #expect(run("2026-03-06", 9 * 60) == [], "80% was told already")
        #expect(run("2026-03-07", 12 * 60) == [100])
        #expect(run("2026-03-08", 13 * 60) == [])
        #expect(run("2026-04-01", 11 * 60) == [80, 100], "a new period: both thresholds again, one mail each")
    }

    @Test("a reminder from `before` days ahead of the renewal up to the renewal day, once")
    func remindersOncePerRenewal() throws {
        let watch = ContractWatch(contract: Self.acme, reminders: Self.reminders)
        #expect(watch.due(today: Self.day("2026-12-31"), minutesInPeriod: 0) { _ in false }.isEmpty)
        let due = watch.due(today: Self.day("2027-01-01"), minutesInPeriod: 0) { _ in false }
        #expect(due == [.reminder(Self.reminders[0], renewal: Self.day("2027-01-31"))])
        #expect(watch.key(due[0]) == "contract:acme ltd:renewal:2027-01-31:reminder:renewal-30d")
        #expect(watch.due(today: Self.day("2027-01-10"), minutesInPeriod: 0) { $0 == watch.key(due[0]) }.isEmpty)
        #expect(watch.due(today: Self.day("2027-02-01"), minutesInPeriod: 0) { _ in false }.isEmpty, "too late after the renewal")
    }

    @Test func contractsCountTheirOrganisationsDomains() {
        let organisations = ["acme.example": "ACME Ltd", "acme-group.example": "acme ltd", "other.example": "Other"]
        #expect(Self.acme.domains(organisations: organisations) == ["acme-group.example", "acme.example"])
        let byDomain = SupportContract(organisation: "Example.COM", hours: 1, period: .year, start: Self.day("2026-01-01"), contact: "a@example.com")
        #expect(byDomain.domains(organisations: [:]) == ["example.com"])
    }

    @Test("hours: free up to the contract's hours in each period, the rest billable; no contract: all billable")
    func hoursReport() {
        let zone = TimeZone(identifier: "Europe/Budapest")!
        let calendar = BusinessCalendar(timeZone: zone, schedule: try! WeeklySchedule(parsing: "mon-fri 08:00-17:00"), holidays: .hungary)
        let contract = SupportContract(organisation: "ACME Ltd", hours: 2, period: .month, start: Self.day("2026-11-01"), contact: "it@acme.example")
        func at(_ text: String) -> Date { calendar.instant(on: Self.day(text), at: try! TimeOfDay(parsing: "10:00")) }
        let entries = [
            LoggedTime(ticket: 1, staff: "anna@desk", minutes: 90, at: at("2026-11-30"), domain: "acme.example"),
            LoggedTime(ticket: 1, staff: "anna@desk", minutes: 60, at: at("2026-12-01"), domain: "acme.example"),
            LoggedTime(ticket: 2, staff: "ben@desk", minutes: 120, at: at("2026-12-02"), domain: "acme.example"),
            LoggedTime(ticket: 3, staff: "ben@desk", minutes: 45, at: at("2026-12-02"), domain: "beta.example"),
            LoggedTime(ticket: 4, staff: "ben@desk", minutes: 30, at: at("2026-10-31"), domain: "acme.example"),
        ]
        let report = HoursReport(entries: entries, contracts: [contract], organisations: ["acme.example": "ACME Ltd"], calendar: calendar)
        #expect(report.byOrganisation["ACME Ltd"] == .init(spent: 5, free: 3.5, billable: 1.5),
                "November 1.5 free; December 3 spent, 2 free; October is before the contract: billable")
        #expect(report.byOrganisation["beta.example"] == .init(spent: 0.75, free: 0, billable: 0.75))
        #expect(report.byStaff == ["anna@desk": 2.5, "ben@desk": 3.25])
    }

    @Test func durationsReadTheWayStaffWriteThem() {
        #expect(TimeEntry.describe(minutes: 90) == "1h30m")
        #expect(TimeEntry.describe(minutes: 45) == "45m")
        #expect(TimeEntry.describe(minutes: 120) == "2h")
    }
}
