import Foundation
import MailMessage
import Testing

/// Deadline promises end to end: the acknowledgement's promise, and exactly one follow-up per slip.
@Suite("Promises against real Dovecot and Postfix", .timeLimit(.minutes(3)))
struct PromiseTests {
    @Test("Friday 16:45 mail: Hungarian ack promising Monday; past the promise one follow-up and one staff alarm, once")
    func fridayEveningPromiseAndSlip() throws {
        let staffID = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        let agent = "agent-\(staffID)@example.com"
        let desk = try TestDesk(extraDaemonConfig: "staff = [\"\(agent)\"]")
        let peter = desk.customer("peter", domain: "ceg.example")
        try desk.send(
            from: peter, name: "Kovács Péter", subject: "=?UTF-8?Q?Nem_m=C5=B1k=C3=B6dik_a_sz=C3=A1mla?=",
            body: "Jó napot! A számla letöltése nem működik. Kérem, segítsenek.\r\n\r\nÜdvözlettel:\r\nKovács Péter")

        let intake = try desk.ticketd(["run", "--once", "--now", "2026-11-20T16:45:00+01:00"])
        #expect(intake.status == 0, "\(intake.stderr)")
        let ack = MailMessage.parse(try #require(try desk.servers.messages(of: peter, atLeast: 1).first).bytes)
        #expect(ack.subject?.contains("[#1]") == true)
        #expect(ack.textBody.contains("Köszönjük levelét"), "\(ack.textBody)")
        #expect(ack.textBody.contains("2026. november 23., hétfő"), "the promise names Monday: \(ack.textBody)")
        let ticket = try desk.ticket(1)
        #expect(ticket["language"] as? String == "hu")
        #expect((ticket["promise_history"] as? [String])?.count == 1)

        let late = "2026-11-23T17:30:00+01:00"
        let slip = try desk.ticketd(["run", "--once", "--now", late])
        #expect(slip.status == 0, "\(slip.stderr)")
        let again = try desk.ticketd(["run", "--once", "--now", late])
        #expect(again.status == 0)
        let restart = try desk.ticketd(["run", "--once", "--now", "2026-11-23T17:31:00+01:00"])
        #expect(restart.status == 0)

        let customerMail = try desk.servers.messages(of: peter, atLeast: 2)
        Thread.sleep(forTimeInterval: 1)
        #expect(try desk.servers.messages(of: peter).count == 2, "ack + exactly one follow-up")
        let followUp = MailMessage.parse(try #require(customerMail.last).bytes)
        #expect(followUp.textBody.contains("elnézést kérünk"), "\(followUp.textBody)")
        #expect(followUp.headers["Auto-Submitted"] == "auto-generated")
        let staffMail = try desk.servers.messages(of: agent, atLeast: 2).map { MailMessage.parse($0.bytes) }
        #expect(staffMail.filter { $0.subject?.contains("New:") == true }.count == 1, "the new ticket's notification")
        let alarms = staffMail.filter { $0.subject?.contains("New:") != true }
        #expect(alarms.count == 1)
        #expect(alarms.first?.subject?.contains("OVERDUE") == true)
        #expect((try desk.ticket(1)["promise_history"] as? [String])?.count == 2)
    }

    @Test("four promises slip at once past sla.digest_after = 2: four follow-ups, one digest to the agent, once; a reply to the digest is held")
    func massSlipSendsOneDigest() throws {
        let staffID = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        let agent = "agent-\(staffID)@example.com"
        let desk = try TestDesk(extraDaemonConfig: "staff = [\"\(agent)\"]", extraSections: "[sla]\ndigest_after = 2")
        let customers = (1...4).map { desk.customer("c\($0)") }
        for (index, customer) in customers.enumerated() {
            try desk.send(from: customer, subject: "Printer \(index + 1) is broken", body: "Hello, printer \(index + 1) does not print. Thanks")
        }
        #expect(try desk.ticketd(["run", "--once", "--now", "2026-11-20T16:45:00+01:00"]).status == 0)
        for _ in 0..<2 {
            let slip = try desk.ticketd(["run", "--once", "--now", "2026-11-23T17:30:00+01:00"])
            #expect(slip.status == 0, "\(slip.stderr)")
        }
        for customer in customers {
            #expect(try desk.servers.messages(of: customer, atLeast: 2).count == 2, "ack + one follow-up for \(customer)")
        }
        let staffMail = try desk.servers.messages(of: agent, atLeast: 5).map { MailMessage.parse($0.bytes) }
        let digests = staffMail.filter { $0.subject?.contains("promises slipped") == true }
        #expect(digests.count == 1 && staffMail.count == 5, "four new-ticket notifications and one digest: \(staffMail.map { $0.subject ?? "" })")
        let digest = try #require(digests.first)
        #expect((1...4).allSatisfy { digest.textBody.contains("[#\($0)] Printer \($0) is broken") }, "\(digest.textBody)")

        try desk.send(from: agent, subject: "Re: \(digest.subject ?? "")", body: "I will look at them.", extraHeaders: ["In-Reply-To: \(digest.messageID ?? "")"])
        #expect(try desk.ticketd(["run", "--once", "--now", "2026-11-23T17:40:00+01:00"]).status == 0)
        let held = try desk.servers.messages(of: agent, atLeast: 6).map { MailMessage.parse($0.bytes) }.last
        #expect(held?.subject?.contains("Held") == true, "\(held?.subject ?? "")")
        #expect(try desk.servers.messages(of: customers[0]).count == 2, "nothing reached the customer of the ticket the digest is stored on")
    }
}
