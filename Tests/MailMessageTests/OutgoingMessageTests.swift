import Foundation
import Testing
@testable import MailMessage

@Suite struct OutgoingMessageTests {
    static let date = Date(timeIntervalSince1970: 1_795_166_100)

    static func sample(subject: String = "Hello", text: String = "Body", html: String? = nil,
                       extra: [HeaderField] = []) -> OutgoingMessage {
        OutgoingMessage(from: MailAddress(address: "support@ticketd.example", name: "Support Team"),
                        to: [MailAddress(address: "peter@example.hu", name: "Kovács Péter")],
                        cc: [MailAddress(address: "jan@example.pl")], subject: subject, messageID: "reply-1@ticketd.example",
                        date: date, inReplyTo: "<orig@example.hu>", references: ["<root@example.hu>", "orig@example.hu"],
                        extraHeaders: extra, textBody: text, htmlBody: html)
    }

    static func headerLines(_ rendered: [UInt8]) -> [String] {
        let text = String(decoding: rendered, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        return head.components(separatedBy: "\r\n")
    }

    @Test func rendersStandardHeaders() {
        let rendered = Self.sample().render()
        let text = String(decoding: rendered, as: UTF8.self)
        #expect(text.contains("Date: Fri, 20 Nov 2026 09:15:00 +0000\r\n"))
        #expect(text.contains("From: Support Team <support@ticketd.example>\r\n"))
        #expect(text.contains("To: =?utf-8?Q?Kov=C3=A1cs_P=C3=A9ter?= <peter@example.hu>\r\n"))
        #expect(text.contains("Cc: <jan@example.pl>\r\n"))
        #expect(text.contains("Subject: Hello\r\n"))
        #expect(text.contains("Message-ID: <reply-1@ticketd.example>\r\n"))
        #expect(text.contains("In-Reply-To: <orig@example.hu>\r\n"))
        #expect(text.contains("References: <root@example.hu> <orig@example.hu>\r\n"))
        #expect(text.contains("MIME-Version: 1.0\r\n"))
        #expect(text.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
    }

    @Test func foldsLongHeadersAt78Columns() {
        let subject = (0..<40).map { "word\($0)" }.joined(separator: " ")
        let rendered = Self.sample(subject: subject).render()
        #expect(Self.headerLines(rendered).allSatisfy { $0.utf8.count <= 78 })
        #expect(MailMessage.parse(rendered).subject == subject)
        let unicode = String(repeating: "Árvíztűrő tükörfúrógép ", count: 10)
        let encoded = Self.sample(subject: unicode).render()
        #expect(Self.headerLines(encoded).allSatisfy { $0.utf8.count <= 78 })
        #expect(MailMessage.parse(encoded).subject == unicode.trimmingASCIIWhitespace())
    }

    @Test func alternativeWithHTML() {
        let rendered = Self.sample(text: "Plain ő", html: "<p>Rich <b>ő</b></p>").render()
        let parsed = MailMessage.parse(rendered)
        #expect(parsed.contentType == "multipart/alternative")
        #expect(parsed.textBody == "Plain ő")
        #expect(parsed.htmlBody == "<p>Rich <b>ő</b></p>")
        #expect(parsed.defects.isEmpty)
    }

    @Test(arguments: [
        "Hello\r\nBcc: victim@example.com",
        "Hello\nBcc: victim@example.com",
        "Hello\rBcc: victim@example.com",
        "Hello\u{0}Bcc: victim@example.com",
        "Héllo\r\nBcc: victim@example.com",
    ])
    func subjectInjectionIsNeutralised(subject: String) {
        let rendered = Self.sample(subject: subject).render()
        let parsed = MailMessage.parse(rendered)
        #expect(!parsed.headers.contains("Bcc"))
        #expect(parsed.subject == subject.neutralizingLineBreaks)
    }

    @Test func injectionThroughEveryFieldIsNeutralised() {
        let evil = "x\r\nBcc: victim@example.com\r\n\r\nbody"
        let message = OutgoingMessage(
            from: MailAddress(address: "a@b.c" + evil, name: "Name" + evil), to: [MailAddress(address: "d@e.f", name: evil)],
            cc: [MailAddress(address: evil)], subject: evil, messageID: "id@x" + evil, date: Self.date,
            inReplyTo: "irt@x" + evil, references: ["ref@x" + evil],
            extraHeaders: [HeaderField(name: "X-Ok", value: evil), HeaderField(name: "X-Bad\r\nBcc", value: "v"),
                           HeaderField(name: "Bad Name", value: "v"), HeaderField(name: "", value: "v"),
                           HeaderField(name: "Subject", value: "override")],
            textBody: "text")
        let rendered = message.render()
        let parsed = MailMessage.parse(rendered)
        #expect(!parsed.headers.contains("Bcc"))
        #expect(parsed.headers.values("Subject").count == 1)
        #expect(parsed.headers["X-Ok"] == evil.neutralizingLineBreaks)
        #expect(!parsed.headers.contains("Bad Name"))
        #expect(parsed.textBody == "text")
        for line in Self.headerLines(rendered).dropFirst() where !line.hasPrefix(" ") {
            let name = line.prefix { $0 != ":" }
            #expect(["Date", "From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To", "References", "MIME-Version",
                     "X-Ok", "Content-Type", "Content-Transfer-Encoding"].contains(String(name)), "unexpected header line \(line)")
        }
    }

    @Test func extraHeadersAreEncodedWhenNeeded() {
        let rendered = Self.sample(extra: [HeaderField(name: "X-Ticket", value: "#42 — ő")]).render()
        let parsed = MailMessage.parse(rendered)
        #expect(parsed.headers.decoded("X-Ticket") == "#42 — ő")
    }

    @Test func quotedPrintableBodyRoundTrips() {
        let body = "Line with trailing space \nFrom the start\n.dot\n= sign\t\n" + String(repeating: "long ", count: 40) + "\nőűł 🎉"
        let rendered = Self.sample(text: body).render()
        let bodyText = String(decoding: rendered, as: UTF8.self).components(separatedBy: "\r\n\r\n").dropFirst().joined()
        #expect(bodyText.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(!bodyText.contains("\r\nFrom "))
        #expect(MailMessage.parse(rendered).textBody == body.trimmingTrailingWhitespace)
    }

    /// Regression for the first fuzz finding: a non-ASCII address is sent as raw UTF-8 (RFC 6532) and parses back.
    @Test func internationalizedAddressRoundTrips() {
        let outgoing = OutgoingMessage(from: MailAddress(address: "¤p§d@dogma.example"), to: [MailAddress(address: "łukasz@example.pl", name: "Łukasz")],
                                       subject: "你準備好了嗎?", messageID: "x@y", date: Self.date, textBody: "ok")
        let parsed = MailMessage.parse(outgoing.render())
        #expect(parsed.from.map(\.address) == ["¤p§d@dogma.example"])
        #expect(parsed.to == [MailAddress(address: "łukasz@example.pl", name: "Łukasz")])
        #expect(parsed.subject == "你準備好了嗎?")
        #expect(parsed.defects.allSatisfy { if case .eightBitHeader(_, "UTF-8") = $0 { true } else { false } })
    }

    /// Regression for the second fuzz finding: an address made only of NUL bytes used to parse as a mailbox
    /// that the renderer then had to drop; control bytes are now never part of a parsed address.
    @Test func controlByteAddressIsNotAMailbox() {
        let raw = bytes("Reply-To: {18}\"\" <>\nFrom: \"\" <{00}{00}{00}{00}{00}{00}{00}{00}>\nTo: \"\" <yyyy@netnoteinc.com>\nMessage-ID: <7096841.noteinc.com>; T{D1}{D1}{D1}hu\n\nS\" <yyyy@netnoteinc.com>\n")
        let message = MailMessage.parse(raw)
        #expect(message.from.isEmpty)
        #expect(message.replyTo.isEmpty)
        #expect(message.to.map(\.address) == ["yyyy@netnoteinc.com"])
        let reply = OutgoingMessage(from: message.from.first ?? MailAddress(address: "nobody@example.com"), to: message.to,
                                    subject: message.subject ?? "", messageID: message.messageID ?? "x@y", date: Self.date,
                                    textBody: message.newText)
        let parsed = MailMessage.parse(reply.render())
        #expect(parsed.from.map(\.address) == ["nobody@example.com"])
        #expect(parsed.textBody == message.newText)
    }
}
