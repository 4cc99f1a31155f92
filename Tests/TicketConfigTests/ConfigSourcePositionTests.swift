import Foundation
import Testing
@testable import TicketConfig

/// Warnings and errors point at the line of the key they are about, wherever in the file the key
/// sits: in the second `[[mailbox]]`, in `[sla.queue.NAME]`, under quoted or spaced table names,
/// set by a dotted key, or in a file with CRLF line ends. A file TOML forbids is refused at the
/// offending character.
@Suite("Config source positions")
struct ConfigSourcePositionTests {
    static let head = """
        [daemon]
        timezone = "Europe/Budapest"

        [[mailbox]]
        name = "support"
        url = "imaps://mail.example.com:993/INBOX"
        user = "support@example.com"
        password = "secret"
        address = "support@example.com"

        [smtp]
        url = "smtp://127.0.0.1:25"

        """

    /// Warnings of `source`, or the errors when it is refused.
    func issues(_ source: String) -> [ConfigIssue] {
        do {
            return try ConfigLoader.parse(source: source, path: "t.toml").warnings
        } catch {
            return error.issues
        }
    }

    func line(ofIssueMentioning text: String, in source: String) -> Int? {
        issues(source).first { $0.message.contains(text) }?.line
    }

    @Test("an unknown key in the second [[mailbox]] is reported at its own line")
    func unknownKeyInArrayEntry() {
        let source = Self.head + """
            [[mailbox]]
            name = "sales"
            url = "imaps://mail.example.com:993/Sales"
            user = "sales@example.com"
            password = "secret"
            address = "sales@example.com"
            bogus = 1
            """
        #expect(line(ofIssueMentioning: "'bogus'", in: source) == 19)
    }

    @Test("an unknown key in [sla.queue.NAME] is reported at its own line, whatever the table name looks like", arguments: [
        "[sla.queue.vip]", "[ sla . queue . vip ]", "[sla.queue.\"vip\"]", "[sla.'queue'.vip]  # the VIP line",
    ])
    func unknownKeyInNestedTable(header: String) {
        let source = Self.head + """
            [sla]
            first_response = "4h"

            \(header)
            hours = "24/7"
            bogus = "x"
            """
        #expect(line(ofIssueMentioning: "'bogus'", in: source) == 18, "\(header)")
    }

    @Test("a dotted key is found under its table")
    func dottedKey() {
        let source = Self.head + """
            [sla]
            first_response = "4h"
            queue.vip.bogus = "x"
            """
        #expect(line(ofIssueMentioning: "'bogus'", in: source) == 15)
    }

    @Test("an unknown key in an [[absence]] entry is reported at its own line")
    func unknownKeyInAbsence() {
        let source = Self.head + """
            [[absence]]
            staff = "anna@example.com"
            from = "2026-08-03"
            to = "2026-08-14"
            bogus = true
            """
        #expect(line(ofIssueMentioning: "'bogus'", in: source) == 17)
    }

    @Test("a key inside an array of inline tables points at its entry's line, not 1:1")
    func inlineArrayEntry() {
        let source = """
            # who is away

            absence = [
              { staff = "anna@example.com", from = "2026-08-03", to = "2026-08-14", bogus = true },
            ]

            """ + Self.head
        #expect(line(ofIssueMentioning: "'bogus'", in: source) == 4)
    }

    @Test("CRLF line ends count as line ends")
    func crlf() {
        let source = (Self.head + "[sla]\nfirst_response = \"4h\"\nbogus = 1\n").replacingOccurrences(of: "\n", with: "\r\n")
        let found = issues(source).first { $0.message.contains("'bogus'") }
        #expect(found?.line == 15)
        #expect(found?.column == 1)
    }

    @Test("NUL bytes are refused at their line and column", arguments: [
        ("team_name = \"Sup\u{0}port\"", 14, 17), ("# a comment \u{0}", 14, 13), ("\u{0}", 14, 1),
    ])
    func nulByte(line text: String, line: Int, column: Int) {
        let source = Self.head + "[limits]\n" + text + "\n"
        do {
            _ = try ConfigLoader.parse(source: source, path: "t.toml")
            Issue.record("a config with a NUL byte was accepted")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.line == line && error.issues.first?.column == column, "\(error)")
            #expect(error.issues.first?.message.contains("NUL") == true, "\(error)")
        }
    }
}
