import Foundation
import Testing

/// `ticketd migrate --to postgres://…`: an SQLite installation moved into an empty PostgreSQL.
@Suite("migrate to PostgreSQL", .serialized, .timeLimit(.minutes(3)), .enabled(if: PostgresCluster.isAvailable, PostgresCluster.skipMessage))
struct PostgresMigrateTests {
    @Test("every table copied in one transaction with its counts; tickets show the same; numbering goes on; a non-empty target is refused")
    func migrateAnInstallation() throws {
        let desk = try TestDesk(extraDaemonConfig: "staff = [\"anna@example.com\"]")
        let alice = desk.customer("alice"), bob = desk.customer("bob", domain: "globex.example")
        try desk.send(from: alice, name: "Alice Example", subject: "Printer is on fire", body: "Please help, the printer is burning.")
        try desk.send(from: bob, subject: "Invoice question", body: "Where is my invoice?")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        let time = try desk.ticketd(["tickets", "time", "1", "45m", "--staff", "anna@example.com", "--note", "called back"])
        #expect(time.status == 0, "\(time.stderr)")
        let away = try desk.ticketd(["staff", "away", "anna@example.com", "--from", "2030-01-06", "--to", "2030-01-10"])
        #expect(away.status == 0, "\(away.stderr)")
        let reply = try desk.ticketd(["tickets", "reply", "2", "--from", "anna@example.com", "-"], stdin: Array("It is on its way.".utf8))
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        let before = try (1...2).map { try desk.ticketd(["tickets", "show", "\($0)", "--json"]).stdout }
        let outboxBefore = try desk.ticketd(["outbox", "list", "--json"]).stdout

        let database = try PostgresCluster.createDatabase()
        let migrated = try desk.ticketd(["migrate", "--to", database])
        #expect(migrated.status == 0, "migrate failed: \(migrated.stderr)")
        // Each table's count as SQLite itself tells it, against what migrate printed and PostgreSQL holds.
        let sqlite = desk.directory + "/state/ticketd.sqlite"
        for table in ["tickets", "messages", "message_ids", "participants", "events", "promises", "outbox", "mailbox_sync", "spam_tokens",
                      "spam_totals", "daemon_state", "absences", "time_entries"] {
            let counted = try Harness.run("/usr/bin/sqlite3", [sqlite, "SELECT count(*) FROM \(table)"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(Int(counted) ?? 0 > 0, "\(table) is empty in SQLite: the test should fill it")
            #expect(migrated.stdout.contains("\n\(table): \(counted) rows copied, \(counted) in PostgreSQL") || migrated.stdout.hasPrefix("\(table): \(counted) rows"),
                    "\(table): \(counted) rows expected in: \(migrated.stdout)")
            #expect(try PostgresCluster.psql(database, "SELECT count(*) FROM \(table)") == counted, "\(table)")
        }

        try (try String(contentsOfFile: desk.configPath, encoding: .utf8) + "\n[store]\nurl = \"\(database)\"\n")
            .write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        let after = try (1...2).map { try desk.ticketd(["tickets", "show", "\($0)", "--json"]).stdout }
        #expect(after == before)
        #expect(try desk.ticketd(["outbox", "list", "--json"]).stdout == outboxBefore)
        let staff = try desk.ticketd(["staff", "list", "--json"])
        #expect(staff.stdout.contains("2030-01-06"), "\(staff.stdout)")

        // The migrated sync state: nothing is fetched twice; a new mail gets the next number.
        let carol = desk.customer("carol")
        try desk.send(from: carol, subject: "New question", body: "Hello again")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        #expect(try desk.tickets().map { $0["number"] as? Int } == [1, 2, 3])
        #expect(try desk.servers.messages(of: alice).count == 1)
        #expect(try desk.servers.messages(of: carol, atLeast: 1).count == 1)

        let again = try desk.ticketd(["migrate", "--to", database])
        #expect(again.status == 73)
        #expect(again.stderr.contains("not empty"), "\(again.stderr)")
    }
}
