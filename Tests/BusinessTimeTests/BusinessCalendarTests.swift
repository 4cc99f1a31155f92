import Foundation
import Testing
@testable import BusinessTime

@Suite("BusinessCalendar")
struct BusinessCalendarTests {
    let office = hungarianOffice()

    @Test("Friday-evening mail waits for Monday morning")
    func fridayEvening() {
        let friday = wall("2026-11-27 19:30")
        #expect(!office.isOpen(at: friday))
        #expect(wallText(office.nextOpening(atOrAfter: friday)) == "2026-11-30 08:00")
        #expect(wallText(office.adding(duration("30m"), to: friday)) == "2026-11-30 08:30")
        #expect(wallText(office.adding(duration("4h"), to: friday)) == "2026-11-30 12:00")
        #expect(wallText(office.adding(duration("2bd"), to: friday)) == "2026-12-02 08:00")
    }

    @Test("Friday 16:30 + 8h: Monday 15:30 with 08:00-17:00, Monday 16:30 with a lunch break")
    func fridayAfternoonEightHours() {
        let friday = wall("2026-11-27 16:30")
        // 30 minutes on Friday, 7h30 on Monday from 08:00.
        #expect(wallText(office.adding(duration("8h"), to: friday)) == "2026-11-30 15:30")
        // With 08:00-12:00,13:00-17:00: 30 minutes Friday, 4h Monday morning, 3h30 from 13:00.
        let split = hungarianOffice("mon-fri 08:00-12:00,13:00-17:00")
        #expect(wallText(split.adding(duration("8h"), to: friday)) == "2026-11-30 16:30")
    }

    @Test("using up a working range exactly ends at closing time, not the next opening")
    func endsAtClosing() {
        #expect(wallText(office.adding(duration("1h"), to: wall("2026-11-27 16:00"))) == "2026-11-27 17:00")
        #expect(wallText(office.nextOpening(atOrAfter: wall("2026-11-27 17:00"))) == "2026-11-30 08:00")
        #expect(office.isOpen(at: wall("2026-11-27 08:00")))
        #expect(!office.isOpen(at: wall("2026-11-27 17:00")))
    }

    @Test("business days keep the wall time, clamped to the target day")
    func businessDays() {
        #expect(wallText(office.adding(duration("2bd"), to: wall("2026-12-01 10:00"))) == "2026-12-03 10:00")
        #expect(wallText(office.adding(duration("1bd"), to: wall("2026-12-04 10:00"))) == "2026-12-07 10:00")
        // Received before opening: counts from 08:00.
        #expect(wallText(office.adding(duration("1bd"), to: wall("2026-12-01 06:00"))) == "2026-12-02 08:00")
        // Short Friday: Thursday 15:00 + 1bd is Friday's closing time, not the next Monday.
        let shortFriday = hungarianOffice("mon-thu 08:00-17:00; fri 08:00-14:00")
        #expect(wallText(shortFriday.adding(duration("1bd"), to: wall("2026-12-03 15:00"))) == "2026-12-04 14:00")
        // Calendar days keep the wall time and ignore working hours.
        #expect(wallText(office.adding(duration("1d"), to: wall("2026-12-05 10:00"))) == "2026-12-06 10:00")
        #expect(wallText(office.adding(duration("90s"), to: wall("2026-12-05 10:00"))) == "2026-12-05 10:01:30")
    }

    @Test("mail on and before Hungarian National Day, 23 October 2026 (a Friday)")
    func nationalDay() {
        #expect(!office.isWorkingDay(day("2026-10-23")))
        #expect(!office.isOpen(at: wall("2026-10-23 10:00")))
        // On the holiday: the clock starts Monday 26 October (after the DST weekend).
        #expect(wallText(office.adding(duration("4h"), to: wall("2026-10-23 10:00"))) == "2026-10-26 12:00")
        // Thursday 16:00 + 4h: 1h Thursday, Friday closed, 3h Monday.
        #expect(wallText(office.adding(duration("4h"), to: wall("2026-10-22 16:00"))) == "2026-10-26 11:00")
    }

    @Test("mail around Easter 2027: Good Friday 26 March and Easter Monday 29 March are closed")
    func easter2027() {
        #expect(!office.isWorkingDay(day("2027-03-26")))
        #expect(!office.isWorkingDay(day("2027-03-29")))
        #expect(!office.isOpen(at: wall("2027-03-29 10:00")))
        #expect(wallText(office.nextOpening(atOrAfter: wall("2027-03-29 10:00"))) == "2027-03-30 08:00")
        #expect(wallText(office.adding(duration("1bd"), to: wall("2027-03-29 10:00"))) == "2027-03-31 08:00")
        // Thursday 15:00 + 4h: 2h Thursday, then Tuesday from 08:00 (DST changed on Easter Sunday).
        #expect(wallText(office.adding(duration("4h"), to: wall("2027-03-25 15:00"))) == "2027-03-30 10:00")
        #expect(office.adding(duration("4h"), to: wall("2027-03-25 15:00")) == utc("2027-03-30T08:00:00Z"))
    }

    @Test("Polish Corpus Christi, 4 June 2026 and 27 May 2027")
    func corpusChristi() {
        let warsaw = polishOffice()
        #expect(!warsaw.isWorkingDay(day("2026-06-04")))
        #expect(!warsaw.isWorkingDay(day("2027-05-27")))
        #expect(hungarianOffice().isWorkingDay(day("2026-06-04")))
        // Wednesday 15:00 + 2h: 1h Wednesday, Thursday closed, 1h Friday.
        #expect(wallText(warsaw.adding(duration("2h"), to: wall("2026-06-03 15:00", TZ.warsaw)), TZ.warsaw) == "2026-06-05 09:00")
        #expect(wallText(warsaw.nextOpening(atOrAfter: wall("2027-05-27 11:00", TZ.warsaw)), TZ.warsaw) == "2027-05-28 08:00")
    }

    @Test("spring forward, 29 March 2026: Friday 16:00 + 2h is Monday 09:00 CEST")
    func springForwardBudapest() {
        let result = office.adding(duration("2h"), to: wall("2026-03-27 16:00"))
        #expect(wallText(result) == "2026-03-30 09:00")
        #expect(result == utc("2026-03-30T07:00:00Z"))
        #expect(office.businessSeconds(from: wall("2026-03-27 16:00"), to: result) == 7200)
    }

    @Test("fall back, 25 October 2026: Thursday 16:00 + 2h is Monday 09:00 CET")
    func fallBackBudapest() {
        let result = office.adding(duration("2h"), to: wall("2026-10-22 16:00"))
        #expect(wallText(result) == "2026-10-26 09:00")
        #expect(result == utc("2026-10-26T08:00:00Z"))
    }

    @Test("Warsaw DST weekends")
    func warsawDST() {
        let warsaw = polishOffice()
        let spring = warsaw.adding(duration("1h"), to: wall("2026-03-27 15:30", TZ.warsaw))
        #expect(spring == utc("2026-03-30T06:30:00Z"))
        let autumn = warsaw.adding(duration("1h"), to: wall("2026-10-23 15:30", TZ.warsaw))
        #expect(autumn == utc("2026-10-26T07:30:00Z"))
    }

    @Test("a seven-day schedule across the DST Sundays keeps wall-clock hours")
    func sevenDaysAcrossDST() {
        let daily = hungarianOffice("mon-sun 08:00-17:00")
        #expect(daily.adding(duration("2h"), to: wall("2026-03-28 16:00")) == utc("2026-03-29T07:00:00Z"))
        #expect(daily.adding(duration("2h"), to: wall("2026-10-24 16:00")) == utc("2026-10-25T08:00:00Z"))
        #expect(daily.businessSeconds(from: wall("2026-03-28 12:00"), to: wall("2026-03-29 12:00")) == 9 * 3600)
        #expect(daily.workingIntervals(on: day("2026-03-29")) == [DateInterval(start: utc("2026-03-29T06:00:00Z"), end: utc("2026-03-29T15:00:00Z"))])
        #expect(daily.workingIntervals(on: day("2026-10-25")) == [DateInterval(start: utc("2026-10-25T07:00:00Z"), end: utc("2026-10-25T16:00:00Z"))])
    }

    @Test("a 24/7 calendar counts real elapsed time, 23h and 25h DST days included")
    func alwaysOpen() {
        let nonstop = BusinessCalendar(timeZone: TZ.budapest, schedule: .alwaysOpen, holidays: .none)
        let sundayNight = wall("2026-11-29 03:00")
        #expect(nonstop.isOpen(at: sundayNight))
        #expect(nonstop.nextOpening(atOrAfter: sundayNight) == sundayNight)
        #expect(nonstop.isWorkingDay(day("2026-12-25")))
        #expect(nonstop.adding(duration("24h"), to: wall("2026-03-28 12:00")) == utc("2026-03-29T11:00:00Z"))
        #expect(wallText(nonstop.adding(duration("24h"), to: wall("2026-03-28 12:00"))) == "2026-03-29 13:00")
        #expect(wallText(nonstop.adding(duration("24h"), to: wall("2026-10-24 12:00"))) == "2026-10-25 11:00")
        #expect(nonstop.businessSeconds(from: wall("2026-03-28 00:00"), to: wall("2026-03-30 00:00")) == 47 * 3600)
        #expect(nonstop.businessSeconds(from: wall("2026-10-24 00:00"), to: wall("2026-10-26 00:00")) == 49 * 3600)
        #expect(nonstop.businessSeconds(from: wall("2026-11-23 00:00"), to: wall("2026-11-30 00:00")) == 7 * 86_400)
        // Calendar days keep the wall time across the change: 23 hours of real time.
        #expect(nonstop.adding(duration("1d"), to: wall("2026-03-28 12:00")) == utc("2026-03-29T10:00:00Z"))
        // 2bd from Saturday 10:00 is Monday 10:00.
        #expect(wallText(nonstop.adding(duration("2bd"), to: wall("2026-11-28 10:00"))) == "2026-11-30 10:00")
    }

    @Test("a Hungarian transferred working Saturday (10 January 2026, for Friday 2 January)")
    func transferredSaturday() {
        let office = hungarianOffice(closures: [day("2026-01-02")], extraWorkingDays: [day("2026-01-10")])
        #expect(office.isWorkingDay(day("2026-01-10")))
        #expect(office.workingHours(on: day("2026-01-10")) == [try! TimeRange(parsing: "08:00-17:00")])
        #expect(!office.isWorkingDay(day("2026-01-02")))
        #expect(!hungarianOffice().isWorkingDay(day("2026-01-10")))
        // Friday 16:00 + 4h: 1h Friday, 3h on the working Saturday.
        #expect(wallText(office.adding(duration("4h"), to: wall("2026-01-09 16:00"))) == "2026-01-10 11:00")
        // New Year's Day mail: 2 January is closed, the weekend of 3-4 January too.
        #expect(wallText(office.nextOpening(atOrAfter: wall("2026-01-01 10:00"))) == "2026-01-05 08:00")
    }

    @Test("a closure day from configuration (31 December 2026)")
    func closureDay() {
        let office = hungarianOffice(closures: [day("2026-12-31")])
        #expect(!office.isWorkingDay(day("2026-12-31")))
        #expect(office.workingHours(on: day("2026-12-31")).isEmpty)
        // Wednesday 16:00 + 2h: 1h Wednesday, Thursday closed, Friday New Year's Day, Monday 4 January 2027.
        #expect(wallText(office.adding(duration("2h"), to: wall("2026-12-30 16:00"))) == "2027-01-04 09:00")
        #expect(wallText(hungarianOffice().adding(duration("2h"), to: wall("2026-12-30 16:00"))) == "2026-12-31 09:00")
    }

    @Test("working time between two instants")
    func businessSecondsBetween() {
        let from = wall("2026-11-27 16:30")
        let to = wall("2026-11-30 09:00")
        #expect(office.businessSeconds(from: from, to: to) == 5400)
        #expect(office.businessSeconds(from: to, to: from) == -5400)
        #expect(office.businessSeconds(from: wall("2026-11-28 10:00"), to: wall("2026-11-29 10:00")) == 0)
        // A week with no holiday: 5 × 9h.
        #expect(office.businessSeconds(from: wall("2026-11-30 00:00"), to: wall("2026-12-07 00:00")) == 5 * 9 * 3600)
    }

    @Test("working hours and instants of a day")
    func workingHours() {
        #expect(office.workingHours(on: day("2026-12-24")).isEmpty)
        #expect(office.workingHours(on: day("2026-12-28")).map(\.description) == ["08:00-17:00"])
        #expect(office.instant(on: day("2026-12-28"), at: try! TimeOfDay(parsing: "08:00")) == utc("2026-12-28T07:00:00Z"))
        #expect(office.localDate(of: utc("2026-12-27T23:30:00Z")) == day("2026-12-28"))
        #expect(office.nextWorkingDay(after: day("2026-12-23")) == day("2026-12-28"))
    }

    @Test("wall times skipped or repeated by DST changes resolve predictably")
    func dstEdgeWallTimes() {
        let half = try! TimeOfDay(parsing: "02:30")
        // 02:30 does not exist on 29 March: moved forward by the gap to 03:30 CEST.
        #expect(office.instant(on: day("2026-03-29"), at: half) == utc("2026-03-29T01:30:00Z"))
        // 02:30 happens twice on 25 October: the first (CEST) one.
        #expect(office.instant(on: day("2026-10-25"), at: half) == utc("2026-10-25T00:30:00Z"))
    }
}
