import Foundation
import Testing

/// More acknowledgements than one outbox batch: `run --once` (a cron job) sends them all.
@Suite("Outbox backlog in one cycle (scripted IMAP server, SMTP sink)", .serialized, .timeLimit(.minutes(3)))
struct OutboxBacklogTests {
    @Test("a cycle that queues 520 acknowledgements, past the 500 of one batch, sends every one of them once")
    func oneCycleSendsMoreThanABatch() throws {
        let imap = try ScriptedIMAPServer(messages: MalformedFetchTests.mails(520))
        let smtp = try SMTPSink(mode: .accept)
        let desk = try TransportDesk(mailboxes: [.init(name: "support", user: "support@example.com", url: imap.url, tls: "none")], smtpURL: smtp.url)

        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        #expect(try desk.tickets().count == 520)
        let outbox = try desk.outbox()
        #expect(outbox.count == 520 && outbox.allSatisfy { $0["state"] as? String == "sent" }, "nothing left for the next run")
        #expect(smtp.received().count == 520, "each acknowledgement once")
    }
}
