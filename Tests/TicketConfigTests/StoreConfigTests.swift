import Foundation
import Testing
@testable import TicketConfig

@Suite("[store] config")
struct StoreConfigTests {
    func parse(_ store: String) throws(ConfigError) -> LoadedConfig {
        try ConfigLoader.parse(source: ConfigLoaderTests.minimal + "\n\n" + store, path: "t.toml")
    }

    /// The line of the first key when a `[store]` section is appended after the minimal config.
    var firstKeyLine: Int { ConfigLoaderTests.minimal.split(separator: "\n", omittingEmptySubsequences: false).count + 3 }

    @Test func withoutTheSectionTheStoreIsSQLite() throws {
        #expect(try parse("").config.store.postgres == nil)
    }

    @Test func aPostgresURLWithItsPasswordFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString).pass").path
        try "s3cret\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let postgres = try #require(
            try parse("[store]\nurl = \"postgres://ticketd@db.example.com:6543/desk?sslmode=verify-full\"\npassword_file = \"\(file)\"").config.store.postgres)
        #expect(postgres.user == "ticketd")
        #expect(postgres.host == "db.example.com")
        #expect(postgres.port == 6543)
        #expect(postgres.database == "desk")
        #expect(postgres.tls == .verifyFull)
        #expect(postgres.password == "s3cret")
        #expect(postgres.description == "postgres://ticketd@db.example.com:6543/desk?sslmode=verify-full")
    }

    @Test func thePortDefaultsTo5432() throws {
        let postgres = try PostgresURL("postgresql://desk@127.0.0.1/tickets")
        #expect(postgres.port == 5432)
        #expect(postgres.tls == .disable)
    }

    @Test(arguments: [
        "sqlite:///var/lib/ticketd/ticketd.sqlite", "mysql://u@h:3306/db", "/var/lib/ticketd/ticketd.sqlite", "postgres://h:5432/db",
        "postgres://u@h:5432/", "postgres://u:pw@h:5432/db", "postgres://u@h:5432/db?sslmode=sometimes",
    ])
    func otherURLsAreConfigErrorsAtTheirLine(url: String) {
        #expect {
            _ = try parse("[store]\nurl = \"\(url)\"")
        } throws: { error in
            guard let issue = (error as? ConfigError)?.issues.first else { return false }
            return issue.line == firstKeyLine && issue.description.hasPrefix("t.toml:\(firstKeyLine):") 
                && issue.message.contains(url.contains(":pw@") ? "password_file" : "postgres://USER@HOST:PORT/DB")
        }
    }

    @Test func aNonPostgresSchemeSaysWhatIsAccepted() {
        #expect(throws: PostgresURLError.notPostgres("sqlite:///x")) { try PostgresURL("sqlite:///x") }
        #expect(PostgresURLError.notPostgres("sqlite:///x").description.contains("postgres://USER@HOST:PORT/DB"))
    }

    @Test func anUnreadablePasswordFileIsAnErrorAtItsLine() {
        #expect {
            _ = try parse("[store]\nurl = \"postgres://u@h:5432/db\"\npassword_file = \"/nonexistent/pg.pass\"")
        } throws: { error in
            guard let issue = (error as? ConfigError)?.issues.first else { return false }
            return issue.line == firstKeyLine + 1 && issue.message.contains("/nonexistent/pg.pass")
        }
    }

    @Test func unknownKeysAreWarnedAbout() throws {
        let loaded = try parse("[store]\nurl = \"postgres://u@h:5432/db\"\npool = 4")
        #expect(loaded.warnings.contains { $0.message.contains("unknown key 'pool' in [store]") })
    }
}
