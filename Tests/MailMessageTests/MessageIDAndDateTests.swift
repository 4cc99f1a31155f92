import Foundation
import Testing
@testable import MailMessage

@Suite struct MessageIDAndDateTests {
    @Test(arguments: [
        ("<abc@host>", "<abc@host>"),
        ("  <abc@host>  (comment)", "<abc@host>"),
        ("abc@host", "<abc@host>"),
        ("< abc @ host >", "<abc@host>"),
        ("garbage", nil),
        ("", nil),
        ("<>", nil),
    ] as [(String, String?)])
    func messageID(raw: String, expected: String?) {
        let message = MailMessage.parse(crlf("Message-ID: \(raw)\n\n"))
        #expect(message.messageID == expected)
    }

    @Test func referencesAndInReplyTo() {
        let message = MailMessage.parse(crlf("References: <a@x> <b@x>\n\t<c@x> <a@x>\nIn-Reply-To: <c@x> (Peter's message)\n\n"))
        #expect(message.references == ["<a@x>", "<b@x>", "<c@x>"])
        #expect(message.inReplyTo == ["<c@x>"])
        let bare = MailMessage.parse(crlf("References: a@x, b@x\n\n"))
        #expect(bare.references == ["<a@x>", "<b@x>"])
    }

    static let reference = Date(timeIntervalSince1970: 1_795_166_100)

    @Test(arguments: [
        "Fri, 20 Nov 2026 10:15:00 +0100",
        "Fri, 20 Nov 2026 10:15:00 +0100 (CET)",
        "20 Nov 2026 10:15:00 +0100",
        "Fri,20 Nov 2026 10:15:00 +0100",
        "Fri, 20 Nov 26 10:15:00 +0100",
        "Fri, 20 Nov 2026 09:15:00 GMT",
        "Fri, 20 Nov 2026 04:15:00 EST",
        "Fri, 20 Nov 2026 09:15:00 UT",
        "Fri, 20 Nov 2026 09:15:00",
        "Fri, 20 November 2026 10:15:00 +01:00",
        "Friday, 20-Nov-2026 09:15:00 GMT",
        "Fri Nov 20 09:15:00 2026",
        "2026-11-20T09:15:00Z",
        "2026-11-20 10:15:00 +0100",
        "  Fri,  20  Nov  2026  10:15  +0100 ",
    ])
    func parsesDates(raw: String) {
        #expect(MailDate.parse(raw) == Self.reference)
    }

    @Test(arguments: ["", "yesterday", "Fri, 31 Feb 2026 10:00:00 +0000", "Fri, 20 Nov 2026 25:00:00 +0000", "99999999999999 Nov 2026"])
    func rejectsGarbage(raw: String) {
        #expect(MailDate.parse(raw) == nil)
    }

    @Test func obsoleteThreeDigitYear() {
        #expect(MailDate.parse("1 Jan 101 00:00:00 +0000") == Date(timeIntervalSince1970: 978_307_200))
    }

    @Test func formatsRFC5322() {
        #expect(MailDate.format(Self.reference) == "Fri, 20 Nov 2026 09:15:00 +0000")
        #expect(MailDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailDate.parse(MailDate.format(Self.reference)) == Self.reference)
    }
}
