import Testing
@testable import BusinessTime

@Suite("HolidayRules")
struct HolidayRulesTests {
    @Test("Hungary 2026: the full list")
    func hungary2026() {
        let dates = HolidayRules.hungary.observances(in: 2026).map(\.date.description)
        #expect(dates == [
            "2026-01-01", "2026-03-15", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01",
            "2026-05-24", "2026-05-25", "2026-08-20", "2026-10-23", "2026-11-01", "2026-12-24",
            "2026-12-25", "2026-12-26",
        ])
    }

    @Test("Poland 2026: the full list")
    func poland2026() {
        let dates = HolidayRules.poland.observances(in: 2026).map(\.date.description)
        #expect(dates == [
            "2026-01-01", "2026-01-06", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-03",
            "2026-05-24", "2026-06-04", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-24",
            "2026-12-25", "2026-12-26",
        ])
    }

    @Test("Easter-based holidays in 2027", arguments: [
        (HolidayRules.hungary, "2027-03-26", "Good Friday"),
        (.hungary, "2027-03-29", "Easter Monday"),
        (.hungary, "2027-05-17", "Whit Monday"),
        (.poland, "2027-03-28", "Easter Sunday"),
        (.poland, "2027-05-16", "Whit Sunday"),
        (.poland, "2027-05-27", "Corpus Christi"),
    ])
    func easterBased(rules: HolidayRules, date: String, name: String) {
        #expect(rules.holidayName(on: day(date)) == name)
    }

    @Test("holidays introduced by law start in the right year", arguments: [
        (HolidayRules.hungary, "2016-03-25", false),
        (.hungary, "2017-04-14", true),
        (.hungary, "2025-12-24", false),
        (.hungary, "2026-12-24", true),
        (.poland, "2010-01-06", false),
        (.poland, "2011-01-06", true),
        (.poland, "2024-12-24", false),
        (.poland, "2025-12-24", true),
    ])
    func introductions(rules: HolidayRules, date: String, isHoliday: Bool) {
        #expect(rules.isHoliday(day(date)) == isHoliday)
    }

    @Test("country-specific days")
    func countrySpecific() {
        #expect(HolidayRules.hungary.isHoliday(day("2026-10-23")))
        #expect(!HolidayRules.poland.isHoliday(day("2026-10-23")))
        #expect(HolidayRules.poland.isHoliday(day("2026-06-04")))
        #expect(!HolidayRules.hungary.isHoliday(day("2026-06-04")))
        #expect(!HolidayRules.none.isHoliday(day("2026-12-25")))
    }

    @Test("built-in sets by configuration name")
    func named() throws {
        #expect(try HolidayRules(named: "hungary") == .hungary)
        #expect(try HolidayRules(named: "PL") == .poland)
        #expect(try HolidayRules(named: "none") == HolidayRules.none)
        #expect(throws: HolidayRulesError.unknown("austria")) { try HolidayRules(named: "austria") }
        #expect(HolidayRulesError.unknown("austria").description == "'austria' is not a known holiday set: use hungary, poland or none")
    }
}
