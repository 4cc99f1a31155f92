import BusinessTime
import Foundation
import Testing
import TicketCore
@testable import TicketConfig

@Suite("[request_type.NAME] config")
struct RequestTypeConfigTests {
    static let staff = """
        [[staff]]
        address = "fero@example.com"
        skills = ["field"]
        """

    func load(_ extra: String) throws(ConfigError) -> LoadedConfig {
        try ConfigLoader.parse(source: ConfigLoaderTests.minimal + "\n" + Self.staff + "\n" + extra, path: "t.toml")
    }

    /// Each problem as "LINE:COL message" (lines counted in `extra`).
    func issues(_ extra: String) -> [String] {
        let offset = (ConfigLoaderTests.minimal + "\n" + Self.staff + "\n").split(separator: "\n", omittingEmptySubsequences: false).count - 1
        do {
            _ = try load(extra)
            return []
        } catch {
            return error.issues.map { "\($0.line - offset):\($0.column) \($0.message)" }
        }
    }

    @Test func readsADeviceSwap() throws {
        let config = try load("""
            [request_type.device_swap]
            title = { en = "Device replacement", hu = "Eszközcsere", pl = "Wymiana urządzenia" }
            steps = [
              { name = "triage", owner = "support", due = "4h" },
              { name = "visit",  owner = "field",   due = "2bd", notify = "visit_scheduled" },
              { name = "done",   owner = "lead",    due = "1bd", notify = "done" },
            ]
            escalate = [{ after = 1.5, to = "boss@example.com" }, { after = 1, to = "lead" }]
            """).config
        let type = try #require(config.requestTypes["device_swap"])
        #expect(type.title(language: "pl") == "Wymiana urządzenia")
        #expect(type.steps == [
            RequestTypeStep(name: "triage", owner: .queue("support"), due: try .businessHours(4)),
            RequestTypeStep(name: "visit", owner: .skill("field"), due: try .businessDays(2), notify: .visitScheduled),
            RequestTypeStep(name: "done", owner: .role(.lead), due: try .businessDays(1), notify: .done),
        ])
        #expect(type.escalation == [try EscalationRung(after: 1, to: .role(.lead)), try EscalationRung(after: 1.5, to: .address("boss@example.com"))])
    }

    /// The commented request types in `config/ticketd.toml`, uncommented, are valid.
    @Test func shippedSamplesAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sample = try String(contentsOf: root.appendingPathComponent("config/ticketd.toml"), encoding: .utf8)
        let section = try #require(sample.range(of: "# --- Request types"))
        let prefixes = ["# [request_type", "# title", "# steps", "#   {", "# ]", "# escalate"]
        let types = sample[section.upperBound...].split(separator: "\n")
            .filter { line in prefixes.contains { line.hasPrefix($0) } }.map { $0.dropFirst(2) }.joined(separator: "\n")
        let config = try load("[sla.queue.billing]\nfirst_response = \"4h\"\n" + types).config
        #expect(config.requestTypes.keys.sorted() == ["device_swap", "invoice_dispute"])
        #expect(config.requestTypes["invoice_dispute"]?.title(language: "hu") == "Számlareklamáció")
    }

    @Test func rulesStillSeeRequestTypes() throws {
        let config = try load("""
            [[rule]]
            name = "swap"
            conditions = [{ field = "subject", contains = "replace" }]
            request_type = "device_swap"

            [request_type.device_swap]
            steps = [{ name = "triage", owner = "support", due = "4h" }]
            """).config
        #expect(config.requestTypes.keys.sorted() == ["device_swap"])
        #expect(config.rules.rules.count == 1)
    }

    struct BadCase: Sendable, CustomStringConvertible {
        var toml: String
        var expected: String
        var description: String { expected }
    }

    @Test(arguments: [
        BadCase(toml: #"steps = [{ name = "a", owner = "nobody", due = "4h" }]"#,
            expected: "2:24 unknown owner 'nobody': use a queue ('support'), a skill of a [[staff]] entry ('field') or a role (agent, lead, manager)"),
        BadCase(toml: #"steps = [{ name = "a", owner = "support" }]"#,
            expected: "2:10 step 'a' has no 'due': give it a business duration such as \"4h\" or \"2bd\""),
        BadCase(toml: #"steps = [{ name = "a", owner = "support", due = "0m" }]"#,
            expected: "2:43 step 'a' has a zero 'due': give it at least a minute, e.g. \"30m\""),
        BadCase(toml: #"steps = [{ name = "a", owner = "support", due = "4x" }]"#,
            expected: "2:43 '4x' is not a duration: use e.g. 30m, 4h, 2bd, 1d"),
        BadCase(toml: #"steps = [{ name = "a", owner = "support", due = "4h" }, { name = "a", owner = "lead", due = "1h" }]"#,
            expected: "2:59 step name 'a' is used twice in [request_type.t]: give each step its own name"),
        BadCase(toml: #"steps = [{ name = "a", owner = "support", due = "4h", notify = "nope" }]"#,
            expected: "2:55 unknown step notice template 'nope': use one of visit_scheduled, done"),
        BadCase(toml: "steps = [{ name = \"a\", owner = \"support\", due = \"4h\" }]\nescalate = [{ after = 0, to = \"lead\" }]",
            expected: "3:15 escalation 'after' = 0.0 is not a share of a step's window: use a number above 0 and at most 10.0, e.g. 1.0 or 1.5"),
        BadCase(toml: "steps = [{ name = \"a\", owner = \"support\", due = \"4h\" }]\nescalate = [{ after = \"soon\", to = \"lead\" }]",
            expected: "3:15 a rung needs 'after': a share of the step's window such as 1.0 or 1.5"),
        BadCase(toml: "steps = [{ name = \"a\", owner = \"support\", due = \"4h\" }]\nescalate = [{ after = 1.0, to = \"nobody\" }]",
            expected: "3:28 escalation target 'nobody' is neither a role (agent, lead, manager) nor a mail address"),
        BadCase(toml: "steps = [{ name = \"a\", owner = \"support\", due = \"4h\" }]\nescalate = [{ after = 1.0, to = \"lead\" }, { after = 1.0, to = \"manager\" }]",
            expected: "3:1 request type 't' escalates twice at 1.0 of a step's window: keep one rung per share"),
        BadCase(toml: "steps = []", expected: "2:1 request type 't' has no steps: give it at least one, e.g. { name = \"triage\", owner = \"support\", due = \"4h\" }"),
    ])
    func problemsAreReportedWhereTheyAre(_ c: BadCase) {
        #expect(issues("[request_type.t]\n" + c.toml) == [c.expected])
    }
}
