import MailMessage
import Testing
@testable import TicketCore

/// Header values as the servers write them (folded lines kept where the header was folded).
enum AuthenticationSamples {
    static let gmail = """
        mx.google.com;
               dkim=pass header.i=@example.com header.s=20230601 header.b=Qx7yZ3aB;
               arc=pass (i=1 spf=pass spfdomain=example.com dkim=pass dkdomain=example.com dmarc=pass fromdomain=example.com);
               spf=pass (google.com: domain of anna@example.com designates 209.85.220.41 as permitted sender) smtp.mailfrom=anna@example.com;
               dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=example.com
        """
    static let microsoft365 = """
        spf=pass (sender IP is 40.107.22.53)
         smtp.mailfrom=example.com; dkim=pass (signature was verified)
         header.d=example.com;dmarc=pass action=none
         header.from=example.com;compauth=pass reason=100
        """
    static let rspamd = """
        mx.example.com;
        \tdkim=pass header.d=example.com header.s=dkim header.b=kX3n2p1a;
        \tspf=pass (mx.example.com: domain of "anna@example.com" designates 192.0.2.10 as permitted sender) smtp.mailfrom="anna@example.com";
        \tdmarc=pass reason="SPF not aligned (relaxed)" header.from=example.com (policy=reject)
        """
    static let rspamdFail = """
        mx.example.com;
        \tdkim=fail ("headers rsa verify failed") header.d=example.com header.s=dkim header.b=kX3n2p1a;
        \tspf=fail (mx.example.com: domain of anna@example.com does not designate 203.0.113.9 as permitted sender) smtp.mailfrom=anna@example.com;
        \tdmarc=fail reason="No valid SPF, No valid DKIM" header.from=example.com (policy=reject)
        """
    static let openDKIM = """
        mx.example.com;
        \tdkim=pass (2048-bit key; unprotected) header.d=example.com header.i=@example.com header.a=rsa-sha256 header.s=mail header.b=Ab12Cd34;
        \tdkim-atps=neutral
        """
    static let openDMARC = "mx.example.com; dmarc=pass (p=reject dis=none) header.from=example.com"
    static let openDMARCNone = "mx.example.com; dmarc=none (p=none dis=none) header.from=example.com"
    static let nothingChecked = "mx.example.com; none"
}

@Suite("Authentication-Results reader")
struct AuthenticationResultsReaderTests {
    @Test func readsGmail() throws {
        let results = try AuthenticationResults(parsing: AuthenticationSamples.gmail)
        #expect(results.authservID == "mx.google.com")
        #expect(results.results.map(\.method) == ["dkim", "arc", "spf", "dmarc"])
        #expect(results.results.map(\.result) == ["pass", "pass", "pass", "pass"])
        #expect(results.results[0].properties == ["header.i": "@example.com", "header.s": "20230601", "header.b": "Qx7yZ3aB"])
        #expect(results.results[1].properties.isEmpty)
        #expect(results.results[2].properties["smtp.mailfrom"] == "anna@example.com")
        #expect(results.results[3].properties["header.from"] == "example.com")
    }

    @Test func readsMicrosoft365WhichNamesNoAuthservID() throws {
        let results = try AuthenticationResults(parsing: AuthenticationSamples.microsoft365)
        #expect(results.authservID == "")
        #expect(!results.isFrom(""))
        #expect(results.results.map(\.method) == ["spf", "dkim", "dmarc", "compauth"])
        #expect(results.results[2].properties == ["action": "none", "header.from": "example.com"])
        #expect(results.results[3].reason == "100")
    }

    @Test func readsRspamd() throws {
        let results = try AuthenticationResults(parsing: AuthenticationSamples.rspamd)
        #expect(results.authservID == "mx.example.com")
        #expect(results.results[1].properties["smtp.mailfrom"] == "anna@example.com")
        #expect(results.results[2].reason == "SPF not aligned (relaxed)")
        #expect(results.results[2].properties["header.from"] == "example.com")
        let failed = try AuthenticationResults(parsing: AuthenticationSamples.rspamdFail)
        #expect(failed.results.map(\.result) == ["fail", "fail", "fail"])
        #expect(failed.results[2].reason == "No valid SPF, No valid DKIM")
    }

    @Test func readsOpenDKIMAndOpenDMARC() throws {
        let dkim = try AuthenticationResults(parsing: AuthenticationSamples.openDKIM)
        #expect(dkim.results.map(\.method) == ["dkim", "dkim-atps"])
        #expect(dkim.results[0].properties["header.a"] == "rsa-sha256")
        let dmarc = try AuthenticationResults(parsing: AuthenticationSamples.openDMARC)
        #expect(dmarc.results == [.init(method: "dmarc", result: "pass", properties: ["header.from": "example.com"])])
    }

    @Test func readsNoneVersionsAndMethodVersions() throws {
        #expect(try AuthenticationResults(parsing: AuthenticationSamples.nothingChecked) == .init(authservID: "mx.example.com", results: []))
        let versioned = try AuthenticationResults(parsing: "mx.example.com 1; dkim/1=pass header.d=example.com")
        #expect(versioned.version == 1)
        #expect(versioned.results[0].methodVersion == 1)
        let quoted = try AuthenticationResults(parsing: "\"mx.example.com\" (our MX); DKIM=PASS (good (nested) comment \\) still) HEADER.D=Example.COM;")
        #expect(quoted.authservID == "mx.example.com")
        #expect(quoted.results == [.init(method: "dkim", result: "pass", properties: ["header.d": "Example.COM"])])
    }

    @Test func foldedLinesAreWhiteSpace() throws {
        let folded = try AuthenticationResults(parsing: "mx.example.com;\r\n\tdmarc=pass\r\n header.from=example.com")
        #expect(folded.results[0].properties["header.from"] == "example.com")
    }

    @Test(arguments: [
        ("", AuthenticationResultsError.empty),
        ("   (just a comment)  ", .empty),
        ("mx.example.com", .missingResults),
        ("mx.example.com;", .missingResults),
        ("mx.example.com; dkim", .malformedResult("dkim")),
        ("mx.example.com; dkim=", .malformedResult("dkim=")),
        ("mx.example.com; =pass", .malformedResult("=pass")),
        ("mx.example.com; dkim/x=pass", .malformedResult("dkim/x=pass")),
        ("mx.example.com; dkim=pass header.d", .malformedProperty("header.d")),
        ("mx.example.com; dkim=pass header.d=", .malformedProperty("header.d=")),
        ("mx.example.com; dkim=pass (unterminated", .unterminatedComment),
        ("mx.example.com; dkim=pass reason=\"unterminated", .unterminatedQuotedString),
        ("mx.example.com; dkim=pass (escaped at the end\\", .unterminatedComment),
        ("mx.example.com extra; dkim=pass", .unexpectedCharacter(offset: 15)),
        ("mx.example.com; dkim=pass header.d=example.com) stray", .malformedProperty(") stray")),
        ("mx.example.com; none; dkim=pass", .malformedResult("none")),
    ])
    func malformedHeadersAreErrors(value: String, error: AuthenticationResultsError) {
        #expect(throws: error) { try AuthenticationResults(parsing: value) }
    }

    /// Hostile shapes finish quickly and never trap.
    @Test func hostileInputNeverTraps() {
        let inputs = [
            String(repeating: "(", count: 100_000), String(repeating: "\"", count: 10_001), String(repeating: ";", count: 50_000),
            "mx; " + String(repeating: "a=b ", count: 20_000), "mx; dkim=pass " + String(repeating: "\\", count: 999),
            String(repeating: "\u{0}", count: 100), "mx;\u{FFFD}=\u{1F600}", "mx; dkim=pass header.d=\u{301}",
        ]
        for input in inputs {
            _ = try? AuthenticationResults(parsing: input)
        }
        for prefix in 0...AuthenticationSamples.gmail.utf8.count {
            _ = try? AuthenticationResults(parsing: String(decoding: AuthenticationSamples.gmail.utf8.prefix(prefix), as: UTF8.self))
        }
    }
}

@Suite("Authentication-Results verifier")
struct AuthenticationResultsVerifierTests {
    let verifier = AuthenticationResultsVerifier(authservID: "MX.example.com")

    func check(_ values: [String], domain: String = "example.com") -> AuthenticationCheck {
        verifier.check(headerValues: values, domain: domain)
    }

    @Test func ourDMARCPassCounts() {
        #expect(check([AuthenticationSamples.rspamd]) == .passed(.dmarc))
        #expect(check([AuthenticationSamples.openDMARC]) == .passed(.dmarc))
        #expect(check([AuthenticationSamples.rspamd], domain: "EXAMPLE.COM.") == .passed(.dmarc))
    }

    @Test func ourDKIMPassForTheDomainCounts() {
        #expect(check([AuthenticationSamples.openDKIM]) == .passed(.dkim))
        #expect(check(["mx.example.com; dmarc=fail header.from=example.com; dkim=pass header.d=example.com"]) == .passed(.dkim))
        // Gmail-style: only header.i.
        #expect(check(["mx.example.com; dkim=pass header.i=@example.com header.s=s1"]) == .passed(.dkim))
        // A signature of a mailing list or an ESP elsewhere does not vouch for the staff domain.
        #expect(check(["mx.example.com; dkim=pass header.d=sendgrid.net header.i=@example.com"]).isPassed == false)
    }

    @Test func dkimOrDMARCForAnotherDomainDoesNotCount() {
        let otherDomain = "mx.example.com; dkim=pass header.d=evil.example; dmarc=pass header.from=evil.example"
        #expect(check([otherDomain]) == .notPassed(domain: "example.com", found: "dkim=pass header.d=evil.example, dmarc=pass header.from=evil.example"))
        #expect(check(["mx.example.com; dkim=pass header.d=mail.example.com"]).isPassed == false)
        #expect(check(["mx.example.com; dkim=pass header.d=example.com"], domain: "sub.example.com").isPassed == false)
        #expect(check(["mx.example.com; dmarc=pass header.from=example.com.evil.example"]).isPassed == false)
        #expect(check(["mx.example.com; dkim=pass"]).isPassed == false)
    }

    @Test func failuresAndNeutralResultsDoNotCount() {
        #expect(check([AuthenticationSamples.rspamdFail]).isPassed == false)
        #expect(check([AuthenticationSamples.openDMARCNone]).isPassed == false)
        #expect(check([AuthenticationSamples.nothingChecked]) == .notPassed(domain: "example.com", found: ""))
        #expect(check(["mx.example.com; spf=pass smtp.mailfrom=example.com"]).isPassed == false)
        #expect(check(["mx.example.com; dkim=neutral header.d=example.com; dmarc=temperror header.from=example.com"]).isPassed == false)
    }

    @Test func noHeaderIsUnverified() {
        #expect(check([]) == .noHeader)
    }

    @Test func aForgedHeaderAboveOursIsUnverified() {
        let forged = "evil.example; dmarc=pass header.from=example.com"
        #expect(check([forged, AuthenticationSamples.openDMARC]) == .topmostIsForeign("evil.example"))
    }

    @Test func onlyTheTopmostOfOursCounts() {
        // Ours says fail; the sender wrote a pass in our name further down.
        #expect(check([AuthenticationSamples.rspamdFail, AuthenticationSamples.openDMARC]).isPassed == false)
        // OpenDMARC above OpenDKIM: the DMARC verdict on top decides, the DKIM pass below does not help.
        #expect(check([AuthenticationSamples.openDMARCNone, AuthenticationSamples.openDKIM]).isPassed == false)
        #expect(check([AuthenticationSamples.openDMARC, AuthenticationSamples.rspamdFail]) == .passed(.dmarc))
    }

    @Test func anotherAuthservIDIsUnverified() {
        #expect(check([AuthenticationSamples.gmail]) == .topmostIsForeign("mx.google.com"))
        #expect(check([AuthenticationSamples.microsoft365]) == .topmostIsForeign(""))
        #expect(check(["mx.example.com.evil.example; dmarc=pass header.from=example.com"]).isPassed == false)
        #expect(check(["example.com; dmarc=pass header.from=example.com"]).isPassed == false)
        #expect(AuthenticationResultsVerifier(authservID: "").check(headerValues: ["; dmarc=pass header.from=example.com"], domain: "example.com")
            == .topmostIsForeign(""))
    }

    @Test func aMalformedTopmostIsUnverifiedEvenAboveAGoodOne() {
        #expect(check(["mx.example.com; dmarc=pass (", AuthenticationSamples.openDMARC]) == .malformed(.unterminatedComment))
    }

    @Test func readsTheMessageHeadersTopFirst() {
        let message = mail([
            "Authentication-Results: mx.example.com; dmarc=pass (p=reject dis=none) header.from=example.com",
            "Received: from mail.example.com by mx.example.com",
            "Authentication-Results: mx.example.com; dmarc=fail header.from=example.com",
            "From: Anna <anna@example.com>",
        ])
        #expect(verifier.check(message, domain: "example.com") == .passed(.dmarc))
    }

    @Test func reasonsAreReadable() {
        #expect(AuthenticationCheck.topmostIsForeign("evil.example").reason
            == "the topmost Authentication-Results header is by evil.example, not our authserv-id")
        #expect(check([AuthenticationSamples.rspamdFail]).reason
            == "Authentication-Results show no dmarc or dkim pass for example.com (dkim=fail header.d=example.com, dmarc=fail header.from=example.com)")
    }
}
