import BusinessTime
import Testing
import TicketCore
@testable import TicketConfig

@Suite("[assignment] and [[absence]] standin")
struct AssignmentConfigTests {
    /// The minimal config takes 14 lines: `extra` starts on line 15.
    func load(_ extra: String) throws(ConfigError) -> LoadedConfig {
        try ConfigLoader.parse(source: ConfigLoaderTests.minimal + "\n" + extra, path: "t.toml")
    }

    func issues(_ extra: String) -> [ConfigIssue] {
        do {
            _ = try load(extra)
            return []
        } catch {
            return error.issues
        }
    }

    static let staff = """
        [[staff]]
        address = "anna@example.com"
        queues = ["support", "billing"]

        [[staff]]
        address = "piotr@example.com"
        """

    @Test func noneByDefault() throws {
        let assignment = try load("").config.assignment
        #expect(assignment == AssignmentSettings())
        #expect(assignment.policy(forQueue: "support") == AssignmentPolicy.none)
    }

    @Test func readsPoliciesPerQueue() throws {
        let loaded = try load(Self.staff + """

            [assignment]
            policy = "least_loaded"

            [assignment.queue.Billing]
            policy = "round_robin"

            [assignment.queue.support]
            policy = "none"
            """)
        let assignment = loaded.config.assignment
        #expect(assignment.policy == .leastLoaded)
        #expect(assignment.queuePolicies == ["billing": .roundRobin, "support": AssignmentPolicy.none])
        #expect(assignment.policy(forQueue: "billing") == .roundRobin)
        #expect(assignment.policy(forQueue: "field") == .leastLoaded)
        #expect(!loaded.warnings.contains { $0.message.contains("unknown key") }, "\(loaded.warnings)")
    }

    @Test func readsStandInsBesideTheAbsences() throws {
        let loaded = try load(Self.staff + """

            [[absence]]
            staff = "anna@example.com"
            from = "2025-03-10"
            to = "2025-03-14"
            standin = "Piotr@Example.com"

            [[absence]]
            staff = "piotr@example.com"
            from = "2025-03-20"
            to = "2025-03-20"
            """)
        let config = loaded.config
        let first = try LocalDate(parsing: "2025-03-10"), last = try LocalDate(parsing: "2025-03-14")
        #expect(config.promises.absences.count == 2)
        let standIn = try StandIn(for: AbsenceCalendar.Absence(agent: "anna@example.com", from: first, through: last), standIn: "piotr@example.com")
        #expect(config.assignment.standIns == [standIn])
        #expect(!loaded.warnings.contains { $0.message.contains("unknown key") }, "\(loaded.warnings)")
    }

    @Test func errorsPointAtTheLine() {
        let found = issues(Self.staff + """

            [assignment]
            policy = "first_come"
            queue = "support"

            [[absence]]
            staff = "anna@example.com"
            from = "2025-03-10"
            to = "2025-03-14"
            standin = "mallory@example.com"

            [[absence]]
            staff = "anna@example.com"
            from = "2025-03-17"
            to = "2025-03-17"
            standin = "ANNA@example.com"
            """)
        #expect(found.contains { $0.line == 22 && $0.message == #"assignment policy 'first_come' is not one of "none", "round_robin", "least_loaded""# }, "\(found)")
        #expect(found.contains { $0.line == 23 && $0.message.contains("write [assignment.queue.NAME]") }, "\(found)")
        #expect(found.contains { $0.line == 29 && $0.message.contains("stand-in 'mallory@example.com' is not on the staff") }, "\(found)")
        #expect(found.contains { $0.line == 35 && $0.message.contains("anna@example.com cannot stand in for themselves") }, "\(found)")
        #expect(found.allSatisfy { $0.description.hasPrefix("t.toml:\($0.line):") })
    }

    @Test func aQueuePolicyErrors() {
        let found = issues("""
            [assignment.queue.nowhere]
            policy = "least_loaded"

            [assignment.queue.support]
            policy = 3
            """)
        #expect(found.contains { $0.line == 15 && $0.message.hasPrefix("unknown queue 'nowhere': known queues are 'support'") }, "\(found)")
        #expect(found.contains { $0.line == 19 && $0.message == "'policy' must be a string" }, "\(found)")
    }

    @Test func unknownKeysAreWarnedAbout() throws {
        let loaded = try load("[assignment]\npolicy = \"round_robin\"\nweights = 2\n\n[assignment.queue.support]\npolicy = \"none\"\norder = 1")
        #expect(loaded.warnings.contains { $0.line == 17 && $0.message.contains("'weights'") }, "\(loaded.warnings)")
        #expect(loaded.warnings.contains { $0.line == 21 && $0.message.contains("'order'") }, "\(loaded.warnings)")
    }
}
