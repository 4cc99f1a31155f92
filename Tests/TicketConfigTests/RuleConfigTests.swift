import Foundation
import Testing
import TicketCore
@testable import TicketConfig

@Suite("[[rule]] config")
struct RuleConfigTests {
    /// The minimal config with a `billing` queue, a staff address and a request type.
    static let base = ConfigLoaderTests.minimal.replacingOccurrences(of: "poll_interval = \"60s\"", with: """
        poll_interval = "60s"
        staff = ["anna@example.com"]
        """) + """

        [sla.queue.billing]
        first_response = "4h"

        [request_type.invoice]
        title = { en = "Invoice" }
        steps = [{ name = "review", owner = "billing", due = "1bd" }]
        """

    func issues(_ source: String) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.parse(source: source, path: "t.toml")
            return []
        } catch {
            return error.issues
        }
    }

    /// The line numbers of `needle`'s first occurrence in `source`, from 1.
    func line(of needle: String, in source: String) -> Int {
        (source.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    @Test func rulesAreCompiledInFileOrder() throws {
        let source = Self.base + """

            [[rule]]
            name = "Hungarian invoices"            # unique
            match = "all"
            conditions = [
              { field = "subject", contains = "számla" },
              { field = "from", matches = "*@bigcustomer.example" },   # glob
              { field = "body", regex = "(?i)invoice|faktura" },
              { header = "X-Priority", is = "1" },
            ]
            queue = "billing"
            priority = "high"
            request_type = "invoice"
            assign = "Anna@example.com"
            language = "hu"
            stop = true

            [[rule]]
            name = "newsletter"
            conditions = [{ header = "List-Id", contains = "news", not = false }]
            drop = "newsletter"
            """
        let config = try ConfigLoader.parse(source: source, path: "t.toml").config
        #expect(config.rules.rules.map(\.name) == ["Hungarian invoices", "newsletter"])
        #expect(config.rules.rules[0].actions == RuleActions(
            queue: "billing", priority: .high, requestType: "invoice", assign: "anna@example.com", language: "hu", stop: true))
        let evaluation = config.rules.evaluate(RuleSubject(
            from: ["peter@bigcustomer.example"], subject: "Számla", body: "the invoice", queue: "support", headers: ["X-Priority": ["1"]]))
        #expect(evaluation.result.queue == "billing")
    }

    @Test func noRulesIsAnEmptySet() throws {
        #expect(try ConfigLoader.parse(source: Self.base, path: "t.toml").config.rules.rules.isEmpty)
    }

    @Test func aBadRegexIsReportedAtItsConditionWithTheEnginesMessage() {
        let source = Self.base + """

            [[rule]]
            name = "r"
            conditions = [
              { field = "subject", contains = "x" },
              { field = "body", regex = "(unclosed" },
            ]
            """
        let found = issues(source)
        #expect(found.count == 1)
        #expect(found.first?.line == line(of: "(unclosed", in: source))
        #expect(found.first?.column == 21)
        #expect(found.first?.message == "rule 'r': invalid regex '(unclosed': missing closing parenthesis at offset 9")
    }

    @Test func conditionsOnOneLineAreToldApart() {
        let source = Self.base + """

            [[rule]]
            name = "first"

            [[rule]]
            name = "r"
            conditions = [{ field = "subject", is = "a" }, { fielt = "subject", is = "b" }]
            """
        let found = issues(source)
        #expect(found.map(\.line) == [line(of: "fielt", in: source)])
        #expect(found.first?.column == 50)
        #expect(found.first?.message.hasPrefix("rule 'r': unknown key 'fielt' in a condition") == true)
    }

    @Test func everyKindOfMistakeIsReportedAtItsLine() {
        let source = Self.base + """

            [[rule]]
            name = "a"
            conditions = [{ field = "sender", is = "x" }]
            queue = "nowhere"

            [[rule]]
            name = "a"
            priority = "asap"
            request_type = "refund"
            assign = "stranger@example.com"
            colour = "red"

            [[rule]]
            name = "c"
            conditions = [
              { field = "subject", is = "a" },
              { field = "subject", is = "b" },
            ]
            """
        let found = issues(source)
        let expected: [(String, String)] = [
            ("field = \"sender\"", "rule 'a': unknown field 'sender'"),
            ("name = \"a\"\npriority", "rule 'a': the name 'a' is already used by rule #1"),
            ("colour", "rule 'a': unknown key 'colour'"),
            ("priority = \"asap\"", "rule 'a': 'priority' must be low, normal, high, urgent"),
            ("{ field = \"subject\", is = \"b\" }", "rule 'c': can never match"),
        ]
        #expect(found.count == expected.count)
        for ((needle, message), issue) in zip(expected, found) {
            let firstLine = needle.components(separatedBy: "\n")[0]
            let lines = source.components(separatedBy: "\n")
            let candidates = lines.indices.filter { lines[$0].contains(firstLine) }.map { $0 + 1 }
            #expect(candidates.contains(issue.line), "\(issue) should be at a line with \(firstLine)")
            #expect(issue.message.hasPrefix(message), "\(issue)")
        }
    }

    @Test func unknownQueueRequestTypeAndStaffAreReported() {
        let source = Self.base + """

            [[rule]]
            name = "r"
            queue = "nowhere"
            request_type = "refund"
            assign = "stranger@example.com"
            """
        let found = issues(source)
        #expect(found.map(\.line) == [line(of: "nowhere", in: source), line(of: "refund", in: source), line(of: "stranger", in: source)])
        #expect(found.map(\.message) == [
            "rule 'r': unknown queue 'nowhere': known queues are 'billing', 'support'; add it as a [[mailbox]] queue, an [sla.queue.nowhere] section or to a [[staff]] entry's queues",
            "rule 'r': unknown request type 'refund': define it as [request_type.refund]",
            "rule 'r': 'stranger@example.com' is not a staff address: add a [[staff]] entry for it or list it in daemon.staff",
        ])
    }

    @Test func ruleMustBeAnArrayOfTables() {
        let found = issues("rule = \"x\"\n" + Self.base)
        #expect(found.map(\.message) == ["'rule' must be an array of tables: write [[rule]]"])
    }
}
