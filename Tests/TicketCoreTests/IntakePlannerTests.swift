import Foundation
import Testing
@testable import TicketCore

@Suite("IntakePlanner")
struct IntakePlannerTests {
    let planner = IntakePlanner(
        detector: AutomatedMailDetector(ownAddresses: ["support@example.com"], ownMessageIDDomain: "example.com"),
        matcher: ThreadMatcher(tagFormat: TicketTagFormat(), ownMessageIDDomain: "example.com", staffAddresses: ["agent@example.com"], subjectWindow: 86_400),
        defaultLanguage: "en")

    func incoming(_ headers: [String], body: String = "Hello, the printer is broken.") -> IncomingMail {
        IncomingMail(raw: Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8), source: nil, mailbox: "support", receivedAt: referenceNow)
    }

    @Test func newCustomerMailIsAcknowledged() throws {
        let plan = try planner.plan(incoming(["From: Alice <alice@acme.example>", "Subject: Printer"]), queue: "support", index: MemoryIndex(), now: referenceNow)
        guard case let .open(ticket) = plan.action else {
            Issue.record("expected a new ticket, got \(plan.action)")
            return
        }
        #expect(plan.acknowledge)
        #expect(ticket.customer == Customer(address: "alice@acme.example", name: "Alice"))
        #expect(ticket.queue == "support")
    }

    @Test(arguments: [
        ["From: alice@acme.example", "Subject: Out of office", "Auto-Submitted: auto-replied"],
        ["From: MAILER-DAEMON@acme.example", "Subject: failure"],
        ["From: alice@acme.example", "Subject: digest", "Precedence: bulk"],
        ["From: alice@acme.example", "Subject: news", "List-Id: <a.b>"],
        ["From: support@example.com", "Subject: our own"],
    ])
    func automatedMailIsNeverAcknowledged(headers: [String]) throws {
        let plan = try planner.plan(incoming(headers), queue: "support", index: MemoryIndex(), now: referenceNow)
        #expect(!plan.acknowledge)
        guard case .drop = plan.action else {
            Issue.record("expected a drop, got \(plan.action)")
            return
        }
    }

    @Test func automatedReplyToKnownTicketIsANote() throws {
        var index = MemoryIndex()
        index.tickets = [ThreadCandidate(number: 3, state: .open, customer: "alice@acme.example", participants: [], updatedAt: referenceNow)]
        index.messageIDs = ["<t3.ack.1.1@example.com>": 3]
        let plan = try planner.plan(
            incoming(["From: alice@acme.example", "Subject: Automatic reply: Printer", "In-Reply-To: <t3.ack.1.1@example.com>", "Auto-Submitted: auto-replied"]),
            queue: "support", index: index, now: referenceNow)
        #expect(plan.action == .note(ticket: 3))
        #expect(!plan.acknowledge)
    }

    @Test func replyIsNotAcknowledgedAgain() throws {
        var index = MemoryIndex()
        index.tickets = [ThreadCandidate(number: 3, state: .resolved, customer: "alice@acme.example", participants: ["alice@acme.example"], updatedAt: referenceNow)]
        let plan = try planner.plan(incoming(["From: alice@acme.example", "Subject: Re: [#3] Printer"]), queue: "support", index: index, now: referenceNow)
        #expect(plan.action == .append(ticket: 3, kind: .customer, rule: .tag, reopen: true))
        #expect(!plan.acknowledge)
    }

    @Test func rememberedLanguageWinsOverDetection() throws {
        var index = MemoryIndex()
        index.languages = ["peter@ceg.example": "hu"]
        let plan = try planner.plan(incoming(["From: peter@ceg.example", "Subject: Invoice"], body: "Hello, the invoice is wrong, please check. Thanks"), queue: "support", index: index, now: referenceNow)
        guard case let .open(ticket) = plan.action else {
            Issue.record("expected a new ticket")
            return
        }
        #expect(ticket.language == "hu")
    }

    @Test(arguments: [
        ("Jó napot! A számla letöltése nem működik, kérem segítsenek.", "hu"),
        ("Dzień dobry, nie mogę pobrać faktury. Proszę o pomoc, pozdrawiam.", "pl"),
        ("Hello, the invoice download is not working. Please help, thanks.", "en"),
    ])
    func detectsLanguage(text: String, language: String) {
        #expect(LanguageDetector.detect(text) == language)
    }
}
