import Foundation
import Testing
@testable import BusinessTime

@Suite("BusinessDuration parsing")
struct BusinessDurationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let calendarDays: Int
        let businessDays: Int
        let businessMinutes: Int
        let seconds: Int
        let canonical: String
        var testDescription: String { "'\(text)'" }
    }

    @Test("valid strings", arguments: [
        Case(text: "30m", calendarDays: 0, businessDays: 0, businessMinutes: 30, seconds: 0, canonical: "30m"),
        Case(text: "4h", calendarDays: 0, businessDays: 0, businessMinutes: 240, seconds: 0, canonical: "4h"),
        Case(text: "1h30m", calendarDays: 0, businessDays: 0, businessMinutes: 90, seconds: 0, canonical: "1h30m"),
        Case(text: "90m", calendarDays: 0, businessDays: 0, businessMinutes: 90, seconds: 0, canonical: "1h30m"),
        Case(text: "30m1h", calendarDays: 0, businessDays: 0, businessMinutes: 90, seconds: 0, canonical: "1h30m"),
        Case(text: "2bd", calendarDays: 0, businessDays: 2, businessMinutes: 0, seconds: 0, canonical: "2bd"),
        Case(text: "1d", calendarDays: 1, businessDays: 0, businessMinutes: 0, seconds: 0, canonical: "1d"),
        Case(text: "90s", calendarDays: 0, businessDays: 0, businessMinutes: 0, seconds: 90, canonical: "90s"),
        Case(text: "60s", calendarDays: 0, businessDays: 0, businessMinutes: 0, seconds: 60, canonical: "60s"),
        Case(text: " 1h 30m ", calendarDays: 0, businessDays: 0, businessMinutes: 90, seconds: 0, canonical: "1h30m"),
        Case(text: "4H", calendarDays: 0, businessDays: 0, businessMinutes: 240, seconds: 0, canonical: "4h"),
        Case(text: "1d2bd4h15m30s", calendarDays: 1, businessDays: 2, businessMinutes: 255, seconds: 30, canonical: "1d2bd4h15m30s"),
        Case(text: "0m", calendarDays: 0, businessDays: 0, businessMinutes: 0, seconds: 0, canonical: "0m"),
        Case(text: "120m", calendarDays: 0, businessDays: 0, businessMinutes: 120, seconds: 0, canonical: "2h"),
    ])
    func parses(_ c: Case) throws {
        let parsed = try BusinessDuration(parsing: c.text)
        #expect(parsed.calendarDays == c.calendarDays)
        #expect(parsed.businessDays == c.businessDays)
        #expect(parsed.businessMinutes == c.businessMinutes)
        #expect(parsed.seconds == c.seconds)
        #expect(parsed.description == c.canonical)
        #expect(try BusinessDuration(parsing: parsed.description) == parsed)
    }

    @Test("invalid strings are rejected with the right reason", arguments: [
        ("4x", BusinessDurationError.malformed("4x")),
        ("", .empty),
        ("   ", .empty),
        ("h", .malformed("h")),
        ("1.5h", .malformed("1.5h")),
        ("-1h", .malformed("-1h")),
        ("4", .malformed("4")),
        ("4 hours", .malformed("4 hours")),
        ("1h1h", .repeatedUnit("1h1h", "h")),
        ("99999999999999999999h", .tooLarge("99999999999999999999h")),
        ("153722867280912931h", .tooLarge("153722867280912931h")),
    ])
    func rejects(text: String, expected: BusinessDurationError) {
        #expect(throws: expected) { try BusinessDuration(parsing: text) }
    }

    @Test("error messages tell how to write a duration")
    func messages() {
        #expect(BusinessDurationError.malformed("4x").description == "'4x' is not a duration: use e.g. 30m, 4h, 2bd, 1d")
        #expect(BusinessDurationError.malformed("4x").localizedDescription == "'4x' is not a duration: use e.g. 30m, 4h, 2bd, 1d")
        #expect(BusinessDurationError.repeatedUnit("1h1h", "h").description.contains("e.g. 1h30m"))
        #expect(BusinessDurationError.noFixedLength("2bd").description.contains("use s, m or h"))
    }

    @Test("plain intervals for poll periods")
    func plainIntervals() throws {
        #expect(try duration("60s").plainInterval() == 60)
        #expect(try duration("90s").plainInterval() == 90)
        #expect(try duration("5m").plainInterval() == 300)
        #expect(try duration("1d").plainInterval() == 86_400)
        #expect(throws: BusinessDurationError.noFixedLength("2bd")) { try duration("2bd").plainInterval() }
    }

    @Test("convenience constructors")
    func constructors() throws {
        #expect(try BusinessDuration.businessHours(4) == duration("4h"))
        #expect(try BusinessDuration.businessMinutes(30) == duration("30m"))
        #expect(try BusinessDuration.businessDays(2) == duration("2bd"))
        #expect(throws: BusinessDurationError.negative) { try BusinessDuration(businessMinutes: -1) }
        #expect(duration("0m").isZero)
    }

    @Test("sums part by part")
    func sums() throws {
        #expect(try duration("4h").adding(duration("2bd")).adding(duration("1bd")) == duration("3bd4h"))
        #expect(try duration("1d30m").adding(duration("45m10s")) == duration("1d1h15m10s"))
        #expect(throws: BusinessDurationError.self) { try BusinessDuration(seconds: .max).adding(duration("1s")) }
    }
}
