import Foundation
import Testing
@testable import MailMessage

@Suite struct FixtureTests {
    @Test func outlookHungarianReply() {
        let message = MailMessage.parse(bytes(Fixtures.outlookHungarianReply))
        #expect(message.subject == "Válasz: Probléma a számlával (#4711)")
        #expect(message.from == [MailAddress(address: "peter.kovacs@example.hu", name: "Kovács Péter")])
        #expect(message.to.first?.name == "Ügyfélszolgálat")
        #expect(message.headers.decoded("Thread-Topic") == "Probléma a számlával (#4711)")
        #expect(message.messageID == "<AM0PR01MB1234ABCD5678@AM0PR01MB1234.eurprd01.prod.outlook.com>")
        #expect(message.inReplyTo == ["<ticket-4711-1@ticketd.example>"])
        #expect(message.date == Date(timeIntervalSince1970: 1_795_168_923))
        #expect(message.contentType == "multipart/alternative")
        #expect(message.textBody.hasPrefix("Tisztelt Ügyfélszolgálat!\n\nA számlát megkaptam"))
        #expect(message.newText == "Tisztelt Ügyfélszolgálat!\n\nA számlát megkaptam, de az összeg hibás. Kérem, javítsák.\n\nÜdvözlettel:\nKovács Péter")
        #expect(message.htmlBody?.contains("Ügyfélszolgálat") == true)
        #expect(message.attachments.isEmpty)
        #expect(message.defects.isEmpty)
    }

    @Test func outlookHungarianHTMLAlone() {
        let message = MailMessage.parse(bytes(Fixtures.outlookHungarianReply))
        let text = HTMLText.convert(message.htmlBody ?? "")
        #expect(ReplyText.newText(from: text) == "Tisztelt Ügyfélszolgálat!\n\nA számlát megkaptam, de az összeg hibás.")
    }

    @Test func gmailPolishReply() {
        let message = MailMessage.parse(bytes(Fixtures.gmailPolishReply))
        #expect(message.from == [MailAddress(address: "lukasz.zolkiewski@gmail.com", name: "Łukasz Żółkiewski")])
        #expect(message.cc == [MailAddress(address: "jozef@example.pl", name: "Józef Wiśniewski")])
        #expect(message.subject == "Re: [#4712] Problem z logowaniem")
        #expect(message.messageID == "<CAF=+xyzABCdef123456789_QwErTy@mail.gmail.com>")
        #expect(message.newText == "Dzień dobry,\n\nnadal nie działa logowanie do panelu. Próbowałem już resetu hasła.\n\nPozdrawiam\nŁukasz Żółkiewski")
        let htmlText = HTMLText.convert(message.htmlBody ?? "")
        #expect(htmlText.contains("> Dzień dobry,\n> proszę spróbować ponownie."))
        #expect(ReplyText.newText(from: htmlText) == "Dzień dobry,\n\nnadal nie działa logowanie do panelu. Próbowałem już resetu hasła.\n\nPozdrawiam\nŁukasz Żółkiewski")
        #expect(message.defects.isEmpty)
    }

    @Test func appleMailFlowed() {
        let message = MailMessage.parse(bytes(Fixtures.appleMailFlowed))
        #expect(message.textBody.contains("The app crashes every time I open the settings screen on my iPhone. It started after the latest update. Version 4.2.1."))
        #expect(message.textBody.contains("> Could you tell us which version of the app you are using?"))
        #expect(message.newText == "Hello,\n\nThe app crashes every time I open the settings screen on my iPhone. It started after the latest update. Version 4.2.1.\n\nThanks,\nAnna")
        #expect(message.messageID == "<6F1C2D3E-4B5A-6978-8A9B-0C1D2E3F4A5B@icloud.example>")
    }

    @Test func forwardedAsAttachment() {
        let message = MailMessage.parse(bytes(Fixtures.forwardedAsAttachment))
        #expect(message.textBody.hasPrefix("Przekazuję reklamację klienta.\n\n---------- Forwarded message ----------"))
        #expect(message.textBody.contains("From: Jan Kowalski <jan@example.pl>"))
        #expect(message.textBody.contains("Subject: Zamówienie nr 123 – reklamacja"))
        #expect(message.textBody.hasSuffix("Dzień dobry,\nprzesyłka dotarła uszkodzona.\nJan"))
        #expect(message.newText == message.textBody)
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.filename == "Zamówienie nr 123.eml")
        #expect(message.attachments.first?.contentType == "message/rfc822")
        #expect(message.attachments.first?.isInline == false)
        let inner = MailMessage.parse(message.attachments.first?.data ?? [])
        #expect(inner.messageID == "<inner-123@example.pl>")
        #expect(inner.textBody == "Dzień dobry,\nprzesyłka dotarła uszkodzona.\nJan")
    }

    @Test func rfc2231Filenames() {
        let message = MailMessage.parse(bytes(Fixtures.rfc2231Filenames))
        #expect(message.subject == "Mellékletek")
        #expect(message.from.first?.name == "Győri Úrsúla")
        #expect(message.textBody == "Csatolom a dokumentumokat.")
        #expect(message.attachments.map(\.filename) == ["Árvíztűrő tükörfúrógép – łódź számla 2026.pdf", "Győr térkép ű.png", "notatki_łódź.txt"])
        #expect(message.attachments.map(\.contentType) == ["application/pdf", "image/png", "text/plain"])
        #expect(message.attachments.map(\.isInline) == [false, true, false])
        #expect(message.attachments[1].contentID == "map.png@01DA0000.00000000")
        #expect(message.attachments[0].data.starts(with: Array("%PDF-1.4".utf8)))
        #expect(message.attachments[0].size == 54)
        #expect(message.attachments[2].data == [0x4E, 0x6F, 0x74, 0x61, 0x74, 0x6B, 0x69, 0x20, 0xB3, 0xF3, 0x64, 0xBC])
        #expect(message.defects.isEmpty)
    }

    @Test func missingFinalBoundary() {
        let message = MailMessage.parse(bytes(Fixtures.missingFinalBoundary))
        #expect(message.textBody == "The attachment below was cut off by the relay.")
        #expect(message.attachments.first?.filename == "logs.zip")
        #expect(message.attachments.first?.data.starts(with: [0x50, 0x4B, 0x03, 0x04]) == true)
        #expect(message.defects.contains(.missingFinalBoundary(boundary: "==truncated==")))
    }

    @Test func eightBitHeaders() {
        let message = MailMessage.parse(bytes(Fixtures.eightBitHeaders))
        #expect(message.from == [MailAddress(address: "arpad@example.hu", name: "Árpád Szabó")])
        #expect(message.subject == "Üzenet ékezetekkel őű")
        // Undeclared 8-bit bytes are read as Windows-1250, so ISO-8859-2-only letters (ś ą ź) come out as their 1250 twins.
        #expect(message.headers["X-Polish"] == "Zażółć gę¶l± jaĽń")
        #expect(message.textBody == "Köszönöm a gyors választ.")
        #expect(message.defects.contains(.eightBitHeader(name: "From", decodedAs: "Windows-1250")))
        #expect(message.defects.contains(.eightBitHeader(name: "Subject", decodedAs: "UTF-8")))
    }

    @Test func lyingCharsets() {
        let message = MailMessage.parse(bytes(Fixtures.lyingCharsets))
        #expect(message.subject == "qaplaő")
        #expect(message.textBody == "Unknown charset: őű\n\nClaims ASCII, is UTF-8: łódź\n\nClaims UTF-8, is Windows-1250: őű śląsk")
        #expect(message.defects.contains(.unknownCharset("x-klingon", fallback: "UTF-8")))
        #expect(message.defects.contains(.charsetMismatch(declared: "us-ascii", decodedAs: "UTF-8")))
        #expect(message.defects.contains(.charsetMismatch(declared: "utf-8", decodedAs: "Windows-1250")))
    }

    @Test func headerInjectionCannotReachReplies() {
        let message = MailMessage.parse(bytes(Fixtures.headerInjection))
        #expect(message.subject == "Hello  Bcc: victim@example.com    body")
        #expect(message.from.first?.name == "Evil  Bcc: victim@example.com")
        let reply = OutgoingMessage(from: MailAddress(address: "support@ticketd.example"), to: message.from,
                                    subject: "Re: " + (message.subject ?? ""), messageID: "r@ticketd.example",
                                    date: Date(timeIntervalSince1970: 0), inReplyTo: message.messageID, textBody: "ok")
        let parsed = MailMessage.parse(reply.render())
        #expect(!parsed.headers.contains("Bcc"))
        #expect(parsed.to == message.from)
        #expect(parsed.subject == "Re: Hello  Bcc: victim@example.com    body")
    }

    @Test func htmlOnlyNewsletter() {
        let message = MailMessage.parse(bytes(Fixtures.htmlOnlyNewsletter))
        #expect(message.subject == "🎉 Akció!")
        #expect(message.from.first?.name == "Newsletter")
        #expect(message.textBody == """
            Nagy akció!

            Minden termék &minus; 20% kedvezménnyel.

            - Cipők
            - Táskák & kiegészítők

            Megnézem (https://shop.example/akcio?utm=1) | Leiratkozás (https://shop.example/unsub)
            """)
        #expect(message.newText == message.textBody)
    }
}
