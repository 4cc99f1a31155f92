import Testing
@testable import MailMessage

@Suite struct AddressTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: String
        var expected: [MailAddress]
        var description: String { input }
    }

    static let cases: [Case] = [
        Case(input: "\"Kovács Péter\" <peter@example.hu>", expected: [MailAddress(address: "peter@example.hu", name: "Kovács Péter")]),
        Case(input: "Peter@Example.hu", expected: [MailAddress(address: "Peter@Example.hu")]),
        Case(input: "a@b.c, C D <c@d.e>,e@f.g", expected: [
            MailAddress(address: "a@b.c"), MailAddress(address: "c@d.e", name: "C D"), MailAddress(address: "e@f.g"),
        ]),
        Case(input: "\"Doe, John\" <john@x.com>", expected: [MailAddress(address: "john@x.com", name: "Doe, John")]),
        Case(input: "john@x.com (John Doe)", expected: [MailAddress(address: "john@x.com", name: "John Doe")]),
        Case(input: "Team: a@b.c, B <b@c.d>;, z@y.x", expected: [
            MailAddress(address: "a@b.c"), MailAddress(address: "b@c.d", name: "B"), MailAddress(address: "z@y.x"),
        ]),
        Case(input: "undisclosed-recipients:;", expected: []),
        Case(input: "=?iso-8859-2?B?S2924WNzIFDpdGVy?= <p@x.hu>", expected: [MailAddress(address: "p@x.hu", name: "Kovács Péter")]),
        Case(input: "\"=?utf-8?Q?=C5=81ukasz?=\" <l@x.pl>", expected: [MailAddress(address: "l@x.pl", name: "Łukasz")]),
        Case(input: "<@relay.example:user@host.example>", expected: [MailAddress(address: "user@host.example")]),
        Case(input: "john . doe @ example . com", expected: [MailAddress(address: "john.doe@example.com")]),
        Case(input: "Kovács, Péter <p@x.hu>", expected: [MailAddress(address: "p@x.hu", name: "Kovács, Péter")]),
        Case(input: "\"quoted \\\"inner\\\" name\" <q@x.y>", expected: [MailAddress(address: "q@x.y", name: "quoted \"inner\" name")]),
        Case(input: "<>", expected: []),
        Case(input: "", expected: []),
        Case(input: "Name (comment (nested)) <n@x.y>", expected: [MailAddress(address: "n@x.y", name: "Name")]),
        Case(input: "Broken <unterminated@x.y", expected: [MailAddress(address: "unterminated@x.y", name: "Broken")]),
        Case(input: "\"\" <empty@name.x>", expected: [MailAddress(address: "empty@name.x")]),
        Case(input: "Jan Kowalski jan@x.pl", expected: [MailAddress(address: "jan@x.pl", name: "Jan Kowalski")]),
        Case(input: "\"\" <\u{0}\u{0}\u{0}\u{0}>", expected: []),
        Case(input: "<a\u{0}b@\u{1B}x.y>", expected: [MailAddress(address: "ab@x.y")]),
    ]

    @Test(arguments: cases)
    func parsesList(testCase: Case) {
        #expect(MailAddress.parseList(testCase.input) == testCase.expected)
    }

    @Test func normalizedAndDomain() {
        let address = MailAddress(address: " Peter@Example.HU ", name: "")
        #expect(address.name == nil)
        #expect(address.normalized == "peter@example.hu")
        #expect(address.domain == "example.hu")
        #expect(MailAddress(address: "local").domain == "")
    }

    @Test func codableRoundTrip() throws {
        let address = MailAddress(address: "p@x.hu", name: "Péter")
        let data = try JSONEncoder().encode(address)
        #expect(try JSONDecoder().decode(MailAddress.self, from: data) == address)
    }

    @Test func messageHeadersUseParser() {
        let message = MailMessage.parse(crlf("From: A <a@x.y>\nSender: s@x.y\nReply-To: r@x.y, q@x.y\nCc: c@x.y\n\n"))
        #expect(message.from == [MailAddress(address: "a@x.y", name: "A")])
        #expect(message.sender == MailAddress(address: "s@x.y"))
        #expect(message.replyTo.map(\.address) == ["r@x.y", "q@x.y"])
        #expect(message.cc.map(\.address) == ["c@x.y"])
    }
}

import Foundation
