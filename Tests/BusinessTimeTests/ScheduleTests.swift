import Testing
@testable import BusinessTime

@Suite("LocalDate, TimeOfDay and WeeklySchedule")
struct ScheduleTests {
    @Test("LocalDate parses ISO dates and knows weekdays")
    func localDates() throws {
        let christmasEve = try LocalDate(parsing: "2026-12-24")
        #expect(christmasEve.year == 2026 && christmasEve.month == 12 && christmasEve.day == 24)
        #expect(christmasEve.weekday == .thursday)
        #expect(christmasEve.description == "2026-12-24")
        #expect(day("1970-01-01").weekday == .thursday)
        #expect(day("2000-01-01").weekday == .saturday)
        #expect(day("2026-03-29").weekday == .sunday)
        #expect(day("2024-02-29").weekday == .thursday)
        #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2026-03-01").adding(days: -1) == day("2026-02-28"))
        #expect(day("2026-01-01").days(until: day("2027-01-01")) == 365)
        #expect(day("2024-01-01").days(until: day("2025-01-01")) == 366)
    }

    @Test("LocalDate rejects malformed and nonexistent dates", arguments: [
        ("2026-02-29", LocalDateError.nonexistent(year: 2026, month: 2, day: 29)),
        ("2026-04-31", .nonexistent(year: 2026, month: 4, day: 31)),
        ("2026-13-01", .nonexistent(year: 2026, month: 13, day: 1)),
        ("2026-2-1", .malformed("2026-2-1")),
        ("24.12.2026", .malformed("24.12.2026")),
        ("", .malformed("")),
    ])
    func badDates(text: String, expected: LocalDateError) {
        #expect(throws: expected) { try LocalDate(parsing: text) }
    }

    @Test("times of day")
    func timesOfDay() throws {
        #expect(try TimeOfDay(parsing: "8:00").minutesSinceMidnight == 480)
        #expect(try TimeOfDay(parsing: "08:30").description == "08:30")
        #expect(try TimeOfDay(parsing: "24:00") == .endOfDay)
        for bad in ["24:01", "25:00", "8", "08:0", "08:60", "ab:cd"] {
            #expect(throws: ScheduleError.invalidTime(bad)) { try TimeOfDay(parsing: bad) }
        }
    }

    @Test("weekly schedules parse and print canonically", arguments: [
        ("mon-fri 08:00-17:00", "mon-fri 08:00-17:00"),
        ("Mon-Fri 08:00-12:00, 13:00-17:00; sat 09:00-13:00", "mon-fri 08:00-12:00,13:00-17:00; sat 09:00-13:00"),
        ("mon 08:00-12:00,12:00-17:00; tue-fri 08:00-17:00", "mon-fri 08:00-17:00"),
        ("mon,wed,fri 09:00-15:00", "mon 09:00-15:00; wed 09:00-15:00; fri 09:00-15:00"),
        ("mon-sun 00:00-24:00", "24/7"),
        ("24/7", "24/7"),
        ("mon-fri 08:00–17:00; sat closed", "mon-fri 08:00-17:00"),
        ("sat-sun 10:00-14:00", "sat-sun 10:00-14:00"),
    ])
    func parsesSchedules(text: String, canonical: String) throws {
        let schedule = try WeeklySchedule(parsing: text)
        #expect(schedule.description == canonical)
        #expect(try WeeklySchedule(parsing: schedule.description) == schedule)
    }

    @Test("split days keep their break")
    func splitDay() throws {
        let schedule = try WeeklySchedule(parsing: "mon-fri 08:00-12:00,13:00-17:00")
        #expect(schedule.hours(on: .wednesday) == [try TimeRange(parsing: "08:00-12:00"), try TimeRange(parsing: "13:00-17:00")])
        #expect(schedule.hours(on: .saturday).isEmpty)
        #expect(try WeeklySchedule(dayStrings: [.monday: "08:00-12:00,13:00-17:00"]).hours(on: .monday).count == 2)
        #expect(try WeeklySchedule.weekdays("08:00-17:00") == WeeklySchedule(parsing: "mon-fri 08:00-17:00"))
        #expect(WeeklySchedule.alwaysOpen.isAlwaysOpen)
    }

    @Test("bad schedules are rejected with the right reason", arguments: [
        ("mon-fri 17:00-08:00", ScheduleError.emptyRange("17:00-08:00")),
        ("mon-fri 8-17", .invalidRange("8-17")),
        ("mun 08:00-17:00", .unknownDay("mun")),
        ("mon 08:00-13:00,12:00-17:00", .overlappingRanges(.monday, "08:00-13:00,12:00-17:00")),
        ("mon 08:00-12:00; mon 13:00-17:00", .duplicateDay(.monday)),
        ("mon-fri", .malformedEntry("mon-fri")),
        ("sat-sun closed", .noWorkingHours),
        ("", .noWorkingHours),
    ])
    func rejectsSchedules(text: String, expected: ScheduleError) {
        #expect(throws: expected) { try WeeklySchedule(parsing: text) }
    }

    @Test("schedule error messages show an example")
    func scheduleMessages() {
        #expect(ScheduleError.invalidRange("8-17").description.hasPrefix("'8-17' is not a time range: use HH:MM-HH:MM, e.g. 08:00-17:00"))
        #expect(ScheduleError.noWorkingHours.description.contains("e.g. mon-fri 08:00-17:00"))
    }
}
