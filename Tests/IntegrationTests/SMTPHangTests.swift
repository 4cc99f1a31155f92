import Foundation
import Testing

/// An SMTP server that stops answering after the final dot, and SIGTERM while mail is going out:
/// the send timeout holds through the whole exchange (cleanup included), SIGTERM ends a hung
/// send at once and stops a long flush after the mail in hand, and nothing queued is lost.
@Suite("SMTP hangs and SIGTERM (scripted servers)", .serialized, .timeLimit(.minutes(3)))
struct SMTPHangTests {
    /// A desk on an empty scripted IMAP server and the given SMTP URL.
    func desk(_ imap: ScriptedIMAPServer, smtpURL: String, sendTimeout: String) throws -> TransportDesk {
        try TransportDesk(
            mailboxes: [.init(name: "support", user: "support@example.com", url: imap.url, tls: "none")], smtpURL: smtpURL,
            extraSMTP: "send_timeout = \"\(sendTimeout)\"")
    }

    func queue(_ count: Int, into desk: TransportDesk) throws {
        for number in 1...count {
            let mail = TransportDesk.customerMail(
                from: "customer\(number)-\(UInt64.random(in: 0..<UInt64.max))@acme.example", to: "support@example.com",
                subject: "Question \(number)", body: "Hello \(number)")
            let ingest = try desk.ticketd(["ingest", "-"], stdin: mail)
            #expect(ingest.status == 0, "\(ingest.stderr)")
        }
    }

    func queued(_ desk: TransportDesk) throws -> Int {
        try desk.outbox().filter { $0["state"] as? String == "queued" }.count
    }

    func pointSMTP(of desk: TransportDesk, to url: String) throws {
        let text = try String(contentsOfFile: desk.configPath, encoding: .utf8)
        let rewritten = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("url = \"smtp://") ? "url = \"\(url)\"" : String(line)
        }.joined(separator: "\n")
        try rewritten.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
    }

    @Test("silence after the final dot: ingest and run --once give up after send_timeout (cleanup included); the mail stays queued")
    func sendTimeoutHolds() throws {
        let imap = try ScriptedIMAPServer(messages: [])
        let smtp = try SMTPSink(mode: .hangAfterData)
        let desk = try desk(imap, smtpURL: smtp.url, sendTimeout: "3s")

        let started = Date()
        try queue(1, into: desk)
        let ingestTook = Date().timeIntervalSince(started)
        #expect(ingestTook < 10, "send_timeout 3 s, the ingest took \(ingestTook) s")
        #expect(smtp.commands().contains("<end of data>"), "the message reached the final dot")
        #expect(try queued(desk) == 1)

        let later = ISO8601DateFormatter().string(from: Date() + 7200)
        let runStarted = Date()
        let run = try desk.ticketd(["run", "--once", "--now", later])
        let runTook = Date().timeIntervalSince(runStarted)
        #expect(runTook < 10, "send_timeout 3 s, run --once took \(runTook) s")
        #expect(run.status == 69 || run.status == 75, "\(run.stderr)")
        #expect(try queued(desk) == 1, "nothing was marked sent")
    }

    @Test("SIGTERM while the SMTP server hangs after the final dot: the daemon exits 0 within 5 s and the mail stays queued")
    func sigtermAbortsHungSend() throws {
        let imap = try ScriptedIMAPServer(messages: [])
        let smtp = try SMTPSink(mode: .hangAfterData)
        let desk = try desk(imap, smtpURL: "smtp://127.0.0.1:1", sendTimeout: "120s")
        try queue(1, into: desk)
        try pointSMTP(of: desk, to: smtp.url)

        let later = ISO8601DateFormatter().string(from: Date() + 7200)
        let daemon = try Harness.spawn(Harness.ticketdPath, ["run", "--config", desk.configPath, "--now", later], log: desk.directory + "/daemon.log")
        let deadline = Date() + 30
        while !smtp.commands().contains("<end of data>") && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(smtp.commands().contains("<end of data>"), "the daemon got to the hung send")
        Thread.sleep(forTimeInterval: 0.5)
        let signalled = Date()
        let ended = daemon.stop(with: SIGTERM)
        let took = Date().timeIntervalSince(signalled)
        let log = (try? String(contentsOfFile: desk.directory + "/daemon.log", encoding: .utf8)) ?? ""
        #expect(took < 5, "SIGTERM to exit took \(took) s: \(log)")
        #expect(!ended.signaled && ended.status == 0, "\(ended) \(log)")
        #expect(try queued(desk) == 1, "the broken-off mail stays queued")
    }

    @Test("SIGTERM with a large outbox and a slow SMTP server: the daemon stops after the mail in hand, exits within 5 s; the rest stays queued")
    func sigtermStopsFlush() throws {
        let imap = try ScriptedIMAPServer(messages: [])
        let smtp = try SMTPSink(mode: .slow(seconds: 0.3))
        let desk = try desk(imap, smtpURL: "smtp://127.0.0.1:1", sendTimeout: "30s")
        try queue(25, into: desk)
        try pointSMTP(of: desk, to: smtp.url)

        let later = ISO8601DateFormatter().string(from: Date() + 7200)
        let daemon = try Harness.spawn(Harness.ticketdPath, ["run", "--config", desk.configPath, "--now", later], log: desk.directory + "/daemon.log")
        let deadline = Date() + 30
        while smtp.received().count < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let signalled = Date()
        let ended = daemon.stop(with: SIGTERM)
        let took = Date().timeIntervalSince(signalled)
        let log = (try? String(contentsOfFile: desk.directory + "/daemon.log", encoding: .utf8)) ?? ""
        #expect(took < 5, "SIGTERM to exit took \(took) s")
        #expect(!ended.signaled && ended.status == 0, "\(ended) \(log)")
        let received = smtp.received().count
        #expect(received < 10, "sending stopped after the mail in hand: \(received) mails went out")
        let stillQueued = try queued(desk)
        #expect(stillQueued >= 25 - received && stillQueued <= 25 - received + 1, "queued \(stillQueued), received \(received)")
    }
}
