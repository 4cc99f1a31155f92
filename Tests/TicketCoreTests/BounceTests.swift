import Foundation
import MailMessage
import Testing
@testable import TicketCore

@Suite("Bounces of our own mail")
struct BounceTests {
    let verp = BounceAddress(delimiter: "+", bases: ["Support@Example.com"])

    @Test func encodesTheTicketIntoTheLocalPart() {
        #expect(verp.encode("support@example.com", ticket: 42) == "support+bounce-42@example.com")
        #expect(BounceAddress(delimiter: "-", bases: []).encode("help@x.example", ticket: 7) == "help-bounce-7@x.example")
    }

    @Test(arguments: [
        ("support+bounce-42@example.com", 42),
        ("<SUPPORT+Bounce-42@EXAMPLE.COM>", 42),
        (" support+bounce-9@example.com ", 9),
    ])
    func decodesOurOwnAddresses(address: String, ticket: Int) {
        #expect(verp.ticket(in: address) == ticket)
    }

    @Test(arguments: [
        "support@example.com", "support+bounce-@example.com", "support+bounce-x1@example.com", "support+bounce-0@example.com",
        "other+bounce-42@example.com", "support+bounce-42@elsewhere.example", "support+news-42@example.com",
        "support+bounce-99999999999999999999@example.com", "support+bounce-٤٢@example.com", "no-at-sign",
    ])
    func ignoresEverythingElse(address: String) {
        #expect(verp.ticket(in: address) == nil)
    }

    @Test func encodeThenDecodeRoundTrips() {
        for number in [1, 17, 4096, 999_999_999] {
            #expect(verp.ticket(in: verp.encode("support@example.com", ticket: number)) == number)
        }
    }

    /// A delivery status notification exactly as Postfix 3.7 wrote it for an acknowledgement.
    static func postfixDSN(deliveredTo: String, returnedMessageID: String, returnedPart: String = "message/rfc822") -> IncomingMail {
        let text = """
            Return-Path: <>
            Delivered-To: \(deliveredTo)
            Date: Mon, 23 Nov 2026 18:45:05 +0000 (UTC)
            From: Mail Delivery System <MAILER-DAEMON@mail.ticketd.test>
            Subject: Undelivered Mail Returned to Sender
            To: \(deliveredTo)
            Auto-Submitted: auto-replied
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status;
            \tboundary="1D706F8065A.1795459505/mail.ticketd.test"
            Content-Transfer-Encoding: 8bit
            Message-Id: <20261123184505.24243F80668@mail.ticketd.test>

            This is a MIME-encapsulated message.

            --1D706F8065A.1795459505/mail.ticketd.test
            Content-Description: Notification
            Content-Type: text/plain; charset=utf-8

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients. It's attached below.

            <bob@bounce.example>: Command died with status 1: "/bin/false"

            --1D706F8065A.1795459505/mail.ticketd.test
            Content-Description: Delivery report
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.ticketd.test
            Final-Recipient: rfc822; bob@bounce.example
            Action: failed
            Status: 5.3.0

            --1D706F8065A.1795459505/mail.ticketd.test
            Content-Description: Undelivered Message
            Content-Type: \(returnedPart)

            From: ACME Support <support@example.com>
            To: bob@bounce.example
            Subject: [#42] We received your request
            Message-ID: \(returnedMessageID)
            Auto-Submitted: auto-replied

            Thank you, we will answer by Tuesday.

            --1D706F8065A.1795459505/mail.ticketd.test--
            """
        let raw = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        return IncomingMail(raw: raw, source: nil, mailbox: "support", receivedAt: referenceNow)
    }

    func planner(verp: BounceAddress?) -> IntakePlanner {
        var planner = IntakePlanner(
            detector: AutomatedMailDetector(ownAddresses: ["support@example.com"], ownMessageIDDomain: "example.com"),
            matcher: ThreadMatcher(tagFormat: TicketTagFormat(), ownMessageIDDomain: "example.com", staffAddresses: [], subjectWindow: 86_400),
            defaultLanguage: "en")
        planner.bounceAddress = verp
        return planner
    }

    func index(tickets: [Int], ids: [String: Int] = [:]) -> MemoryIndex {
        var index = MemoryIndex()
        index.tickets = tickets.map { ThreadCandidate(number: $0, state: .waiting, customer: "bob@bounce.example", participants: [], updatedAt: referenceNow) }
        index.messageIDs = ids
        return index
    }

    @Test func aDSNToAVERPAddressIsNotedOnThatTicket() throws {
        let dsn = Self.postfixDSN(deliveredTo: "support+bounce-42@example.com", returnedMessageID: "<unknown@elsewhere.example>")
        let plan = try planner(verp: verp).plan(dsn, queue: "support", index: index(tickets: [42]), now: referenceNow)
        #expect(plan.action == .note(ticket: 42))
        #expect(!plan.acknowledge)
    }

    @Test func aVERPAddressOfAnUnknownTicketIsDroppedAsABounce() throws {
        let dsn = Self.postfixDSN(deliveredTo: "support+bounce-77@example.com", returnedMessageID: "<unknown@elsewhere.example>")
        let plan = try planner(verp: verp).plan(dsn, queue: "support", index: index(tickets: [42]), now: referenceNow)
        #expect(plan.action == .drop(key: "bounce"))
    }

    @Test(arguments: ["message/rfc822", "text/rfc822-headers"])
    func ourMessageIDInTheReturnedPartFindsTheTicket(part: String) throws {
        let dsn = Self.postfixDSN(deliveredTo: "support@example.com", returnedMessageID: "<t42.ack.1.1795459505@example.com>", returnedPart: part)
        let plan = try planner(verp: nil).plan(
            dsn, queue: "support", index: index(tickets: [42], ids: ["<t42.ack.1.1795459505@example.com>": 42]), now: referenceNow)
        #expect(plan.action == .note(ticket: 42))
        #expect(!plan.acknowledge)
    }

    @Test func aPersonWritingToTheVERPAddressIsStillAPerson() throws {
        let mail = IncomingMail(
            raw: Array("From: bob@bounce.example\r\nTo: support+bounce-42@example.com\r\nSubject: Re: [#42] Printer\r\n\r\nStill broken.\r\n".utf8),
            source: nil, mailbox: "support", receivedAt: referenceNow)
        let plan = try planner(verp: verp).plan(mail, queue: "support", index: index(tickets: [42]), now: referenceNow)
        #expect(plan.action == .append(ticket: 42, kind: .customer, rule: .tag, reopen: false))
    }
}
