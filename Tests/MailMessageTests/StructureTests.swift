import Testing
@testable import MailMessage

@Suite struct StructureTests {
    @Test func forwardedMessageStaysReadable() {
        let message = MailMessage.parse(crlf("""
            From: agent@example.com
            Subject: Fwd: Számla
            Content-Type: multipart/mixed; boundary="fw"

            --fw
            Content-Type: text/plain; charset=utf-8

            Please handle this.
            --fw
            Content-Type: message/rfc822
            Content-Disposition: inline

            From: =?utf-8?Q?Kov=C3=A1cs_P=C3=A9ter?= <peter@example.hu>
            To: agent@example.com
            Subject: =?utf-8?Q?Sz=C3=A1mla?=
            Date: Fri, 20 Nov 2026 10:15:00 +0100
            Content-Type: text/plain; charset=iso-8859-2
            Content-Transfer-Encoding: quoted-printable

            A sz=E1ml=E1m hib=E1s.
            --fw--
            """))
        #expect(message.textBody.hasPrefix("Please handle this.\n\n---------- Forwarded message ----------\n"))
        #expect(message.textBody.contains("From: Kovács Péter <peter@example.hu>"))
        #expect(message.textBody.contains("Subject: Számla"))
        #expect(message.textBody.hasSuffix("A számlám hibás."))
        #expect(message.newText == message.textBody)
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.contentType == "message/rfc822")
        #expect(message.attachments.first?.filename == "Számla.eml")
        #expect(message.attachments.first?.isInline == true)
        let inner = MailMessage.parse(message.attachments.first?.data ?? [])
        #expect(inner.subject == "Számla")
    }

    @Test func digestPartsDefaultToMessages() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/digest; boundary=d

            --d

            Subject: first
            
            one
            --d

            Subject: second

            two
            --d--
            """))
        #expect(message.attachments.map(\.contentType) == ["message/rfc822", "message/rfc822"])
        #expect(message.attachments.map(\.filename) == ["first.eml", "second.eml"])
        #expect(message.textBody.contains("one"))
        #expect(message.textBody.contains("two"))
    }

    @Test func relatedUsesRootAndKeepsInlineImages() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/alternative; boundary=alt

            --alt
            Content-Type: text/plain; charset=utf-8

            Plain version
            --alt
            Content-Type: multipart/related; boundary=rel; start="<root@x>"

            --rel
            Content-Type: image/png
            Content-ID: <logo@x>
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --rel
            Content-Type: text/html; charset=utf-8
            Content-ID: <root@x>

            <p>HTML <img src="cid:logo@x" alt="logo"></p>
            --rel--
            --alt--
            """))
        #expect(message.textBody == "Plain version")
        #expect(message.htmlBody == "<p>HTML <img src=\"cid:logo@x\" alt=\"logo\"></p>")
        #expect(message.attachments.count == 1)
        #expect(message.attachments.first?.contentID == "logo@x")
        #expect(message.attachments.first?.isInline == true)
        #expect(message.attachments.first?.data == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func alternativeWithoutPlainUsesHTML() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/alternative; boundary=a

            --a
            Content-Type: text/enriched

            <bold>x</bold>
            --a
            Content-Type: text/html

            <p>Only <b>HTML</b></p>
            --a--
            """))
        #expect(message.textBody == "Only HTML")
    }

    @Test func textAttachmentIsNotBody() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: text/plain

            body
            --m
            Content-Type: text/plain; charset=utf-8
            Content-Disposition: attachment; filename="log.txt"

            log line
            --m
            Content-Type: text/calendar; method=REQUEST

            BEGIN:VCALENDAR
            --m--
            """))
        #expect(message.textBody == "body")
        #expect(message.attachments.map(\.filename) == ["log.txt", nil])
        #expect(message.attachments.map(\.contentType) == ["text/plain", "text/calendar"])
    }

    @Test func nestingLimitStopsRecursion() {
        var body = "leaf"
        for level in 0..<40 {
            body = "Content-Type: multipart/mixed; boundary=b\(level)\r\n\r\n--b\(level)\r\n\(body)\r\n--b\(level)--\r\n"
        }
        let limits = ParseLimits(maxNestingDepth: 10, maxHeaderCount: 100, maxHeaderLength: 10_000, maxLineLength: 10_000, maxParts: 100)
        let message = MailMessage.parse(Array(body.utf8), limits: limits)
        #expect(message.defects.contains(.nestingLimitExceeded(limit: 10)))
        #expect(message.attachments.count == 1)
    }

    @Test func nestedRFC822IsBoundedToo() {
        var inner = "Subject: leaf\r\n\r\ntext"
        for _ in 0..<60 {
            inner = "Subject: wrap\r\nContent-Type: message/rfc822\r\n\r\n" + inner
        }
        let message = MailMessage.parse(Array(inner.utf8))
        #expect(message.defects.contains(.nestingLimitExceeded(limit: ParseLimits.default.maxNestingDepth)))
    }

    @Test func partLimitStopsEarly() {
        let parts = (0..<500).map { "--p\r\nContent-Type: text/plain\r\n\r\npart \($0)\r\n" }.joined()
        let limits = ParseLimits(maxNestingDepth: 10, maxHeaderCount: 100, maxHeaderLength: 10_000, maxLineLength: 10_000, maxParts: 50)
        let message = MailMessage.parse(Array(("Content-Type: multipart/mixed; boundary=p\r\n\r\n" + parts + "--p--\r\n").utf8), limits: limits)
        #expect(message.textBody.contains("part 0"))
        #expect(!message.textBody.contains("part 100"))
        #expect(message.defects.contains(.partLimitExceeded(limit: 50)))
    }

    @Test func defectDescriptionsAreActionable() {
        let defects: [ParseDefect] = [
            .noHeaders, .malformedHeaderLine("x"), .eightBitHeader(name: "Subject", decodedAs: "UTF-8"),
            .headerCountLimitExceeded(limit: 1), .headerLengthLimitExceeded(name: "X", limit: 1), .nestingLimitExceeded(limit: 1),
            .partLimitExceeded(limit: 1), .missingBoundaryParameter(contentType: "multipart/mixed"), .boundaryNotFound(boundary: "b"),
            .missingFinalBoundary(boundary: "b"), .invalidBoundary("b"), .invalidContentType("x"), .unknownCharset("x", fallback: "UTF-8"),
            .charsetMismatch(declared: "x", decodedAs: "UTF-8"), .invalidBase64, .invalidQuotedPrintable, .unknownTransferEncoding("x"),
        ]
        #expect(Set(defects.map(\.description)).count == defects.count)
        #expect(ParseDefect.missingFinalBoundary(boundary: "b").description.contains("missing") == false)
        #expect(ParseDefect.missingFinalBoundary(boundary: "b").description.contains("--b--"))
    }

    @Test func emptyPlainAlternativeFallsBackToHTML() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/alternative; boundary=a

            --a
            Content-Type: text/plain; charset=utf-8

            \u{20}
            --a
            Content-Type: text/html; charset=utf-8

            <p>Real content</p>
            --a--
            """))
        #expect(message.textBody == "Real content")
    }

    @Test func base64EncodedForwardedMessage() {
        let inner = "Subject: inner\r\nContent-Type: text/plain\r\n\r\ninner body\r\n"
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/mixed; boundary=m

            --m
            Content-Type: message/rfc822
            Content-Transfer-Encoding: base64

            \(TransferCoding.encodeBase64(Array(inner.utf8)))
            --m--
            """))
        #expect(message.textBody.hasSuffix("Subject: inner\n\ninner body"))
        #expect(message.attachments.first?.data == Array(inner.utf8))
    }

    @Test func overlongBoundaryIsRejectedCheaply() {
        let boundary = String(repeating: "-", count: 5_000)
        let body = String(repeating: "-", count: 200_000)
        let message = MailMessage.parse(Array("Content-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n\(body)".utf8))
        #expect(message.defects.contains(.invalidBoundary(String(boundary.prefix(80)))))
        #expect(message.textBody == body)
    }
}
