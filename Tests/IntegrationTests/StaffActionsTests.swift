import Foundation
import MailMessage
import Testing

/// Staff work through the CLI, customer history, spam handling, backup and status — on real servers.
@Suite("Staff actions, history, spam, backup and status against real servers", .timeLimit(.minutes(3)))
struct StaffActionsTests {
    func json(_ output: Harness.Output) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }

    @Test("a CLI reply reaches the customer without auto-reply headers and the ticket waits; the customer's answer opens it")
    func replyByCLI() throws {
        let desk = try TestDesk()
        let anna = desk.customer("anna", domain: "firma.example")
        try desk.send(from: anna, name: "Anna Nowak", subject: "Faktura", body: "Dzień dobry, proszę o fakturę za listopad. Pozdrawiam")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)

        let reply = try desk.ticketd(["tickets", "reply", "1", "--from", "agent@example.com", "-"], stdin: Array("Dzień dobry,\nfaktura jest w załączniku.\n".utf8))
        #expect(reply.status == 0, "\(reply.stderr)")
        let inbox = try desk.servers.messages(of: anna, atLeast: 2)
        #expect(inbox.count == 2)
        let answer = MailMessage.parse(inbox[1].bytes)
        #expect(answer.subject?.contains("[#1]") == true)
        #expect(!answer.headers.contains("Auto-Submitted"), "a person wrote it")
        #expect(answer.textBody.contains("faktura jest w załączniku"))
        #expect(try desk.ticket(1)["state"] as? String == "waiting")

        try desk.send(from: anna, subject: "Re: [#1] Faktura", body: "Dziękuję!")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        let ticket = try desk.ticket(1)
        #expect(ticket["state"] as? String == "open")
        #expect((ticket["messages"] as? [[String: Any]])?.map { $0["kind"] as? String } == ["customer", "ack", "staff", "customer"])

        #expect(try desk.ticketd(["tickets", "close", "1"]).status == 0)
        #expect(try desk.ticket(1)["state"] as? String == "closed")
        #expect(try desk.ticketd(["tickets", "assign", "1", "Lead@Example.com"]).status == 0)
        #expect(try desk.ticket(1)["assignee"] as? String == "lead@example.com")
    }

    /// The notification `staff` got for ticket `number`, and the reply address in it.
    func notification(_ desk: TestDesk, staff: String, ticket number: Int) throws -> (MailMessage, String) {
        let notices = try desk.servers.messages(of: staff, atLeast: 1).map { MailMessage.parse($0.bytes) }
        let notice = try #require(notices.first { $0.subject?.contains("[#\(number)]") == true })
        let replyTo = try #require(notice.replyTo.first?.address)
        return (notice, replyTo)
    }

    @Test("staff hear of a new ticket, answer by replying; the same text From them to the plain desk is held; #note stays internal")
    func answerByMail() throws {
        let agent = "agent-\(UInt64.random(in: 0..<UInt64.max))@example.com"
        let desk = try TestDesk(extraDaemonConfig: "staff = [\"\(agent)\"]")
        let jan = desk.customer("jan", domain: "firma.example")
        try desk.send(from: jan, name: "Jan Kowalski", subject: "Logowanie", body: "Dzień dobry, nie mogę się zalogować.")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)

        let (notice, replyTo) = try notification(desk, staff: agent, ticket: 1)
        #expect(notice.textBody.contains("nie mogę się zalogować"), "the customer's text is in the notification")
        #expect(replyTo.hasPrefix(desk.support.split(separator: "@")[0] + "+t1-"), "a reply address unique to ticket 1 and this agent: \(replyTo)")

        try desk.send(from: agent, to: replyTo, subject: "Re: [#1] New: Logowanie", body: "#note sprawdzam logi serwera",
                      messageID: "<6f1c2a9e-0d41-4c5b-9a77-2b1f0c3d4e5f@example.com>")
        try desk.send(from: agent, subject: "Re: [#1] Logowanie", body: "Dzień dobry, proszę podać hasło do konta.",
                      messageID: "<forged-\(desk.id)@example.com>")
        try desk.send(
            from: agent, to: replyTo, subject: "Re: [#1] New: Logowanie",
            body: "Dzień dobry,\r\nhasło zostało zresetowane.\r\n\r\nW dniu 30.11.2026 ticketd napisał(a):\r\n> Dzień dobry, nie mogę się zalogować.",
            messageID: "<0a7d3e51-92c4-4f0e-8b1d-5c6e7f8091a2@example.com>")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)

        let inbox = try desk.servers.messages(of: jan, atLeast: 2)
        #expect(inbox.count == 2, "the acknowledgement and the relayed answer; neither the note nor the held mail is sent")
        let answer = MailMessage.parse(inbox[1].bytes)
        #expect(answer.subject == "Re: [#1] Logowanie")
        #expect(answer.textBody == "Dzień dobry,\nhasło zostało zresetowane.")
        #expect(!answer.headers.contains("Auto-Submitted"), "a person wrote it")
        #expect(!inbox.contains { String(decoding: $0.bytes, as: UTF8.self).contains("hasło do konta") }, "the forged mail never reaches the customer")
        #expect(!String(decoding: inbox[1].bytes, as: UTF8.self).contains("+t1-"), "the customer never sees a reply token")

        let held = try desk.servers.messages(of: agent, atLeast: 2).map { MailMessage.parse($0.bytes) }
        #expect(held.contains { $0.subject?.contains("Held") == true }, "the agent is told at their real address")
        let ticket = try desk.ticket(1)
        #expect(ticket["state"] as? String == "waiting")
        let events = (ticket["events"] as? [[String: Any]])?.compactMap { $0["detail"] as? String } ?? []
        #expect(events.contains { $0.contains("internal note") })
        #expect(events.contains { $0.contains("relayed to the customer") })
        #expect((ticket["events"] as? [[String: Any]])?.contains { $0["type"] as? String == "held" } == true)

        let released = try desk.ticketd(["tickets", "release", "1", "--by", "admin"])
        #expect(released.status == 0, "\(released.stderr)")
        #expect(try desk.servers.messages(of: jan, atLeast: 3).count == 3, "released after review, it is relayed once")
        #expect(try desk.ticketd(["tickets", "release", "1"]).status == 65, "nothing is held any more")
    }

    @Test("#close by a reply closes the ticket; an unknown command changes nothing and is answered")
    func commandsByMail() throws {
        let agent = "agent-\(UInt64.random(in: 0..<UInt64.max))@example.com"
        let desk = try TestDesk(extraDaemonConfig: "staff = [\"\(agent)\"]")
        let eva = desk.customer("eva")
        try desk.send(from: eva, subject: "Printer", body: "The printer is broken.")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        let (_, replyTo) = try notification(desk, staff: agent, ticket: 1)

        try desk.send(from: agent, to: replyTo, subject: "Re: [#1] New: Printer", body: "#clsoe\r\nFixed it.")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        #expect(try desk.ticket(1)["state"] as? String == "new", "nothing changed")
        let answers = try desk.servers.messages(of: agent, atLeast: 2).map { MailMessage.parse($0.bytes) }
        #expect(answers.contains { $0.subject?.contains("Commands") == true && $0.textBody.contains("clsoe") })
        #expect(try desk.servers.messages(of: eva, atLeast: 1).count == 1, "the customer got only the acknowledgement")

        try desk.send(from: agent, to: replyTo, subject: "Re: [#1] New: Printer", body: "#close")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        #expect(try desk.ticket(1)["state"] as? String == "closed")
        #expect(try desk.servers.messages(of: eva, atLeast: 1).count == 1, "commands alone send the customer nothing")
    }

    @Test("a phone ticket is acknowledged by mail and shows in the organisation's history, newest first")
    func phoneTicketAndHistory() throws {
        let desk = try TestDesk()
        let boss = desk.customer("boss", domain: "acme-\(desk.id).example")
        let clerk = desk.customer("clerk", domain: "acme-\(desk.id).example")
        try desk.send(from: clerk, subject: "VPN access", body: "Hello, I need VPN access please. Thanks")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        let created = try desk.ticketd(
            ["tickets", "create", "--channel", "phone", "--customer", boss, "--name", "The Boss", "--subject", "Called about the invoice", "-"],
            stdin: Array("Customer called: invoice 2026/11 is wrong.".utf8))
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("[#2]"))
        let ack = MailMessage.parse(try #require(try desk.servers.messages(of: boss, atLeast: 1).first).bytes)
        #expect(ack.subject?.contains("[#2]") == true)
        #expect(try desk.ticket(2)["channel"] as? String == "phone")

        let history = try #require(try json(try desk.ticketd(["customers", "show", boss, "--json"])) as? [String: Any])
        let tickets = try #require(history["tickets"] as? [[String: Any]])
        #expect(tickets.map { $0["number"] as? Int } == [2, 1], "the organisation's tickets, newest first")
        #expect(history["organisation"] as? String == "acme-\(desk.id).example")
    }

    @Test("trained filter: spam is dropped and counted, listed, and released as a ticket")
    func spamIsDroppedAndCanBeReleased() throws {
        let desk = try TestDesk(extraSections: "[spam]\nmin_training = 3\n")
        let spamDir = desk.directory + "/train"
        try FileManager.default.createDirectory(atPath: spamDir, withIntermediateDirectories: true)
        let spams = (0..<4).map { "From: winner\($0)@lottery.example\r\nSubject: You WON the lottery prize \($0)!!!\r\n\r\nClaim your FREE prize money now, click http://lottery-prize.example/claim \($0) winner cash bonus casino\r\n" }
        let hams = (0..<4).map { "From: client\($0)@acme.example\r\nSubject: Invoice question \($0)\r\n\r\nHello, could you please check my invoice number \($0)? The printer login also fails. Thanks, regards\r\n" }
        for (index, text) in spams.enumerated() { try text.write(toFile: "\(spamDir)/s\(index).eml", atomically: true, encoding: .utf8) }
        for (index, text) in hams.enumerated() { try text.write(toFile: "\(spamDir)/h\(index).eml", atomically: true, encoding: .utf8) }
        #expect(try desk.ticketd(["spam", "train", "--spam"] + (0..<4).map { "\(spamDir)/s\($0).eml" }).status == 0)
        #expect(try desk.ticketd(["spam", "train", "--ham"] + (0..<4).map { "\(spamDir)/h\($0).eml" }).status == 0)
        let check = try desk.ticketd(["spam", "check", "--json", "\(spamDir)/s0.eml", "\(spamDir)/h0.eml"])
        let lines = check.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.map { $0["verdict"] as? String } == ["spam", "ham"], "\(check.stdout)")
        #expect(lines.first?["file"] as? String == "\(spamDir)/s0.eml")

        try desk.send(from: desk.customer("winner"), subject: "You WON the lottery prize!!!", body: "Claim your FREE prize money now, click http://lottery-prize.example/claim winner cash bonus casino")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        #expect(try desk.tickets().isEmpty)
        let report = try #require(try json(try desk.ticketd(["report", "--json"])) as? [String: Any])
        #expect((report["dropped"] as? [String: Int])?["spam"] == 1)
        #expect(try desk.servers.messages(of: desk.support, folder: "Spam").count == 1, "spam is moved to the spam folder, not deleted")
        let listed = try #require(try json(try desk.ticketd(["spam", "list", "--json"])) as? [[String: Any]])
        let id = try #require(listed.first?["id"] as? Int)
        let released = try desk.ticketd(["spam", "release", "\(id)"])
        #expect(released.status == 0, "\(released.stderr)")
        #expect(try desk.tickets().count == 1)
    }

    @Test("backup writes a usable copy; status reports the last cycle")
    func backupAndStatus() throws {
        let desk = try TestDesk()
        try desk.send(from: desk.customer("zoe"), subject: "Hello", body: "Please help me with my account.")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        let copy = desk.directory + "/backup.sqlite"
        #expect(try desk.ticketd(["backup", copy]).status == 0)
        let count = try Harness.run("/usr/bin/sqlite3", [copy, "SELECT COUNT(*) FROM tickets"])
        #expect(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        let status = try #require(try json(try desk.ticketd(["status", "--json"])) as? [String: Any])
        let cycle = try #require(status["last_cycle"] as? [String: Any])
        #expect((cycle["mailboxes"] as? [[String: Any]])?.first?["state"] as? String == "up")
        #expect(status["outbox_queued"] as? Int == 0)
    }
}
