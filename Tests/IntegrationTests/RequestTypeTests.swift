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
            first_response = "5bd"

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
        #expect(try desk.servers.messages(of: eva).count == 2, "the customer hears nothing more")
    }
}
