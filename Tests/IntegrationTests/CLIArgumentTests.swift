import Foundation
import Testing

/// Absurd command-line arguments are refused with sysexits codes and a message naming the
/// argument; global options work before the subcommand too. No servers needed (closed ports).
@Suite("CLI arguments", .timeLimit(.minutes(2)))
struct CLIArgumentTests {
    static let desk: TransportDesk = {
        do {
            return try TransportDesk(
                mailboxes: [.init(name: "support", user: "support@example.com", url: "imap://127.0.0.1:1/INBOX", tls: "none")],
                smtpURL: "smtp://127.0.0.1:1")
        } catch {
            fatalError("cannot set up the desk: \(error)")
        }
    }()

    @Test(
        "malformed addresses, impossible dates and empty paths exit 64 naming the argument",
        arguments: [
            (["tickets", "assign", "1", ""], "ADDRESS"),
            (["tickets", "assign", "1", "not an address"], "ADDRESS"),
            (["customers", "show", ""], "ADDRESS"),
            (["run", "--once", "--now", "2026-02-30T10:00:00+01:00"], "--now"),
            (["run", "--once", "--now", "2026-11-20T24:30:00+01:00"], "--now"),
            (["backup", ""], "FILE"),
        ])
    func refusedWith64(arguments: [String], named: String) throws {
        let output = try Self.desk.ticketd(arguments)
        #expect(output.status == 64, "\(arguments): \(output.status) \(output.stderr)")
        #expect(output.stderr.contains(named), "\(arguments): \(output.stderr)")
        #expect(!output.stdout.contains("backed up"))
    }

    @Test("backup into a missing directory exits 73 naming the directory, and writes nothing")
    func backupIntoMissingDirectory() throws {
        let target = Self.desk.directory + "/no-such-dir/copy.sqlite"
        let output = try Self.desk.ticketd(["backup", target])
        #expect(output.status == 73, "\(output.stderr)")
        #expect(output.stderr.contains(Self.desk.directory + "/no-such-dir"), "\(output.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test("--config before the subcommand works like after it")
    func configBeforeSubcommand() throws {
        let before = try Harness.ticketd(["--config", Self.desk.configPath, "config", "check"])
        let after = try Self.desk.ticketd(["config", "check"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout == after.stdout)
        let equals = try Harness.ticketd(["--config=\(Self.desk.configPath)", "--verbose", "customers", "show", "a@acme.example", "--json"])
        #expect(equals.status == 0, "\(equals.stderr)")
    }

    @Test("a good address, a real leap day and a new backup file are accepted")
    func goodArgumentsPass() throws {
        #expect(try Self.desk.ticketd(["customers", "show", "anna@acme.example"]).status == 0)
        let copy = Self.desk.directory + "/copy-\(UInt64.random(in: 0..<UInt64.max)).sqlite"
        let backup = try Self.desk.ticketd(["backup", copy])
        #expect(backup.status == 0 && FileManager.default.fileExists(atPath: copy), "\(backup.stderr)")
        let leap = try Self.desk.ticketd(["run", "--once", "--now", "2028-02-29T10:00:00+01:00"])
        #expect(leap.status == 69, "servers are closed ports, but the date is accepted: \(leap.stderr)")
    }

    @Test("an emptied database is refused by every command with exit 66 and the restore steps")
    func emptiedDatabaseRefused() throws {
        let desk = try TransportDesk(
            mailboxes: [.init(name: "support", user: "support@example.com", url: "imap://127.0.0.1:1/INBOX", tls: "none")],
            smtpURL: "smtp://127.0.0.1:1")
        #expect(try desk.ticketd(["status"]).status == 0)
        let database = desk.directory + "/state/ticketd.sqlite"
        for companion in ["-wal", "-shm"] { unlink(database + companion) }
        #expect(truncate(database, 0) == 0)
        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 66, "\(run.stderr)")
        #expect(run.stderr.contains("ticketd backup") && run.stderr.contains(database), "\(run.stderr)")
        let ingest = try desk.ticketd(["ingest", "-"], stdin: Array("From: a@acme.example\r\nSubject: x\r\n\r\nbody\r\n".utf8))
        #expect(ingest.status == 75, "the MTA keeps the mail queued: \(ingest.stderr)")
    }
}
