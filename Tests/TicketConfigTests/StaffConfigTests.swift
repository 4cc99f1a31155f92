import Testing
import TicketCore
@testable import TicketConfig

@Suite("[[staff]] and daemon.authserv_id")
struct StaffConfigTests {
    func load(_ extra: String, daemon: String = "") throws(ConfigError) -> LoadedConfig {
        let source = ConfigLoaderTests.minimal.replacingOccurrences(of: "poll_interval = \"60s\"", with: "poll_interval = \"60s\"\n\(daemon)")
            + "\n" + extra
        return try ConfigLoader.parse(source: source, path: "t.toml")
    }

    func issues(_ extra: String, daemon: String = "") -> [ConfigIssue] {
        do {
            _ = try load(extra, daemon: daemon)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func readsEveryKey() throws {
        let config = try load("""
            [[staff]]
            address = "Anna@Example.com"
            name = "Anna Kovács"
            languages = ["hu", "en"]
            skills = ["billing"]
            queues = ["support", "billing"]
            region = "budapest"
            capacity = 8
            role = "lead"
            """).config
        #expect(config.staff.members == [StaffMember(
            address: "anna@example.com", name: "Anna Kovács", languages: ["hu", "en"], skills: ["billing"],
            queues: ["support", "billing"], region: "budapest", capacity: 8, role: .lead)])
        #expect(config.daemon.authservID == nil)
    }

    @Test func plainDaemonStaffAddressesStillCount() throws {
        let config = try load("""
            [[staff]]
            address = "anna@example.com"
            role = "manager"
            """, daemon: "staff = [\"Piotr@example.com\", \"anna@example.com\"]\nauthserv_id = \"mx.example.com\"").config
        #expect(config.staff.members.map(\.address) == ["anna@example.com", "piotr@example.com"])
        #expect(config.staff.member("anna@example.com")?.role == .manager)
        #expect(config.staff.member("piotr@example.com") == StaffMember(address: "piotr@example.com"))
        #expect(config.daemon.staff == ["piotr@example.com", "anna@example.com"])
        #expect(config.daemon.authservID == "mx.example.com")
    }

    @Test func noStaffAtAll() throws {
        #expect(try load("").config.staff.isEmpty)
    }

    @Test func errorsPointAtTheLine() {
        // The minimal config and the inserted daemon line take 15 lines; the extra text starts on line 16.
        let found = issues("""
            [[staff]]
            address = "anna@example.com"
            role = "boss"
            capacity = 0

            [[staff]]
            address = "ANNA@example.com"

            [[staff]]
            address = "not-an-address"

            [[staff]]
            name = "Nobody"
            capacity = "lots"
            """)
        #expect(found.contains { $0.line == 18 && $0.message == "role 'boss' is not one of agent, lead, manager" }, "\(found)")
        #expect(found.contains { $0.line == 19 && $0.message.contains("'capacity' is tickets a business day") }, "\(found)")
        #expect(found.contains { $0.line == 22 && $0.message == "staff address 'anna@example.com' is already used by [[staff]] entry 1" }, "\(found)")
        #expect(found.contains { $0.line == 25 && $0.message == "'not-an-address' is not a mail address" }, "\(found)")
        #expect(found.contains { $0.line == 27 && $0.message == "missing required key 'address' in staff[3]" }, "\(found)")
        #expect(found.contains { $0.line == 29 && $0.message.contains("'capacity'") }, "\(found)")
        #expect(found.allSatisfy { $0.description.hasPrefix("t.toml:\($0.line):") })
    }

    @Test func capacityBounds() {
        #expect(issues("[[staff]]\naddress = \"a@example.com\"\ncapacity = 1000").isEmpty)
        #expect(!issues("[[staff]]\naddress = \"a@example.com\"\ncapacity = 1001").isEmpty)
        #expect(!issues("[[staff]]\naddress = \"a@example.com\"\ncapacity = 2.5").isEmpty)
    }

    @Test func unknownKeysAreWarnedAbout() throws {
        let loaded = try load("[[staff]]\naddress = \"a@example.com\"\nteam = \"x\"")
        #expect(loaded.warnings.contains { $0.line == 18 && $0.message.contains("'team'") })
    }

    @Test func staffMustBeAnArrayOfTables() {
        let source = "staff = \"anna@example.com\"\n" + ConfigLoaderTests.minimal
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(source: source, path: "t.toml") }
        do {
            _ = try ConfigLoader.parse(source: source, path: "t.toml")
        } catch {
            #expect(error.issues.contains { $0.line == 1 && $0.message.contains("write [[staff]]") }, "\(error.issues)")
        }
    }

    @Test(arguments: ["\"\"", "\"mx.example.com; dkim=pass\"", "\"mx example\"", "42"])
    func aBadAuthservID(value: String) {
        #expect(issues("", daemon: "authserv_id = \(value)").contains { $0.line == 5 })
    }
}
