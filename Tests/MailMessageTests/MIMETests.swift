import Testing
@testable import MailMessage

@Suite struct MIMETests {
    @Test func nestedMultipartWithAttachment() {
        let message = MailMessage.parse(crlf("""
            From: a@b.c
            Subject: nested
            Content-Type: multipart/mixed; boundary="outer"

            preamble
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Szia! =C3=81rv=C3=ADz soft=
            break
            --inner
            Content-Type: text/html; charset=utf-8

            <p>Szia!</p>
            --inner--
            --outer
            Content-Type: application/pdf; name="doc.pdf"
            Content-Disposition: attachment; filename="doc.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0x
            LjQK
            --outer--
            epilogue
            """))
        #expect(message.contentType == "multipart/mixed")
        #expect(message.textBody == "Szia! Árvíz softbreak")
        #expect(message.htmlBody == "<p>Szia!</p>")
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.filename == "doc.pdf")
        #expect(message.attachments.first?.contentType == "application/pdf")
        #expect(message.attachments.first?.data == Array("%PDF-1.4\n".utf8))
        #expect(message.attachments.first?.size == 9)
        #expect(message.attachments.first?.isInline == false)
        #expect(message.defects.isEmpty)
    }

    @Test func missingFinalBoundaryKeepsLastPart() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            first
            --b
            Content-Type: text/plain; name=log.txt
            Content-Disposition: attachment

            truncated attachment
            """))
        #expect(message.textBody == "first")
        #expect(message.attachments.first?.data == Array("truncated attachment".utf8))
        #expect(message.defects.contains(.missingFinalBoundary(boundary: "b")))
    }

    @Test func boundaryNotFoundFallsBackToText() {
        let message = MailMessage.parse(crlf("Content-Type: multipart/mixed; boundary=zzz\n\njust text"))
        #expect(message.textBody == "just text")
        #expect(message.defects.contains(.boundaryNotFound(boundary: "zzz")))
    }

    @Test func missingBoundaryParameter() {
        let message = MailMessage.parse(crlf("Content-Type: multipart/mixed\n\njust text"))
        #expect(message.textBody == "just text")
        #expect(message.defects.contains(.missingBoundaryParameter(contentType: "multipart/mixed")))
    }

    @Test func similarBoundaryPrefixIsNotADelimiter() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/mixed; boundary=abc

            --abc
            Content-Type: multipart/alternative; boundary=abc-1

            --abc-1
            Content-Type: text/plain

            inner text
            --abc-1--
            --abc--
            """))
        #expect(message.textBody == "inner text")
        #expect(message.defects.isEmpty)
    }

    @Test func htmlOnlyBecomesText() {
        let message = MailMessage.parse(crlf("Content-Type: text/html; charset=utf-8\n\n<html><head><title>T</title><style>p{}</style></head><body><p>Hello&nbsp;<b>world</b></p><p>Bye</p></body></html>"))
        #expect(message.textBody == "Hello world\n\nBye")
        #expect(message.contentType == "text/html")
    }

    @Test(arguments: [
        ("SGVsbG8gd29ybGQ=", "Hello world", false),
        ("SGVs\r\nbG8g\r\nd29y\r\nbGQ=", "Hello world", false),
        ("SGVsbG8gd29ybGQ", "Hello world", false),
        ("SGVs*bG8gd29ybGQ=", "Hello world", true),
        ("SGVsbG8=IHdvcmxk", "Hello world", false),
        ("SGVsbG8gd29ybGQ=A", "Hello world", true),
    ])
    func tolerantBase64(input: String, expected: String, defect: Bool) {
        let output = TransferCoding.decodeBase64(Array(input.utf8))
        #expect(String(decoding: output.bytes, as: UTF8.self) == expected)
        #expect(output.isClean == !defect)
    }

    @Test(arguments: [
        ("caf=C3=A9", "café", false),
        ("caf=c3=a9", "café", false),
        ("soft=\r\nbreak", "softbreak", false),
        ("soft=\nbreak", "softbreak", false),
        ("soft=  \r\nbreak", "softbreak", false),
        ("bad =XY escape", "bad =XY escape", true),
        ("trailing =", "trailing ", false),
        ("a=3D=3Db", "a==b", false),
    ])
    func tolerantQuotedPrintable(input: String, expected: String, defect: Bool) {
        let output = TransferCoding.decodeQuotedPrintable(Array(input.utf8))
        #expect(String(decoding: output.bytes, as: UTF8.self) == expected)
        #expect(output.isClean == !defect)
    }

    @Test func badBase64BodyRecordsDefect() {
        let message = MailMessage.parse(crlf("Content-Type: text/plain\nContent-Transfer-Encoding: base64\n\nSGVs*bG8=\n"))
        #expect(message.textBody == "Hello")
        #expect(message.defects.contains(.invalidBase64))
    }

    @Test func unknownTransferEncodingKeepsBytes() {
        let message = MailMessage.parse(crlf("Content-Transfer-Encoding: x-uuencode\n\nraw"))
        #expect(message.textBody == "raw")
        #expect(message.defects.contains(.unknownTransferEncoding("x-uuencode")))
    }

    @Test func invalidContentTypeUsesDefault() {
        let message = MailMessage.parse(crlf("Content-Type: garbage\n\nhello"))
        #expect(message.textBody == "hello")
        #expect(message.contentType == "text/plain")
        #expect(message.defects.contains(.invalidContentType("garbage")))
    }

    @Test func inlineTextPartsOfMixedAreJoined() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain

            part one
            --m
            Content-Type: image/png
            Content-Disposition: inline
            Content-ID: <img1@x>
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --m
            Content-Type: text/plain

            part two
            --m--
            """))
        #expect(message.textBody == "part one\n\npart two")
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.isInline == true)
        #expect(message.attachments.first?.contentID == "img1@x")
        #expect(message.attachments.first?.filename == nil)
    }

    @Test func singlePartBinaryIsAttachment() {
        let message = MailMessage.parse(crlf("Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\nAAEC"))
        #expect(message.textBody.isEmpty)
        #expect(message.newText.isEmpty)
        #expect(message.attachments.first?.data == [0, 1, 2])
    }

    @Test func partWithoutHeadersIsPlainText() {
        let message = MailMessage.parse(crlf("Content-Type: multipart/mixed; boundary=q\n\n--q\n\nno headers here\n--q--\n"))
        #expect(message.textBody == "no headers here")
    }

    @Test(arguments: [
        ("<html><head><meta charset=\"iso-8859-2\"></head><body>{B3}{F3}d{BC}</body></html>", "łódź"),
        ("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1250\"><p>{9C}l{B9}sk</p>", "śląsk"),
        ("<p>no meta {C5}{91}</p>", "no meta ő"),
    ])
    func htmlWithoutCharsetParameterUsesMetaTag(html: String, expected: String) {
        let message = MailMessage.parse(bytes("Content-Type: text/html\n\n" + html))
        #expect(message.textBody == expected)
    }
}
