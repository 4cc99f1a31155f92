import Foundation
import MailMessage
import Testing
import TestSupport
import TicketConfig
import TicketCore
import TicketStorePostgres

/// The daemon on a PostgreSQL store (`[store] url`), through real Dovecot and Postfix.
@Suite("PostgreSQL store", .serialized, .timeLimit(.minutes(3)), .enabled(if: PostgresCluster.isAvailable, PostgresCluster.skipMessage))
struct PostgresStoreTests {
    @Test("run --once and ingest on PostgreSQL: tickets, messages and one acknowledgement each in the outbox, sent once")
    func ingestAndRunOnPostgres() throws {
        let database = try PostgresCluster.createDatabase()
        let desk = try TestDesk(extraSections: "[store]\nurl = \"\(database)\"")
        let alice = desk.customer("alice")
        let bob = desk.customer("bob", domain: "globex.example")
        try desk.send(from: alice, name: "Alice Example", subject: "Printer is on fire", body: "Please help, the printer is burning.")

        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 0, "run --once failed: \(run.stderr)")
        let piped = TransportDesk.customerMail(from: bob, to: desk.support, subject: "Invoice question", body: "Where is my invoice?")
        let ingest = try desk.ticketd(["ingest", "-"], stdin: piped)
        #expect(ingest.status == 0, "ingest failed: \(ingest.stderr)")
        let again = try desk.ticketd(["ingest", "-"], stdin: piped)
        #expect(again.status == 0, "a second ingest of the same mail failed: \(again.stderr)")

        let tickets = try desk.tickets()
        #expect(tickets.map { $0["number"] as? Int } == [1, 2])
        let first = try desk.ticket(1)
        #expect((first["customer"] as? [String: Any])?["address"] as? String == alice)
        let messages = try #require(first["messages"] as? [[String: Any]])
        #expect(messages.map { $0["kind"] as? String } == ["customer", "ack"])
        #expect((try desk.ticket(2)["messages"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["customer", "ack"])
        let outbox = try desk.outbox()
        #expect(outbox.map { $0["kind"] as? String } == ["ack", "ack"])
        #expect(outbox.map { $0["state"] as? String } == ["sent", "sent"])
        #expect(outbox.map { $0["ticket"] as? Int } == [1, 2])

        let aliceMail = try desk.servers.messages(of: alice, atLeast: 1)
        #expect(aliceMail.count == 1)
        #expect(MailMessage.parse(aliceMail[0].bytes).subject?.contains("[#1]") == true)
        #expect(try desk.servers.messages(of: bob, atLeast: 1).count == 1)

        // Nothing lives in SQLite: the state directory has no database.
        #expect(!FileManager.default.fileExists(atPath: desk.directory + "/state/ticketd.sqlite"))
        #expect(try PostgresCluster.psql(database, "SELECT count(*) FROM messages WHERE direction = 'in'") == "2")
        #expect(try PostgresCluster.psql(database, "SELECT string_agg(name, ' ' ORDER BY name) FROM schema_migrations") == "pg1-tickets-messages-outbox pg2-outbox-claimed-by pg3-text-sketches")

        for period in [[], ["--from", "2020-01-01"], ["--to", "2099-12-31"], ["--from", "2020-01-01", "--to", "2099-12-31"]] {
            let report = try desk.ticketd(["report", "--json"] + period)
            #expect(report.status == 0, "report \(period) on PostgreSQL: \(report.stderr)")
            let figures = try? JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
            #expect(figures?["tickets"] as? Int == 2, "report \(period): \(report.stdout.prefix(300))")
        }
        // What an admin runs on a desk, on PostgreSQL as on SQLite.
        for command in [
            ["tickets", "list", "--json"], ["tickets", "list", "--state", "open"], ["tickets", "show", "1", "--json"],
            ["customers", "show", alice], ["outbox", "list", "--json"], ["spam", "list"], ["staff", "list", "--json"],
            ["report", "--csv"], ["report", "--html", desk.directory + "/report.html"], ["report", "--organisation", "acme.example", "--json"],
            ["contracts", "list", "--json"], ["rules", "replay", "--json"],
            ["tickets", "time", "1", "30m", "--staff", "anna@example.com"], ["tickets", "assign", "1", "anna@example.com"], ["tickets", "wait", "1"], ["tickets", "reopen", "1"], ["tickets", "resolve", "2"],
        ] {
            let run = try desk.ticketd(command)
            #expect(run.status == 0, "\(command.joined(separator: " ")) on PostgreSQL: \(run.stderr.prefix(600))")
        }
        let status = try desk.ticketd(["status", "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        let backup = try desk.ticketd(["backup", desk.directory + "/backup.sqlite"])
        #expect(backup.status == 69)
        #expect(backup.stderr.contains("pg_dump"))
    }

    @Test("an outbox claim holds only while the session that took it lives; then another daemon claims the row")
    func outboxClaimEndsWithItsSession() throws {
        let database = try PostgresCluster.createDatabase()
        let first = try PostgresStorage(url: PostgresURL(database), tagFormat: TicketTagFormat(), instance: "claims-first")
        let mail = IncomingMail(
            raw: Array("From: alice@acme.example\r\nTo: support@example.com\r\nSubject: VPN\r\nMessage-ID: <c1@acme.example>\r\n\r\nThe VPN is down.".utf8),
            source: nil, mailbox: "support", receivedAt: Date())
        _ = try first.ingest(mail, queue: "support", rules: .forTests(staff: ["agent@example.com"]), now: Date())
        let claimed = try first.dueOutbox(now: Date(), limit: 10)
        #expect(claimed.map(\.kind) == ["ack"])
        let ack = try #require(claimed.first)
        #expect(first.holdsClaim(on: ack))
        let second = try PostgresStorage(url: PostgresURL(database), tagFormat: TicketTagFormat(), instance: "claims-second")
        #expect(try second.dueOutbox(now: Date(), limit: 10).isEmpty, "claimed by a live session")

        _ = try PostgresCluster.psql(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'claims-first'")
        let deadline = Date() + 10
        while first.holdsClaim(on: ack), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!first.holdsClaim(on: ack), "the session that took the claim is gone")
        #expect(try second.dueOutbox(now: Date(), limit: 10).map(\.id) == [ack.id], "another daemon takes the row over at once")
        _ = try first.outbox()
        #expect(!first.holdsClaim(on: ack), "a new connection does not bring the old claim back")
    }
}
