import Foundation
import Testing
@testable import MailTransport

@Suite("IMAP response framing and FETCH parsing")
struct IMAPParsingTests {
    @Test("responses split at any byte boundary keep literals byte-exact")
    func framerAcrossChunks() throws {
        let body = Array("Subject: hi\r\n\r\nline with {5}\r\n\u{00FF}\r\n".utf8)
        let stream = Array("* 1 FETCH (UID 7 BODY[] {\(body.count)}\r\n".utf8) + body + Array(")\r\nT1 OK done\r\n".utf8)
        for chunk in [1, 3, 7, 64, stream.count] {
            var framer = IMAPResponseFramer()
            var responses: [IMAPResponse] = []
            var offset = 0
            while offset < stream.count {
                framer.append(stream[offset..<min(offset + chunk, stream.count)])
                offset += chunk
                while let response = try framer.next() { responses.append(response) }
            }
            #expect(responses.count == 2)
            #expect(responses[0].literals == [body])
            #expect(responses[1].status == "OK")
            let message = try #require(IMAPFetchParser.message(from: responses[0]))
            #expect(message.uid == 7)
            #expect(message.bytes == body)
        }
    }

    @Test("a literal above the limit is refused")
    func literalLimit() {
        var framer = IMAPResponseFramer(maxLiteralSize: 10)
        framer.append(Array("* 1 FETCH (BODY[] {11}\r\n".utf8))
        #expect(throws: IMAPFramingError.literalTooLarge(11)) { try framer.next() }
    }

    @Test("FETCH with INTERNALDATE, flags and the body in any order")
    func fetchItems() throws {
        var framer = IMAPResponseFramer()
        framer.append(Array("* 3 FETCH (FLAGS (\\Seen) INTERNALDATE \" 2-Nov-2026 16:21:07 +0100\" BODY[] {2}\r\nab UID 42)\r\n".utf8))
        let response = try #require(try framer.next())
        let message = try #require(IMAPFetchParser.message(from: response))
        #expect(message.uid == 42)
        #expect(message.bytes == Array("ab".utf8))
        // 2026-11-02 15:21:07 UTC
        #expect(message.internalDate == Date(timeIntervalSince1970: 1_793_632_867))
    }

    @Test("INTERNALDATE parsing, including negative zones and leap days")
    func internalDates() {
        #expect(IMAPFetchParser.parseInternalDate("01-Jan-1970 00:00:00 +0000") == Date(timeIntervalSince1970: 0))
        #expect(IMAPFetchParser.parseInternalDate("29-Feb-2024 23:59:59 -0130") == Date(timeIntervalSince1970: 1_709_251_199 + 5400))
        #expect(IMAPFetchParser.parseInternalDate("garbage") == nil)
    }

    @Test("UID sets are compact ranges")
    func sequenceSets() {
        #expect(IMAPSession.sequenceSet([9, 1, 2, 3, 7, 10, 3]) == "1:3,7,9:10")
        #expect(IMAPSession.sequenceSet([5]) == "5")
        #expect(IMAPSession.bracketNumber("UIDNEXT", in: "* OK [UIDNEXT 4392] Predicted next UID") == 4392)
    }
}

@Suite("SMTP replies")
struct SMTPReplyTests {
    @Test("the last 4xx/5xx reply is quoted whole, multi-line replies joined")
    func lastFailure() {
        let lines = [
            "220 mx ESMTP", "250-mx", "250 8BITMIME", "250 2.1.0 Ok",
            "550-5.1.1 The email account that you tried to reach does not exist.",
            "550 5.1.1 Please try double-checking the recipient's address",
        ]
        let reply = SMTPReply.lastFailure(in: lines)
        #expect(reply?.code == 550)
        #expect(reply?.text == "550 5.1.1 The email account that you tried to reach does not exist.; 5.1.1 Please try double-checking the recipient's address")
        #expect(SMTPReply.lastFailure(in: ["250 ok"]) == nil)
    }

    @Test("server lines are captured across chunk boundaries")
    func serverLines() {
        let lines = ServerLines()
        for piece in ["451 4.7.1 Grey", "listed\r\n250 o", "k\r\n"] {
            Array(piece.utf8).withUnsafeBytes { lines.append($0) }
        }
        #expect(lines.lines == ["451 4.7.1 Greylisted", "250 ok"])
        #expect(lines.lastRefusal == "451 4.7.1 Greylisted")
        let imap = ServerLines()
        Array("* OK ready\r\nA001 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n".utf8).withUnsafeBytes { imap.append($0) }
        #expect(imap.lastRefusal == "A001 NO [AUTHENTICATIONFAILED] Authentication failed.")
    }
}

@Suite("Backoff and server health")
struct BackoffTests {
    @Test("doubling from the base, capped, with jitter inside the bounds")
    func exponential() {
        let backoff = Backoff(base: 5, cap: 60, jitter: 0.5)
        #expect(backoff.delay(afterFailures: 1, random: 1) == 5)
        #expect(backoff.delay(afterFailures: 3, random: 1) == 20)
        #expect(backoff.delay(afterFailures: 10, random: 1) == 60)
        #expect(backoff.delay(afterFailures: 10, random: 0) == 30)
        #expect(backoff.delay(afterFailures: 0, random: 1) == 0)
        for _ in 0..<100 {
            let delay = backoff.delay(afterFailures: 2, random: Double.random(in: 0...1))
            #expect(delay >= 5 && delay <= 10)
        }
    }

    @Test("a spread on both sides of 1 scales the capped delay")
    func spread() {
        let backoff = Backoff(base: 60, cap: 3600, spread: 0.8...1.2)
        #expect(backoff.delay(afterFailures: 1, random: 0) == 48)
        #expect(backoff.delay(afterFailures: 1, random: 1) == 72)
        #expect(backoff.delay(afterFailures: 7, random: 0.5) == 3600)
        #expect(backoff.delay(afterFailures: 40, random: 1) == 4320)
    }

    @Test("one change per transition: down once, up once; no attempt before the retry time")
    func transitions() {
        var health = ServerHealth(backoff: Backoff(base: 10, cap: 100, jitter: 1))
        let error = TransportError.unreachable(server: "imap://x", reason: "refused")
        #expect(health.shouldAttempt(now: 0))
        #expect(health.recordFailure(error, now: 0, random: 1) == .wentDown(retryIn: 10))
        #expect(!health.shouldAttempt(now: 9.9))
        #expect(health.shouldAttempt(now: 10))
        #expect(health.recordFailure(error, now: 10, random: 1) == .stillDown(retryIn: 20))
        #expect(health.recordSuccess() == .cameUp(after: 2))
        #expect(health.recordSuccess() == .stillUp)
        #expect(health.shouldAttempt(now: 0))
    }
}

@Suite("XOAUTH2 tokens")
struct OAuthTokenTests {
    @Test("bare tokens and JSON with expires_in")
    func parsing() {
        let now = Date(timeIntervalSince1970: 1000)
        #expect(OAuthToken.parse("ya29.abc\n", now: now) == OAuthToken(value: "ya29.abc", expires: nil))
        #expect(OAuthToken.parse(#"{"access_token":"t1","expires_in":3600}"#, now: now) == OAuthToken(value: "t1", expires: now + 3600))
        #expect(OAuthToken.parse("  \n", now: now) == nil)
        #expect(OAuthToken.parse(#"{"error":"nope"}"#, now: now) == nil)
    }

    @Test("a command's token is cached until shortly before it expires, and refetched after invalidate()")
    func commandRefresh() throws {
        let counter = NSTemporaryDirectory() + "oauth-counter-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: counter) }
        let command = #"n=$(cat \#(counter) 2>/dev/null || echo 0); n=$((n+1)); echo $n > \#(counter); echo "{\"access_token\":\"tok-$n\",\"expires_in\":120}""#
        let provider = OAuthTokenProvider(source: .command(command))
        let start = Date()
        #expect(try provider.token(now: start) == "tok-1")
        #expect(try provider.token(now: start + 30) == "tok-1")
        #expect(try provider.token(now: start + 61) == "tok-2", "refreshed 60 s before expiry")
        provider.invalidate()
        #expect(try provider.token(now: start + 62) == "tok-3")
    }

    @Test("a token file is read at every login; a missing one is an authentication error")
    func file() throws {
        let path = NSTemporaryDirectory() + "oauth-file-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let provider = OAuthTokenProvider(source: .file(path))
        #expect(throws: TransportError.self) { try provider.token() }
        try "first\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try provider.token() == "first")
        try "second\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try provider.token() == "second")
    }
}

@Suite("Endpoint defaults")
struct EndpointTests {
    @Test("TLS is required unless asked otherwise; transfer options have defaults")
    func defaults() {
        let endpoint = MailServerEndpoint(url: URL(string: "imaps://mail.example.com/Support%20Desk")!)
        #expect(endpoint.tls == .required)
        #expect(endpoint.usesImplicitTLS)
        #expect(endpoint.mailboxName == "Support Desk")
        #expect(endpoint.batchSize == 100)
        #expect(endpoint.spamFolder == "Spam")
        #expect(endpoint.authentication == .password)
        #expect(MailServerEndpoint(url: URL(string: "smtp://127.0.0.1:25")!).usesImplicitTLS == false)
    }
}
