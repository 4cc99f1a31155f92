import Testing
@testable import TicketCore

@Suite("AutomatedMailDetector")
struct AutomatedMailDetectorTests {
    let detector = AutomatedMailDetector(ownAddresses: ["support@example.com"], ownMessageIDDomain: "example.com")

    @Test(arguments: [
        (["From: a@b.example", "Auto-Submitted: auto-replied"], "auto_reply"),
        (["From: a@b.example", "Auto-Submitted: auto-generated"], "auto_reply"),
        (["From: a@b.example", "X-Autoreply: yes"], "auto_reply"),
        (["From: a@b.example", "Subject: Automatikus válasz: Számla"], "auto_reply"),
        (["From: a@b.example", "Subject: Odpowiedź automatyczna: Faktura"], "auto_reply"),
        (["From: a@b.example", "Subject: Out of Office: Invoice"], "auto_reply"),
        (["From: a@b.example", "Subject: Házon kívül"], "auto_reply"),
        (["From: a@b.example", "Subject: Out of Office AutoReply: Invoice"], "auto_reply"),
        (["From: a@b.example", "Subject: Jestem na urlopie"], "auto_reply"),
        (["From: a@b.example", "Subject: Abwesenheitsnotiz: Rechnung"], "auto_reply"),
        (["From: a@b.example", "X-Auto-Response-Suppress: All", "Subject: Re: Invoice (out of office until Monday)"], "auto_reply"),
        (["From: a@b.example", "Precedence: bulk"], "bulk"),
        (["From: a@b.example", "Precedence: junk"], "bulk"),
        (["From: a@b.example", "Precedence: list"], "list"),
        (["From: a@b.example", "List-Id: <x.lists.example>"], "list"),
        (["From: a@b.example", "List-Unsubscribe: <mailto:u@x>"], "list"),
        (["From: MAILER-DAEMON@mx.example"], "bounce"),
        (["From: postmaster@mx.example"], "bounce"),
        (["From: a@b.example", "Return-Path: <>"], "bounce"),
        (["From: a@b.example", "Content-Type: multipart/report; report-type=delivery-status; boundary=x"], "bounce"),
        (["From: no-reply@shop.example"], "bulk"),
        (["From: support@example.com"], "loop"),
        (["From: x@y.example", "Message-ID: <t1.ack.1.5@example.com>"], "loop"),
        (["From: x@y.example", "Message-ID: <t42.followup.2.1796081257@EXAMPLE.COM>"], "loop"),
    ])
    func recognisesAutomatedMail(headers: [String], key: String) {
        #expect(detector.classify(mail(headers)).dropKey == key)
    }

    @Test(arguments: [
        ["From: Péter <peter@ceg.hu>", "Subject: Nem működik"],
        ["From: a@b.example", "Auto-Submitted: no", "Subject: Hello"],
        ["From: a@b.example", "Subject: Office hours question"],
        ["From: a@b.example", "Precedence: first-class"],
        // Requests that only mention absence are requests.
        ["From: a@b.example", "Subject: Out of office settings lost after the update"],
        ["From: a@b.example", "Subject: Nieobecność pracownika – wniosek"],
        ["From: a@b.example", "Subject: Szabadságon leszek, ki helyettesít?"],
        ["From: a@b.example", "Subject: Urlop: wniosek na grudzień"],
        ["From: a@b.example", "Subject: Nieobecność: 3–5 grudnia"],
        ["From: a@b.example", "Subject: Szabadság: december 22–31"],
        ["From: a@b.example", "Subject: How do I set an automatic reply?"],
        // A colleague's Thunderbird writes Message-IDs in the company domain, which is ticketd's too.
        ["From: Anna <anna@example.com>", "Message-ID: <0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9@example.com>"],
        ["From: anna@example.com", "Message-ID: <t1.note.1.5@example.com>"],
        ["From: anna@example.com", "Message-ID: <t1.ack.1.5@mail.example.com>"],
    ])
    func letsPeopleThrough(headers: [String]) {
        #expect(detector.classify(mail(headers)) == .person)
    }
}
