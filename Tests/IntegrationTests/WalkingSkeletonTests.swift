import Foundation
import MailMessage
import Testing

/// End to end through the real Postfix → Dovecot → ticketd → Postfix → Dovecot chain.
@Suite("Walking skeleton against real Dovecot and Postfix", .timeLimit(.minutes(3)))
struct WalkingSkeletonTests {
    @Test("two customers and a reply: two tickets, one acknowledgement each, a second run does nothing")
    func twoCustomersAndAReply() throws {
        let desk = try TestDesk()
        let alice = desk.customer("alice")
        let bob = desk.customer("bob", domain: "globex.example")
        try desk.send(from: alice, name: "Alice Example", subject: "Printer is on fire", body: "Please help, the printer is burning.")
        try desk.send(from: bob, subject: "Invoice question", body: "Hello, where is my invoice? Thanks, Bob")

        let first = try desk.ticketd(["run", "--once"])
        #expect(first.status == 0, "run --once failed: \(first.stderr)")

        let aliceMail = try desk.servers.messages(of: alice, atLeast: 1)
        let bobMail = try desk.servers.messages(of: bob, atLeast: 1)
        #expect(aliceMail.count == 1)
        #expect(bobMail.count == 1)
        let ack = MailMessage.parse(aliceMail[0].bytes)
        #expect(ack.subject?.contains("[#1]") == true, "ack subject: \(ack.subject ?? "nil")")
        #expect(ack.headers["Auto-Submitted"] == "auto-replied")
        #expect(MailMessage.parse(bobMail[0].bytes).subject?.contains("[#2]") == true)

        // Alice answers the acknowledgement from a client that keeps In-Reply-To but drops the tag.
        let ackID = try #require(ack.messageID)
        try desk.send(
            from: alice, subject: "Re: Printer is on fire", body: "It is still burning.",
            extraHeaders: ["In-Reply-To: \(ackID)", "References: \(ackID)"])
        let second = try desk.ticketd(["run", "--once"])
        #expect(second.status == 0, "second run failed: \(second.stderr)")

        let tickets = try desk.tickets()
        #expect(tickets.count == 2)
        let ticket = try desk.ticket(1)
        let messages = try #require(ticket["messages"] as? [[String: Any]])
        #expect(messages.filter { $0["kind"] as? String == "customer" }.count == 2)
        #expect(messages.filter { $0["kind"] as? String == "ack" }.count == 1)
        #expect((ticket["customer"] as? [String: Any])?["address"] as? String == alice)

        let third = try desk.ticketd(["run", "--once"])
        #expect(third.status == 0)
        #expect(try desk.tickets().count == 2)
        #expect(try desk.outbox().count == 2)
        #expect(try desk.servers.messages(of: alice).count == 1)
        #expect(try desk.servers.messages(of: bob).count == 1)
        // Processed mail left the inbox for the processed folder; nothing is lost on the server.
        #expect(try desk.servers.messages(of: desk.support).isEmpty)
        #expect(try desk.servers.messages(of: desk.support, folder: "Processed").count == 3)
    }

    @Test("kill -9 between storing and sending: after a restart exactly one acknowledgement arrives")
    func crashBetweenStoreAndSend() throws {
        let desk = try TestDesk()
        let carol = desk.customer("carol")
        try desk.send(from: carol, subject: "Login broken", body: "I cannot log in since this morning.")

        let crashed = try desk.ticketd(["run", "--once"], environment: ["TICKETD_FAULT": "kill-before-send"])
        #expect(crashed.signaled && crashed.status == SIGKILL, "expected SIGKILL, got \(crashed.status): \(crashed.stderr)")
        #expect(try desk.tickets().count == 1)
        #expect(try desk.outbox().first?["state"] as? String == "queued")

        let restarted = try desk.ticketd(["run", "--once"])
        #expect(restarted.status == 0, "restart failed: \(restarted.stderr)")
        let again = try desk.ticketd(["run", "--once"])
        #expect(again.status == 0)

        #expect(try desk.servers.messages(of: carol, atLeast: 1).count == 1)
        Thread.sleep(forTimeInterval: 1)
        #expect(try desk.servers.messages(of: carol).count == 1)
        #expect(try desk.tickets().count == 1)
        #expect(try desk.outbox().map { $0["state"] as? String } == ["sent"])
    }

    @Test("automated mail makes no ticket and gets no answer")
    func automatedMailIsNotAnswered() throws {
        let desk = try TestDesk()
        let dave = desk.customer("dave")
        try desk.send(from: dave, subject: "Out of Office: Printer", body: "I am away until Monday.", extraHeaders: ["Auto-Submitted: auto-replied"])
        try desk.send(from: desk.customer("list"), subject: "Weekly digest", body: "News", extraHeaders: ["List-Id: <news.acme.example>", "Precedence: list"])
        try desk.send(from: "MAILER-DAEMON@acme.example", subject: "Undelivered Mail Returned to Sender", body: "The mail could not be delivered.")

        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try desk.tickets().isEmpty)
        #expect(try desk.outbox().isEmpty)
        let report = try desk.ticketd(["report", "--json"])
        let dropped = (try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])?["dropped"] as? [String: Int]
        #expect(dropped == ["auto_reply": 1, "list": 1, "bounce": 1])
        #expect(try desk.servers.messages(of: desk.support, folder: "Dropped").count == 3)

        let hourAgo = Date(timeIntervalSinceNow: -3600).formatted(.iso8601)
        let csv = try desk.ticketd(["report", "--from", "2000-01-01", "--to", Date(timeIntervalSinceNow: 3600).formatted(.iso8601), "--csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.hasPrefix("section,key,value\n"))
        #expect(["dropped,auto_reply,1", "dropped,bounce,1", "dropped,list,1", "tickets,,0"].allSatisfy(csv.stdout.split(separator: "\n").contains))
        let before = try desk.ticketd(["report", "--to", hourAgo, "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])?["dropped"] as? [String: Int] == [:])
        let wrongWay = try desk.ticketd(["report", "--from", "2026-12-02", "--to", "2026-12-01"])
        #expect(wrongWay.status == 64 && wrongWay.stderr.contains("--to 2026-12-01 is not after --from 2026-12-02"), "\(wrongWay.stderr)")
    }

    @Test("unreachable IMAP: --once exits 69 with a clear message")
    func unreachableServer() throws {
        let desk = try TestDesk()
        let config = try String(contentsOfFile: desk.configPath, encoding: .utf8)
            .replacingOccurrences(of: "127.0.0.1:\(desk.servers.imapPort)", with: "127.0.0.1:1")
        try config.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 69)
        #expect(run.stderr.contains("cannot reach imap://127.0.0.1:1"), "\(run.stderr)")
    }

    @Test("mail piped by the MTA is stored, ugly mail included, and acknowledged")
    func ingestFromPipe() throws {
        let desk = try TestDesk()
        let erin = desk.customer("erin")
        let ugly = "From: Erin <\(erin)>\r\nTo: \(desk.support)\r\nSubject: =?bogus-charset?Q?broken=ZZ?=\r\nContent-Type: multipart/mixed; boundary=\"never-closed\"\r\n\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\nThe body survives \u{00FF}\u{00FE} bytes.\r\n"
        let run = try desk.ticketd(["ingest", "-"], stdin: Array(ugly.utf8))
        #expect(run.status == 0, "\(run.stderr)")
        let tickets = try desk.tickets()
        #expect(tickets.count == 1)
        let ticket = try desk.ticket(1)
        let text = (ticket["messages"] as? [[String: Any]])?.first?["text"] as? String
        #expect(text?.contains("The body survives") == true)
        #expect(try desk.servers.messages(of: erin, atLeast: 1).count == 1)
    }

    @Test("mail piped by the MTA in parallel: every process flushes the outbox, each customer gets one acknowledgement")
    func parallelIngest() throws {
        let desk = try TestDesk()
        let customers = (0..<12).map { desk.customer("pipe\($0)") }
        let pipes = try customers.enumerated().map { index, customer in
            let file = desk.directory + "/pipe\(index).eml"
            try "From: \(customer)\r\nTo: \(desk.support)\r\nSubject: Request \(index)\r\nMessage-ID: <pipe\(index)@acme.example>\r\n\r\nPlease help.\r\n"
                .write(toFile: file, atomically: true, encoding: .utf8)
            return try Harness.spawn(Harness.ticketdPath, ["ingest", file, "--config", desk.configPath], log: desk.directory + "/pipe\(index).log")
        }
        #expect(pipes.map { $0.wait().status } == Array(repeating: 0, count: customers.count))
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        #expect(try desk.tickets().count == customers.count)
        for customer in customers {
            let inbox = try desk.servers.messages(of: customer, atLeast: 1)
            Thread.sleep(forTimeInterval: 0.2)
            #expect(try desk.servers.messages(of: customer).count == 1, "\(customer): \(inbox.count) acknowledgements")
        }
    }
}
