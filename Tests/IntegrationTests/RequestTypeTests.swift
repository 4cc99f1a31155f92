import Foundation
import MailMessage
import Testing

/// A request type's process on real mail: a rule starts it, `tickets step` moves it, the watcher escalates a late step once.
@Suite("Request types against real servers", .timeLimit(.minutes(3)))
struct RequestTypeIntegrationTests {
    @Test("a rule sets device_swap; `tickets step N next` sends one visit notice; past the step's due one escalation to the lead, once")
    func deviceSwap() throws {
        let suffix = UInt64.random(in: 0..<UInt64.max)
        let lead = "lead-\(suffix)@example.com", tech = "tech-\(suffix)@example.com"
        let desk = try TestDesk(extraSections: """
            [sla]
            first_response = "10bd"

            [[staff]]
            address = "\(lead)"
            role = "lead"

            [[staff]]
            address = "\(tech)"
            skills = ["field"]

            [[rule]]
            name = "device swaps"
            conditions = [{ field = "subject", contains = "replace" }]
            request_type = "device_swap"

            [request_type.device_swap]
            title = { en = "Device replacement", hu = "Eszközcsere", pl = "Wymiana urządzenia" }
            steps = [
              { name = "triage", owner = "support", due = "4h" },
              { name = "visit",  owner = "field",   due = "2bd", notify = "visit_scheduled" },
              { name = "done",   owner = "support", due = "1bd", notify = "done" },
            ]
            escalate = [{ after = 1.0, to = "lead" }, { after = 1.5, to = "manager" }]
            """)
        let eva = desk.customer("eva")
        try desk.send(from: eva, subject: "Please replace my broken router", body: "Hello, my router is dead since yesterday. Can you replace it? Eva")
        #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-02T10:00:00+01:00"]).status == 0)
        let ack = MailMessage.parse(try #require(try desk.servers.messages(of: eva, atLeast: 1).first).bytes)
        #expect(ack.textBody.contains("The whole process (Device replacement) should be completed by"), "\(ack.textBody)")
        var ticket = try desk.ticket(1)
        #expect(ticket["request_type"] as? String == "device_swap")
        #expect((ticket["step"] as? [String: Any])?["name"] as? String == "triage")

        let stepped = try desk.ticketd(["tickets", "step", "1", "next", "--now", "2026-12-02T11:00:00+01:00"])
        #expect(stepped.status == 0, "\(stepped.stderr)")
        ticket = try desk.ticket(1)
        let step = try #require(ticket["step"] as? [String: Any])
        #expect(step["name"] as? String == "visit" && step["owner"] as? String == "field")
        #expect(step["due_at"] as? String == "2026-12-04T10:00:00Z", "2 business days after Wednesday 11:00 Budapest")
        #expect((ticket["steps"] as? [[String: Any]])?.map { $0["name"] as? String } == ["triage", "visit"])
        #expect(ticket["assignee"] as? String == tech, "the step's owner, by skill")
        let customerMail = try desk.servers.messages(of: eva, atLeast: 2).map { MailMessage.parse($0.bytes) }
        #expect(customerMail.count == 2, "the acknowledgement and exactly one visit notice")
        #expect(customerMail.last?.textBody.contains("visit") == true)

        for _ in 0..<3 {
            #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-04T12:00:00+01:00"]).status == 0)
        }
        let escalations = try desk.servers.messages(of: lead, atLeast: 1).map { MailMessage.parse($0.bytes) }
            .filter { $0.subject?.contains("STEP OVERDUE") == true }
        #expect(escalations.count == 1, "one escalation for the rung, however often the watcher runs")
        #expect(escalations.first?.subject?.contains("visit") == true)
        #expect(escalations.first?.headers["Reply-To"]?.contains("+") == true, "the lead's own reply address: \(escalations.first?.headers["Reply-To"] ?? "none")")
        #expect(try desk.servers.messages(of: eva).count == 2, "the customer hears nothing more")

        // Back to triage and on to the visit again (the technician found a second fault): the
        // new visit gets its own window, and overrunning it escalates again, once.
        #expect(try desk.ticketd(["tickets", "step", "1", "triage", "--now", "2026-12-07T09:00:00+01:00"]).status == 0)
        #expect(try desk.ticketd(["tickets", "step", "1", "visit", "--now", "2026-12-07T10:00:00+01:00"]).status == 0)
        #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-08T10:00:00+01:00"]).status == 0)
        #expect(try lateVisits(desk, lead) == 1, "the second visit is not late yet")
        for _ in 0..<2 {
            #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-09T12:00:00+01:00"]).status == 0)
        }
        #expect(try lateVisits(desk, lead) == 2, "the second visit overran its window: escalated again, once")
        #expect(try desk.servers.messages(of: eva).count == 2, "no second visit notice: the customer was told of the visit")

        for (whom, address) in [("customer", eva), ("lead", lead), ("technician", tech)] {
            for raw in try desk.servers.messages(of: address) {
                let mail = MailMessage.parse(raw.bytes)
                let lines = mail.textBody.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.prefix(3)
                print("device_swap run: to \(whom): \(mail.subject ?? "") | \(lines.joined(separator: " / "))")
            }
        }
    }

    private func lateVisits(_ desk: TestDesk, _ lead: String) throws -> Int {
        try desk.servers.messages(of: lead).map { MailMessage.parse($0.bytes) }.filter { $0.subject?.contains("STEP OVERDUE") == true }.count
    }
}
