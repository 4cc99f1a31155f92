import Foundation
import MailMessage
import Testing
@testable import TicketCore

@Suite("ThreadMatcher")
struct ThreadMatcherTests {
    let matcher = ThreadMatcher(
        tagFormat: TicketTagFormat(), ownMessageIDDomain: "support.example.com",
        staffAddresses: ["agent@support.example.com"], subjectWindow: 14 * 86_400)

    var index: MemoryIndex {
        var index = MemoryIndex()
        index.tickets = [
            ThreadCandidate(number: 7, state: .open, customer: "alice@acme.example", participants: ["alice@acme.example"], updatedAt: referenceNow - 3600),
            ThreadCandidate(number: 8, state: .closed, customer: "bob@globex.example", participants: ["bob@globex.example"], updatedAt: referenceNow - 3600),
            ThreadCandidate(number: 9, state: .open, customer: "carol@gmail.com", participants: ["carol@gmail.com"], updatedAt: referenceNow - 3600),
        ]
        index.messageIDs = ["<first@acme.example>": 7, "<t7.ack.1.1@support.example.com>": 7, "<bob1@globex.example>": 8]
        index.subjects = [7: "printer is on fire", 9: "invoice"]
        return index
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var headers: [String]
        var body = "Hello"
        var expected: ThreadMatcher.Decision
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "tag from the customer", headers: ["From: alice@acme.example", "Subject: Re: [#7] Printer"], expected: .existing(number: 7, rule: .tag)),
        Case(name: "mangled tag", headers: ["From: alice@acme.example", "Subject: RE: [ # 7 ] Printer"], expected: .existing(number: 7, rule: .tag)),
        Case(name: "bare #7 after Re:", headers: ["From: alice@acme.example", "Subject: Re: #7 Printer"], expected: .existing(number: 7, rule: .tag)),
        Case(name: "tag from a colleague of the same organisation", headers: ["From: dan@acme.example", "Subject: Re: [#7] Printer"], expected: .existing(number: 7, rule: .tag)),
        Case(name: "tag from staff", headers: ["From: agent@support.example.com", "Subject: Re: [#7] Printer"], expected: .existing(number: 7, rule: .tag)),
        Case(name: "tag from a stranger opens a linked ticket", headers: ["From: mallory@evil.example", "Subject: [#7] give me data"], expected: .new(linkedTo: 7)),
        Case(name: "tag from a stranger who references the ticket", headers: ["From: mallory@evil.example", "Subject: [#7] fwd", "References: <first@acme.example>"], expected: .existing(number: 7, rule: .tag)),
        Case(name: "same gmail.com domain is not a colleague", headers: ["From: eve@gmail.com", "Subject: [#9] Invoice"], expected: .new(linkedTo: 9)),
        Case(name: "In-Reply-To our acknowledgement", headers: ["From: alice@acme.example", "Subject: Re: Printer", "In-Reply-To: <t7.ack.1.1@support.example.com>"], expected: .existing(number: 7, rule: .references)),
        Case(name: "References to the customer's own first mail", headers: ["From: alice@acme.example", "Subject: more", "References: <unknown@x> <first@acme.example>"], expected: .existing(number: 7, rule: .references)),
        Case(name: "reply to a closed ticket opens a linked one", headers: ["From: bob@globex.example", "Subject: Re: thing", "In-Reply-To: <bob1@globex.example>"], expected: .new(linkedTo: 8)),
        Case(name: "quoted Message-ID in the body", headers: ["From: alice@acme.example", "Subject: about my problem"], body: "> Message-ID: <t7.ack.1.1@support.example.com>", expected: .existing(number: 7, rule: .quotedMessageID)),
        Case(name: "Outlook reply without references, same customer and subject", headers: ["From: alice@acme.example", "Subject: VÁ: AW: Printer is on fire"], expected: .existing(number: 7, rule: .subject)),
        Case(name: "same subject from another customer stays apart", headers: ["From: zed@other.example", "Subject: Invoice"], expected: .new(linkedTo: nil)),
        Case(name: "unrelated new mail", headers: ["From: alice@acme.example", "Subject: New laptop"], expected: .new(linkedTo: nil)),
    ]

    @Test(arguments: cases)
    func decides(_ testCase: Case) throws {
        let decision = try matcher.match(mail(testCase.headers, body: testCase.body), index: index, now: referenceNow)
        #expect(decision == testCase.expected)
    }

    @Test("a resolved ticket reopens within the reopen window, and makes a linked ticket after it")
    func reopenWindow() throws {
        var resolved = index
        resolved.tickets[0].state = .resolved
        let reply = mail(["From: alice@acme.example", "Subject: Re: [#7] Printer"])
        #expect(try matcher.match(reply, index: resolved, now: referenceNow) == .existing(number: 7, rule: .tag))
        resolved.tickets[0].updatedAt = referenceNow - 40 * 86_400
        #expect(try matcher.match(reply, index: resolved, now: referenceNow) == .new(linkedTo: 7))
    }

    @Test("plus-addressing folds onto the customer when configured")
    func plusAddressing() throws {
        var folding = matcher
        folding.foldPlusAddressing = true
        let message = mail(["From: alice+support@acme.example", "Subject: Printer is on fire"])
        #expect(try folding.match(message, index: index, now: referenceNow) == .existing(number: 7, rule: .subject))
        #expect(try matcher.match(message, index: index, now: referenceNow) == .new(linkedTo: nil))
        #expect(folding.identity(of: "Alice+X@Acme.Example") == "alice@acme.example")
    }

    @Test("subject fallback ignores tickets older than the window")
    func subjectWindow() throws {
        var old = index
        old.tickets[0].updatedAt = referenceNow - 30 * 86_400
        let decision = try matcher.match(mail(["From: alice@acme.example", "Subject: Re: Printer is on fire"]), index: old, now: referenceNow)
        #expect(decision == .new(linkedTo: nil))
    }
}

@Suite("Subject tags and normalisation")
struct SubjectTests {
    @Test(arguments: [
        ("[#12] Hello", 12), ("Re: [#12] Hello", 12), ("Hello [ #12 ]", 12), ("Odp: #12 Hello", 12), ("Hello #12", nil),
        ("[ACME #12] Hello", nil), ("[#] x", nil), ("[#1234567890] too long", nil),
    ] as [(String, Int?)])
    func defaultTag(subject: String, number: Int?) {
        #expect(TicketTagFormat().number(in: subject) == number)
    }

    @Test func prefixedTag() {
        let format = TicketTagFormat(prefix: "ACME")
        #expect(format.tag(for: 5) == "[ACME #5]")
        #expect(format.number(in: "Re: [acme #5] x") == 5)
        #expect(format.number(in: "Re: [#5] x") == nil)
        #expect(format.number(in: "Re: [OTHER #5] x") == nil)
    }

    @Test(arguments: [
        ("Re: Re: Invoice", "invoice"), ("AW: WG: Invoice", "invoice"), ("Vá: VÁ: Számla", "számla"),
        ("Odp: PD: Faktura", "faktura"), ("RE[2]: Invoice", "invoice"), ("Re: [#4] Invoice", "invoice"),
        ("[users] Re: Invoice", "invoice"), ("Továbbítás: Fwd: TR: Invoice  due", "invoice due"), ("Re:", ""),
        ("Rendezvous: plans", "rendezvous: plans"), ("Válasz: TOV: Számla", "számla"), ("ODP: Odp.: Faktura", "faktura"),
    ])
    func normalizes(subject: String, expected: String) {
        #expect(SubjectNormalizer.normalize(subject, tagFormat: TicketTagFormat()) == expected)
    }
}
