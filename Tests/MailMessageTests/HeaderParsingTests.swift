import Testing
@testable import MailMessage

@Suite struct HeaderParsingTests {
    @Test(arguments: ["\r\n", "\n"])
    func unfoldsFieldsWithEitherLineEnd(lineEnd: String) {
        let message = MailMessage.parse(bytes("Subject: first\n  second\n\tthird\nX-Empty:\nTo: a@b.c\n\nbody\n", lineEnd: lineEnd))
        #expect(message.headers["subject"] == "first  second\tthird")
        #expect(message.subject == "first  second\tthird")
        #expect(message.headers["X-EMPTY"] == "")
        #expect(message.to == [MailAddress(address: "a@b.c")])
        #expect(message.textBody == "body")
        #expect(message.defects.isEmpty)
    }

    @Test func skipsLeadingMboxFromLine() {
        let message = MailMessage.parse(crlf("From MAILER-DAEMON Fri Nov 20 10:15:00 2026\nFrom: a@b.c\nSubject: hi\n\nx"))
        #expect(message.from.map(\.address) == ["a@b.c"])
        #expect(message.headers.count == 2)
    }

    @Test func keepsOrderAndAllValues() {
        let message = MailMessage.parse(crlf("Received: one\nreceived: two\nRECEIVED: three\nSubject: s\n\n"))
        #expect(message.headers.values("Received") == ["one", "two", "three"])
        #expect(message.headers.map(\.name) == ["Received", "received", "RECEIVED", "Subject"])
        #expect(message.headers.contains("subject"))
        #expect(!message.headers.contains("Cc"))
    }

    @Test func acceptsObsoleteSpaceBeforeColon() {
        let message = MailMessage.parse(crlf("Subject : spaced\n\nbody"))
        #expect(message.subject == "spaced")
    }

    @Test func decodedAccessorDecodesEncodedWords() {
        let message = MailMessage.parse(crlf("X-Note: =?utf-8?Q?=C3=A9l=C5=91?= text\n\n"))
        #expect(message.headers["X-Note"] == "=?utf-8?Q?=C3=A9l=C5=91?= text")
        #expect(message.headers.decoded("x-note") == "élő text")
    }

    @Test(arguments: [
        ("Subject: {C3}{A1}rv{C3}{AD}zt{C5}{B1}r{C5}{91}", "árvíztűrő", "UTF-8"),
        ("Subject: {E1}rv{ED}zt{FB}r{F5}", "árvíztűrő", "Windows-1250"),
        ("Subject: caf{E9} {81}", "café \u{81}", "ISO-8859-1"),
    ])
    func decodesEightBitHeaders(line: String, expected: String, charset: String) {
        let message = MailMessage.parse(bytes(line + "\n\nbody"))
        #expect(message.subject == expected)
        #expect(message.defects.contains(.eightBitHeader(name: "Subject", decodedAs: charset)))
    }

    @Test func recordsMalformedLineAndStartsBody() {
        let message = MailMessage.parse(crlf("Subject: x\nthis is not a header\nmore\n"))
        #expect(message.subject == "x")
        #expect(message.textBody == "this is not a header\nmore")
        #expect(message.defects.contains(.malformedHeaderLine("this is not a header")))
    }

    @Test func messageWithoutHeadersIsAllBody() {
        let message = MailMessage.parse(crlf("Hello there\nsecond line"))
        #expect(message.headers.isEmpty)
        #expect(message.textBody == "Hello there\nsecond line")
        #expect(message.defects.contains(.noHeaders))
    }

    @Test func emptyInputIsHarmless() {
        let message = MailMessage.parse([UInt8]())
        #expect(message.subject == nil)
        #expect(message.textBody.isEmpty)
        #expect(message.newText.isEmpty)
        #expect(message.contentType == "text/plain")
    }

    @Test func headerCountLimitRecordsDefect() {
        let lines = (0..<50).map { "X-H\($0): v" }.joined(separator: "\n")
        let limits = ParseLimits(maxNestingDepth: 5, maxHeaderCount: 10, maxHeaderLength: 1_000, maxLineLength: 1_000, maxParts: 10)
        let message = MailMessage.parse(crlf(lines + "\nSubject: late\n\nbody"), limits: limits)
        #expect(message.headers.count == 10)
        #expect(message.defects.contains(.headerCountLimitExceeded(limit: 10)))
        #expect(message.textBody == "body")
    }

    @Test func headerLengthLimitTruncates() {
        let limits = ParseLimits(maxNestingDepth: 5, maxHeaderCount: 10, maxHeaderLength: 100, maxLineLength: 1_000, maxParts: 10)
        let long = String(repeating: "a", count: 500)
        let message = MailMessage.parse(crlf("Subject: \(long)\n \(long)\n\nbody"), limits: limits)
        #expect(message.subject?.count == 100)
        #expect(message.defects.contains(.headerLengthLimitExceeded(name: "Subject", limit: 100)))
    }

    @Test func headerFieldsInitialiserAndLookup() {
        let fields = HeaderFields([HeaderField(name: "A", value: "1"), HeaderField(name: "a", value: "2")])
        #expect(fields["a"] == "1")
        #expect(fields.values("A") == ["1", "2"])
        #expect(fields.decoded("missing") == nil)
    }

    @Test func eightBitFieldNameDoesNotEndTheHeader() {
        let message = MailMessage.parse(bytes("X-T{E9}st: value\nSubject: still a header\n\nbody"))
        #expect(message.subject == "still a header")
        #expect(message.headers.count == 2)
        #expect(message.textBody == "body")
    }

    @Test func comments_are_skipped_alike_and_deep_nesting_ends_the_field() {
        let deep = String(repeating: "(", count: 5_000) + "x" + String(repeating: ")", count: 5_000)
        let message = MailMessage.parse(
            "From: (the (boss) says \\(sic\\)) Anna <anna@example.hu> (Budapest)\r\n"
                + "Message-ID: (gateway (id)) <abc@example.hu>\r\n"
                + "Content-Type: text/plain (plain (old)) ; charset=utf-8\r\n"
                + "In-Reply-To: \(deep) <lost@example.hu>\r\n"
                + "Cc: \(deep) <lost@example.hu>\r\n\r\nbody")
        #expect(message.from.map(\.address) == ["anna@example.hu"])
        #expect(message.messageID == "<abc@example.hu>")
        #expect(message.contentType == "text/plain")
        #expect(message.inReplyTo.count <= 1)
        #expect(message.cc.isEmpty, "nesting past the cap swallows the rest of the field")
        #expect(message.textBody == "body")
    }
}
