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
}
