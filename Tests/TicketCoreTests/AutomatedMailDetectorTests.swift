import Foundation
import MailMessage
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

@Suite("Read receipts")
struct ReadReceiptTests {
    let detector = AutomatedMailDetector(ownAddresses: ["support@example.com"], ownMessageIDDomain: "example.com")

    /// A read receipt as Thunderbird sends it (RFC 8098).
    static let thunderbirdMDN = """
        From: Péter Kovács <peter@ceg.hu>
        To: support@example.com
        Subject: Return Receipt (displayed) - [#42] Printer broken
        Message-ID: <mdn-1@ceg.hu>
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type="disposition-notification";
         boundary="----=_MDN_boundary"

        ------=_MDN_boundary
        Content-Type: text/plain; charset=UTF-8

        This is a Return Receipt for the mail that you sent to peter@ceg.hu.

        ------=_MDN_boundary
        Content-Type: message/disposition-notification

        Reporting-UA: ceg.hu; Thunderbird 115.3.1
        Final-Recipient: rfc822;peter@ceg.hu
        Original-Message-ID: <t42.ack.1.5@example.com>
        Disposition: manual-action/MDN-sent-manually; displayed

        ------=_MDN_boundary--
        """

    /// A disposition notification inside a mixed message (some gateways re-wrap reports).
    static let wrappedMDN = """
        From: gateway@partner.example
        To: support@example.com
        Subject: Notification
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message was displayed.
        --b1
        Content-Type: message/disposition-notification

        Final-Recipient: rfc822;anna@partner.example
        Disposition: automatic-action/MDN-sent-automatically; displayed
        --b1--
        """

    /// An Outlook read receipt that Exchange sent as TNEF: the class is only inside winmail.dat.
    static func outlookTNEF(subject: String, messageClass: String = "REPORT.IPM.Note.IPNRN") -> String {
        var tnef: [UInt8] = [0x78, 0x9f, 0x3e, 0x22, 0x01, 0x00, 0x01, 0x06, 0x80, 0x08, 0x00]
        tnef += Array(messageClass.utf8) + [0x00] + [UInt8](repeating: 0x2a, count: 40)
        return """
            From: Anna Nowak <anna@firma.pl>
            To: support@example.com
            Subject: \(subject)
            Thread-Index: AdnK1h2Zx4w5l3cZRQ6rj0t0bJk3Vg==
            X-MS-Has-Attach: yes
            X-MS-TNEF-Correlator: <AM0PR01MB1234.eurprd01.prod.exchangelabs.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="_000_tnef_"

            --_000_tnef_
            Content-Type: text/plain; charset="utf-8"

            --_000_tnef_
            Content-Type: application/ms-tnef; name="winmail.dat"
            Content-Disposition: attachment; filename="winmail.dat"
            Content-Transfer-Encoding: base64

            \(Data(tnef).base64EncodedString())
            --_000_tnef_--
            """
    }

    func classify(_ text: String) -> MailClass {
        detector.classify(MailMessage.parse(text.replacingOccurrences(of: "\n", with: "\r\n")))
    }

    @Test func anRFC8098ReportIsAReadReceipt() {
        #expect(classify(Self.thunderbirdMDN) == .automated(.readReceipt, reason: "read receipt (multipart/report; report-type=disposition-notification)"))
        #expect(classify(Self.thunderbirdMDN).dropKey == "read_receipt")
    }

    @Test func aDispositionNotificationPartIsAReadReceipt() {
        #expect(classify(Self.wrappedMDN) == .automated(.readReceipt, reason: "read receipt (message/disposition-notification part)"))
    }

    @Test(arguments: ["Read: [#42] Printer broken", "Przeczytano: [#42] Drukarka", "Fwd: nothing that says so", ""])
    func anOutlookTNEFReceiptIsAReadReceiptWhateverItsSubject(subject: String) {
        #expect(classify(Self.outlookTNEF(subject: subject)).dropKey == "read_receipt")
        #expect(classify(Self.outlookTNEF(subject: subject, messageClass: "REPORT.IPM.NOTE.IPNNRN")).dropKey == "read_receipt")
    }

    @Test(arguments: ["Read: [#42] Printer broken", "Olvasott: [#42] Nyomtató", "Przeczytano: [#42] Drukarka", "Przeczytana: Faktura", "Not read: Invoice"])
    func outlooksReceiptSubjectFromExchangeIsAReadReceipt(subject: String) {
        let message = mail(["From: anna@firma.pl", "Subject: \(subject)", "X-MS-Exchange-Organization-AuthAs: Internal", "Thread-Index: AdnK1h2Z"])
        #expect(detector.classify(message).dropKey == "read_receipt")
    }

    @Test func aTNEFOfAnOrdinaryMailIsAPerson() {
        #expect(classify(Self.outlookTNEF(subject: "Invoice question", messageClass: "IPM.Note")) == .person)
    }

    @Test(arguments: [
        ["From: a@b.example", "Subject: Read: chapter 3 of the manual and still confused"],
        ["From: a@b.example", "Subject: Olvasott: a levelet"],
        ["From: a@b.example", "Subject: Printer broken", "Disposition-Notification-To: a@b.example"],
        ["From: a@b.example", "Subject: Ready: the order", "Thread-Index: AdnK1h2Z"],
    ])
    func peopleAreNotReadReceipts(headers: [String]) {
        #expect(detector.classify(mail(headers)) == .person)
    }

    @Test func aDeliveryReportIsStillABounce() {
        let dsn = mail(["From: a@b.example", "Content-Type: multipart/report; report-type=delivery-status; boundary=x"])
        #expect(detector.classify(dsn).dropKey == "bounce")
    }
}
