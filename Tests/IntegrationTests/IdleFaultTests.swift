import Foundation
import Testing

/// IMAP IDLE against servers that misbehave (scripted IMAP server): a BAD answer, unsolicited
/// EXPUNGE and FETCH responses, a connection closed or ended with BYE in IDLE. Whatever the
/// server does, the mail that arrived during the IDLE is stored exactly once, the daemon says
/// what happened in one log line and falls back to polling at the interval.
@Suite("IMAP IDLE faults (scripted IMAP server)", .serialized, .timeLimit(.minutes(3)))
struct IdleFaultTests {
    /// One desk on a scripted server that holds `first` at start and receives `late` during its first IDLE.
    struct Run {
        let imap: ScriptedIMAPServer
        let desk: TransportDesk
        let daemon: Process
        let log: String

        init(idle: ScriptedIMAPServer.Idle, pollInterval: String) throws {
            let first = MalformedFetchTests.mails(1)
            let late = [TransportDesk.customerMail(
                from: "late-\(UInt64.random(in: 0..<UInt64.max))@acme.example", to: "support@example.com",
                subject: "Arrived during IDLE", body: "Hello, this one came while you were idle.")]
            imap = try ScriptedIMAPServer(messages: first, idle: idle, late: late)
            let smtp = try SMTPSink(mode: .accept)
            desk = try TransportDesk(mailboxes: [.init(name: "support", user: "support@example.com", url: imap.url, tls: "none")], smtpURL: smtp.url)
            let config = try String(contentsOfFile: desk.configPath, encoding: .utf8)
                .replacingOccurrences(of: "poll_interval = \"2s\"", with: "poll_interval = \"\(pollInterval)\"")
            try config.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
            log = desk.directory + "/daemon.log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            daemon = Process()
            daemon.executableURL = URL(fileURLWithPath: Harness.ticketdPath)
            daemon.arguments = ["run", "--config", desk.configPath]
            daemon.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            daemon.standardOutput = FileHandle.nullDevice
            try daemon.run()
        }

        var logged: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

        func lines(containing text: String) -> Int { logged.split(separator: "\n").filter { $0.contains(text) }.count }

        func commands(_ verb: String) -> Int { imap.commands().filter { $0.split(separator: " ").dropFirst().first?.uppercased() == verb }.count }

        /// How many polls looked at the INBOX (each selects it and reads its UIDNEXT).
        var polls: Int { commands("SELECT") }

        /// Both messages stored on tickets of their own, none twice, and the INBOX empty.
        func bothStored(timeout: TimeInterval) throws -> Bool {
            try waitFor({ try desk.tickets().count == 2 && imap.inbox().isEmpty }, timeout: timeout)
        }

        func stop() throws -> Int32 {
            daemon.terminate()
            daemon.waitUntilExit()
            return daemon.terminationStatus
        }
    }

    static func waitFor(_ condition: () throws -> Bool, timeout: TimeInterval) rethrows -> Bool {
        let deadline = Date() + timeout
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return try condition()
    }

    @Test("unsolicited EXPUNGE and FETCH (in IDLE and inside SEARCH answers) do not confuse the client; the EXISTS in IDLE fetches the new mail within the hour's poll interval")
    func unsolicitedResponses() throws {
        let run = try Run(idle: .unsolicited, pollInterval: "1h")
        defer { if run.daemon.isRunning { run.daemon.terminate() } }
        #expect(try run.bothStored(timeout: 30), "only IDLE can fetch the late mail before the hour is up: \(run.logged)")
        #expect(try run.desk.tickets().count == 2)
        #expect(run.commands("LOGIN") == 1, "one connection throughout: \(run.imap.commands())")
        #expect(Self.waitFor({ run.commands("IDLE") >= 2 }, timeout: 10), "back in IDLE after the poll: \(run.imap.commands())")
        #expect(run.lines(containing: "IDLE refused") == 0 && run.lines(containing: "IDLE connection lost") == 0, "\(run.logged)")
        #expect(try run.stop() == 0)
    }

    @Test("a server that answers IDLE with BAD: one log line, then polling at the interval on the same connection; the mail is stored once")
    func badAnswer() throws {
        let run = try Run(idle: .bad, pollInterval: "2s")
        defer { if run.daemon.isRunning { run.daemon.terminate() } }
        #expect(try run.bothStored(timeout: 30), "\(run.logged)")
        let polls = run.polls
        #expect(Self.waitFor({ run.polls >= polls + 3 }, timeout: 20), "polled at the interval: \(run.imap.commands())")
        #expect(run.commands("IDLE") == 1, "IDLE is not tried again on that connection: \(run.imap.commands())")
        #expect(run.commands("LOGIN") == 1, "the connection is kept")
        #expect(run.lines(containing: "IDLE refused") == 1, "said once: \(run.logged)")
        #expect(run.logged.contains("Unknown command"), "the server's words are quoted")
        #expect(try run.desk.tickets().count == 2)
        #expect(try run.stop() == 0)
    }

    @Test(
        "a server that closes the connection in IDLE, or says BYE: one log line, the next poll logs in again and stores the mail once, IDLE resumes",
        arguments: [ScriptedIMAPServer.Idle.drop, .bye])
    func connectionLost(idle: ScriptedIMAPServer.Idle) throws {
        let run = try Run(idle: idle, pollInterval: "2s")
        defer { if run.daemon.isRunning { run.daemon.terminate() } }
        #expect(try run.bothStored(timeout: 30), "\(run.logged)")
        #expect(run.commands("LOGIN") == 2, "logged in again after the loss: \(run.imap.commands())")
        #expect(Self.waitFor({ run.commands("IDLE") >= 2 }, timeout: 10), "IDLE on the new connection: \(run.imap.commands())")
        #expect(run.lines(containing: "IDLE connection lost") == 1, "said once: \(run.logged)")
        if idle == .bye { #expect(run.logged.contains("Server shutting down"), "the server's words are quoted: \(run.logged)") }
        #expect(try run.desk.tickets().count == 2)
        #expect(try run.stop() == 0)
    }
}
