import Foundation
import Testing

/// Several daemons on one PostgreSQL store and one mailbox, each with its own state directory
/// (as on two hosts), against real Dovecot and Postfix: every mail on exactly one ticket, one
/// acknowledgement each.
@Suite("several daemons on one PostgreSQL", .serialized, .timeLimit(.minutes(5)), .enabled(if: PostgresCluster.isAvailable, PostgresCluster.skipMessage))
struct PostgresSharedDeskTests {
    /// Desk `desk`'s config (same mailbox, same database) in a second directory: a second host.
    static func secondHost(of desk: TestDesk) throws -> String {
        let directory = desk.directory + "-b"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: desk.directory + "/support.pass", toPath: directory + "/support.pass")
        try FileManager.default.copyItem(atPath: desk.configPath, toPath: directory + "/ticketd.toml")
        return directory + "/ticketd.toml"
    }

    @Test("two run --once in parallel on one mailbox: every mail on exactly one ticket, one acknowledgement each")
    func twoDaemonsOneMailbox() throws {
        let database = try PostgresCluster.createDatabase()
        let desk = try TestDesk(extraSections: "[store]\nurl = \"\(database)\"")
        let other = try Self.secondHost(of: desk)
        let customers = (0..<8).map { desk.customer("c\($0)") }
        for (index, customer) in customers.enumerated() {
            try desk.send(from: customer, subject: "Question \(index)", body: "Hello, question number \(index).")
        }
        for _ in 0..<2 {
            let runs = try Self.inParallel([["run", "--once", "--config", desk.configPath], ["run", "--once", "--config", other]])
            for run in runs { #expect(run.status == 0, "run --once failed: \(run.stderr)") }
        }
        let tickets = try desk.tickets()
        #expect(tickets.count == customers.count)
        #expect(Set(tickets.compactMap { ($0["customer"] as? [String: Any])?["address"] as? String }) == Set(customers))
        let outbox = try desk.outbox()
        #expect(outbox.count == customers.count)
        #expect(outbox.allSatisfy { $0["state"] as? String == "sent" && $0["kind"] as? String == "ack" })
        for customer in customers {
            #expect(try desk.servers.messages(of: customer, atLeast: 1).count == 1, "\(customer)")
        }
        Thread.sleep(forTimeInterval: 1)
        for customer in customers { #expect(try desk.servers.messages(of: customer).count == 1, "a second acknowledgement to \(customer)") }
        #expect(try desk.servers.messages(of: desk.support).isEmpty)
        #expect(try desk.servers.messages(of: desk.support, folder: "Processed").count == customers.count)
    }

    @Test("the same mails handed to two hosts at once (MTA ingest): stored once, acknowledged once")
    func sameMailIngestedTwiceAtOnce() throws {
        let database = try PostgresCluster.createDatabase()
        let desk = try TestDesk(extraSections: "[store]\nurl = \"\(database)\"")
        let other = try Self.secondHost(of: desk)
        let customers = (0..<6).map { desk.customer("p\($0)") }
        for (index, customer) in customers.enumerated() {
            let file = desk.directory + "/mail-\(index).eml"
            try Data(TransportDesk.customerMail(from: customer, to: desk.support, subject: "Piped \(index)", body: "Piped question \(index)."))
                .write(to: URL(fileURLWithPath: file))
            let runs = try Self.inParallel([["ingest", file, "--config", desk.configPath], ["ingest", file, "--config", other]])
            for run in runs { #expect(run.status == 0, "ingest failed: \(run.stderr)") }
        }
        #expect(try desk.tickets().count == customers.count)
        #expect(try desk.outbox().count == customers.count)
        #expect(try PostgresCluster.psql(database, "SELECT count(*) FROM messages WHERE direction = 'in'") == "\(customers.count)")
        for customer in customers { #expect(try desk.servers.messages(of: customer, atLeast: 1).count == 1, "\(customer)") }
    }

    @Test("a running daemon holds the mailbox (status shows it); killed with -9, the other daemon takes the mailbox over")
    func failoverAfterKill() throws {
        let database = try PostgresCluster.createDatabase()
        let desk = try TestDesk(extraSections: "[store]\nurl = \"\(database)\"")
        let other = try Self.secondHost(of: desk)
        let first = desk.customer("first")
        try desk.send(from: first, subject: "Before the crash", body: "Hello")
        let daemon = try Harness.spawn(Harness.ticketdPath, ["run", "--config", desk.configPath], log: desk.directory + "/daemon.log")
        _ = try desk.servers.messages(of: first, atLeast: 1)
        let status = try Harness.ticketd(["status", "--json", "--config", other])
        let locks = (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["mailbox_locks"] as? [String: String]
        #expect(locks?["support"]?.hasPrefix("ticketd@") == true, "status: \(status.stdout) \(status.stderr)")

        // While the first daemon lives, the second one leaves the mailbox alone.
        let second = desk.customer("second")
        kill(daemon.pid, SIGSTOP)
        try desk.send(from: second, subject: "During the pause", body: "Hello?")
        let skipped = try Harness.ticketd(["run", "--once", "--config", other])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(try desk.tickets().count == 1)
        _ = daemon.stop(with: SIGKILL)

        let started = Date()
        var tookOver = false
        while Date().timeIntervalSince(started) < 30 && !tookOver {
            #expect(try Harness.ticketd(["run", "--once", "--config", other]).status == 0)
            tookOver = try desk.tickets().count == 2
            if !tookOver { Thread.sleep(forTimeInterval: 0.5) }
        }
        #expect(tookOver, "the second daemon did not take the mailbox over within 30 s")
        print("failover after kill -9: \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        #expect(try desk.servers.messages(of: second, atLeast: 1).count == 1)
        #expect(try desk.servers.messages(of: first).count == 1)
    }

    @Test("two daemons on two mailboxes work one each (status shows two holders); one killed, the other takes both")
    func mailboxesAreSpreadOverDaemons() throws {
        let database = try PostgresCluster.createDatabase()
        let desk = try TestDesk(extraSections: "[store]\nurl = \"\(database)\"")
        try """

            [[mailbox]]
            name = "sales"
            url = "imap://127.0.0.1:\(desk.servers.imapPort)/INBOX"
            tls = "none"
            user = "sales-\(desk.id)@example.com"
            password_file = "support.pass"
            address = "sales-\(desk.id)@example.com"
            """.appendLine(toFile: desk.configPath)
        let other = try Self.secondHost(of: desk)
        let daemons = [
            try Harness.spawn(Harness.ticketdPath, ["run", "--config", desk.configPath], log: desk.directory + "/daemon-a.log"),
            try Harness.spawn(Harness.ticketdPath, ["run", "--config", other], log: desk.directory + "/daemon-b.log"),
        ]
        defer { for daemon in daemons { _ = daemon.stop(with: SIGKILL) } }
        let holders = { () throws -> [String: String] in
            let status = try Harness.ticketd(["status", "--json", "--config", other])
            return (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["mailbox_locks"] as? [String: String] ?? [:]
        }
        var held: [String: String] = [:]
        let started = Date()
        while Date().timeIntervalSince(started) < 30 {
            held = try holders()
            if held.count == 2, Set(held.values).count == 2 { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(held.count == 2 && Set(held.values).count == 2, "each daemon works one mailbox: \(held)")

        _ = daemons[0].stop(with: SIGKILL)
        let killed = Date()
        while Date().timeIntervalSince(killed) < 30 {
            held = try holders()
            if held.count == 2, Set(held.values).count == 1 { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        #expect(held.count == 2 && Set(held.values).count == 1, "the survivor works both: \(held)")
        print("mailboxes spread over two daemons in \(String(format: "%.1f", killed.timeIntervalSince(started))) s; both with the survivor \(String(format: "%.1f", Date().timeIntervalSince(killed))) s after kill -9")
    }

    /// Runs `ticketd` with each argument list at the same time, each from a thread of its own;
    /// returns their outputs in order. (No stdin: `Harness.run` feeds it from the dispatch pool,
    /// which the blocked threads of parallel suites can starve on a 2-core machine.)
    static func inParallel(_ argumentLists: [[String]]) throws -> [Harness.Output] {
        let results = ResultBox(count: argumentLists.count)
        let done = DispatchSemaphore(value: 0)
        for (index, arguments) in argumentLists.enumerated() {
            Thread.detachNewThread {
                results.set(index, Result { try Harness.ticketd(arguments) })
                done.signal()
            }
        }
        for _ in argumentLists { done.wait() }
        return try results.values()
    }
}

/// Results filled in by concurrent workers.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Harness.Output, any Error>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Harness.Output, any Error>) {
        lock.withLock { results[index] = result }
    }

    func values() throws -> [Harness.Output] {
        try lock.withLock { try results.map { try $0!.get() } }
    }
}
