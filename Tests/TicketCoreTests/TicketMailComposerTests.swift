import BusinessTime
import Foundation
import MailMessage
import Testing
@testable import TicketCore

@Suite("TicketMailComposer")
struct TicketMailComposerTests {
    static let policy = PromisePolicy.standard(timeZone: TimeZone(identifier: "Europe/Budapest")!)
    let composer = TicketMailComposer(
        templates: .builtIn(), tagFormat: TicketTagFormat(), messageIDDomain: "example.com", teamName: "ACME Support",
        policy: policy, staffLanguage: "en")
    /// Tuesday 1 December 2026, 12:00 in Budapest.
    let promise = ISO8601DateFormatter().date(from: "2026-12-01T11:00:00Z")!

    func envelope(_ original: MailMessage) -> TicketMailComposer.Envelope {
        .init(from: MailAddress(address: "support@example.com", name: "ACME Support"), envelopeSender: "bounces@example.com",
              inReplyTo: original.messageID, references: original.references)
    }

    func ticket(language: String, name: String?) -> Ticket {
        Ticket(number: 42, subject: "Printer\r\nBcc: victim@evil.example", normalizedSubject: "printer", queue: "support", language: language,
               customer: Customer(address: "alice@acme.example", name: name), createdAt: referenceNow)
    }

    @Test(arguments: [
        ("en", "thank you for your message", "Tuesday, 1 December 2026, 12:00"),
        ("hu", "Köszönjük levelét", "2026. december 1., kedd 12:00"),
        ("pl", "dziękujemy za wiadomość", "wtorek, 1 grudnia 2026, 12:00"),
    ])
    func writesTheCustomersLanguage(language: String, phrase: String, when: String) throws {
        let original = mail(["From: Alice <alice@acme.example>", "Subject: Printer", "Message-ID: <m1@acme.example>", "References: <m0@acme.example>"])
        let ack = try #require(composer.acknowledgement(
            ticket: ticket(language: language, name: "Alice"), recipient: "alice@acme.example", envelope: envelope(original),
            promise: promise, now: referenceNow))
        let parsed = MailMessage.parse(ack.raw)
        #expect(parsed.subject?.hasPrefix("[#42] ") == true)
        #expect(parsed.textBody.contains(phrase))
        #expect(parsed.textBody.contains(when), "\(parsed.textBody)")
        #expect(parsed.headers["Auto-Submitted"] == "auto-replied")
        #expect(parsed.headers["X-Auto-Response-Suppress"] == "All")
        #expect(parsed.inReplyTo == ["<m1@acme.example>"])
        #expect(parsed.references == ["<m0@acme.example>", "<m1@acme.example>"])
        #expect(parsed.messageID == ack.messageID)
        #expect(ack.messageID.hasSuffix("@example.com>"))
        #expect(ack.recipients == ["alice@acme.example"])
        #expect(!parsed.headers.contains("Bcc"), "a CR/LF in the subject must not start a header")
    }

    @Test func withoutPromiseSaysNoTime() throws {
        let original = mail(["From: form@shop.example", "Subject: Contact form"])
        let ack = try #require(composer.acknowledgement(
            ticket: ticket(language: "en", name: nil), recipient: "real@acme.example", envelope: envelope(original), promise: nil, now: referenceNow))
        #expect(ack.recipients == ["real@acme.example"])
        #expect(!MailMessage.parse(ack.raw).textBody.contains("We will reply by"))
    }

    @Test func followUpApologisesWithTheNewPromise() throws {
        let original = mail(["From: Jan <jan@firma.example>", "Subject: Faktura", "Message-ID: <pl1@firma.example>"])
        let missed = promise - 86_400
        let mail = try #require(composer.followUp(
            ticket: ticket(language: "pl", name: "Jan"), envelope: envelope(original), missed: missed, newPromise: promise,
            promiseNumber: 1, now: referenceNow))
        let parsed = MailMessage.parse(mail.raw)
        #expect(mail.kind == .followup)
        #expect(mail.sequence == 1)
        #expect(parsed.headers["Auto-Submitted"] == "auto-generated")
        #expect(parsed.textBody.contains("poniedziałek, 30 listopada 2026, 12:00"), "\(parsed.textBody)")
        #expect(parsed.textBody.contains("wtorek, 1 grudnia 2026, 12:00"))
        #expect(parsed.inReplyTo == ["<pl1@firma.example>"])
    }

    @Test func staffAlarmKeysWarningAndOverdueApart() throws {
        let original = mail(["From: a@acme.example", "Subject: x"])
        let warning = try #require(composer.staffAlarm(
            ticket: ticket(language: "hu", name: nil), staff: ["agent@example.com"], envelope: envelope(original),
            missed: promise, newPromise: nil, promiseNumber: 2, now: referenceNow))
        let overdue = try #require(composer.staffAlarm(
            ticket: ticket(language: "hu", name: nil), staff: ["agent@example.com"], envelope: envelope(original),
            missed: promise, newPromise: promise + 86_400, promiseNumber: 2, now: referenceNow))
        #expect(warning.sequence == 21)
        #expect(overdue.sequence == 22)
        #expect(MailMessage.parse(overdue.raw).subject?.contains("OVERDUE") == true)
        #expect(composer.staffAlarm(
            ticket: ticket(language: "hu", name: nil), staff: [], envelope: envelope(original), missed: promise,
            newPromise: nil, promiseNumber: 1, now: referenceNow) == nil)
    }

    @Test func templateErrorsNameTheLine() {
        #expect(throws: TemplateError.self) { try MailTemplate(source: "Hello\n\nbody", name: "t.mustache") }
        do {
            _ = try MailTemplate(source: "Subject: x\n\nline one\n{{#open}} never closed", name: "t.mustache")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "t.mustache")
            #expect(error.line >= 3)
        }
    }
}
