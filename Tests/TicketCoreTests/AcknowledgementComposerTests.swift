import Foundation
import MailMessage
import Testing
@testable import TicketCore

@Suite("AcknowledgementComposer")
struct AcknowledgementComposerTests {
    let composer = AcknowledgementComposer(templates: .builtIn(), tagFormat: TicketTagFormat(), messageIDDomain: "example.com", teamName: "ACME Support")

    func ticket(language: String, name: String?) -> Ticket {
        Ticket(number: 42, subject: "Printer\r\nBcc: victim@evil.example", normalizedSubject: "printer", queue: "support", language: language,
               customer: Customer(address: "alice@acme.example", name: name), createdAt: referenceNow)
    }

    @Test(arguments: [("en", "thank you for your message"), ("hu", "Köszönjük levelét"), ("pl", "dziękujemy za wiadomość")])
    func writesTheCustomersLanguage(language: String, phrase: String) throws {
        let original = mail(["From: Alice <alice@acme.example>", "Subject: Printer", "Message-ID: <m1@acme.example>", "References: <m0@acme.example>"])
        let ack = try #require(composer.compose(
            ticket: ticket(language: language, name: "Alice"), original: original,
            from: MailAddress(address: "support@example.com", name: "ACME Support"), envelopeSender: "bounces@example.com",
            promise: .init(formatted: "Tuesday, 1 December 2026, 12:00", businessHours: nil), now: referenceNow))
        let parsed = MailMessage.parse(ack.raw)
        #expect(parsed.subject?.hasPrefix("[#42] ") == true)
        #expect(parsed.textBody.contains(phrase))
        #expect(parsed.textBody.contains("Tuesday, 1 December 2026, 12:00"))
        #expect(parsed.headers["Auto-Submitted"] == "auto-replied")
        #expect(parsed.headers["X-Auto-Response-Suppress"] == "All")
        #expect(parsed.inReplyTo == ["<m1@acme.example>"])
        #expect(parsed.references == ["<m0@acme.example>", "<m1@acme.example>"])
        #expect(parsed.messageID == ack.messageID)
        #expect(ack.messageID.hasSuffix("@example.com>"))
        #expect(ack.recipients == ["alice@acme.example"])
        #expect(!parsed.headers.contains("Bcc"), "a CR/LF in the subject must not start a header")
    }

    @Test func repliesToReplyTo() throws {
        let original = mail(["From: form@shop.example", "Reply-To: Real Person <real@acme.example>", "Subject: Contact form"])
        let ack = try #require(composer.compose(
            ticket: ticket(language: "en", name: nil), original: original, from: MailAddress(address: "support@example.com"),
            envelopeSender: "support@example.com", promise: .init(formatted: nil, businessHours: nil), now: referenceNow))
        #expect(ack.recipients == ["real@acme.example"])
        #expect(!MailMessage.parse(ack.raw).textBody.contains("We will reply by"))
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
