import Foundation
import Testing
@testable import BusinessTime

@Suite("PromiseFormatter")
struct PromiseFormatterTests {
    /// Tuesday 1 December 2026, 12:00 in Budapest and Warsaw (CET, UTC+1).
    let noon = utc("2026-12-01T11:00:00Z")

    @Test("promise times in English, Hungarian and Polish", arguments: [
        (PromiseFormatter.Language.english, "Tuesday, 1 December 2026, 12:00"),
        (.hungarian, "2026. december 1., kedd 12:00"),
        (.polish, "wtorek, 1 grudnia 2026, 12:00"),
    ])
    func promiseTimes(language: PromiseFormatter.Language, expected: String) {
        #expect(PromiseFormatter(language: language, timeZone: TZ.budapest).string(from: noon) == expected)
    }

    @Test("morning hours: 08:00 in English, 8:00 in Hungarian and Polish")
    func morning() {
        let morning = utc("2027-03-30T06:00:00Z")
        #expect(PromiseFormatter(language: .english, timeZone: TZ.budapest).string(from: morning) == "Tuesday, 30 March 2027, 08:00")
        #expect(PromiseFormatter(language: .hungarian, timeZone: TZ.budapest).string(from: morning) == "2027. március 30., kedd 8:00")
        #expect(PromiseFormatter(language: .polish, timeZone: TZ.warsaw).string(from: morning) == "wtorek, 30 marca 2027, 8:00")
    }

    @Test("the customer's time zone is used")
    func customerZone() {
        #expect(PromiseFormatter(language: .english, timeZone: TZ.newYork).string(from: noon) == "Tuesday, 1 December 2026, 06:00")
    }

    @Test("Polish months are in the genitive, Hungarian months in lower case", arguments: Array(1...12))
    func monthNames(month: Int) {
        let polish = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"]
        let hungarian = ["január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október", "november", "december"]
        let date = wall("2026-\(month)-15 10:00")
        let pl = PromiseFormatter(language: .polish, timeZone: TZ.budapest).string(from: date)
        let hu = PromiseFormatter(language: .hungarian, timeZone: TZ.budapest).string(from: date)
        #expect(pl.contains(", 15 \(polish[month - 1]) 2026, 10:00"), "\(pl)")
        #expect(hu.hasPrefix("2026. \(hungarian[month - 1]) 15., "), "\(hu)")
    }

    @Test("weekday names for every day of the week", arguments: zip(Array(0..<7), [
        ("Monday", "hétfő", "poniedziałek"),
        ("Tuesday", "kedd", "wtorek"),
        ("Wednesday", "szerda", "środa"),
        ("Thursday", "csütörtök", "czwartek"),
        ("Friday", "péntek", "piątek"),
        ("Saturday", "szombat", "sobota"),
        ("Sunday", "vasárnap", "niedziela"),
    ]))
    func weekdayNames(offset: Int, names: (String, String, String)) {
        let date = wall("2026-11-30 10:00").addingTimeInterval(Double(offset) * 86_400)
        #expect(PromiseFormatter(language: .english, timeZone: TZ.budapest).string(from: date).hasPrefix("\(names.0), "))
        #expect(PromiseFormatter(language: .hungarian, timeZone: TZ.budapest).string(from: date).hasSuffix(", \(names.1) 10:00"))
        #expect(PromiseFormatter(language: .polish, timeZone: TZ.budapest).string(from: date).hasPrefix("\(names.2), "))
    }

    @Test("working hours for display")
    func schedules() throws {
        let office = try WeeklySchedule(parsing: "mon-fri 08:00-17:00")
        #expect(PromiseFormatter(language: .english, timeZone: TZ.budapest).describe(office, in: TZ.budapest) == "Monday–Friday 08:00–17:00 (Europe/Budapest)")
        #expect(PromiseFormatter(language: .hungarian, timeZone: TZ.budapest).describe(office) == "hétfő–péntek 8:00–17:00")
        #expect(PromiseFormatter(language: .polish, timeZone: TZ.warsaw).describe(office) == "poniedziałek–piątek 8:00–17:00")
        #expect(PromiseFormatter(language: .polish, timeZone: TZ.warsaw).describe(office, in: TZ.warsaw) == "poniedziałek–piątek 8:00–17:00 (Europe/Warsaw)")

        let split = try WeeklySchedule(parsing: "mon-fri 08:00-12:00,13:00-17:00; sat 09:00-13:00")
        #expect(PromiseFormatter(language: .english, timeZone: TZ.budapest).describe(split) == "Monday–Friday 08:00–12:00, 13:00–17:00; Saturday 09:00–13:00")
        #expect(PromiseFormatter(language: .hungarian, timeZone: TZ.budapest).describe(split) == "hétfő–péntek 8:00–12:00, 13:00–17:00; szombat 9:00–13:00")

        #expect(PromiseFormatter(language: .english, timeZone: TZ.budapest).describe(.alwaysOpen) == "every day 00:00–24:00")
        #expect(PromiseFormatter(language: .hungarian, timeZone: TZ.budapest).describe(.alwaysOpen) == "minden nap 0:00–24:00")
        #expect(PromiseFormatter(language: .polish, timeZone: TZ.budapest).describe(.alwaysOpen) == "codziennie 0:00–24:00")
    }

    @Test("languages from locale identifiers", arguments: [
        ("hu_HU", PromiseFormatter.Language.hungarian),
        ("hu-HU", .hungarian),
        ("pl", .polish),
        ("PL-pl", .polish),
        ("en_US", .english),
        ("de_DE", .english),
        ("", .english),
    ])
    func languages(identifier: String, expected: PromiseFormatter.Language) {
        #expect(PromiseFormatter.Language(matching: identifier) == expected)
        #expect(PromiseFormatter(localeIdentifier: identifier, timeZone: TZ.budapest).language == expected)
    }
}
