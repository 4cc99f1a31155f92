import Foundation
import MailMessage
import Testing

/// `[assignment]` on real mail: who gets new tickets and who hears of them.
@Suite("Assignment against real servers", .timeLimit(.minutes(3)))
struct AssignmentIntegrationTests {
    @Test("with one of two agents away, four new tickets all go to the present one and each notification reaches only her")
    func absentAgentGetsNothing() throws {
        let suffix = UInt64.random(in: 0..<UInt64.max)
        let anna = "anna-\(suffix)@example.com", piotr = "piotr-\(suffix)@example.com"
        let desk = try TestDesk(extraSections: """
            [[staff]]
            address = "\(anna)"
            name = "Anna Kovács"
            languages = ["hu", "en"]

            [[staff]]
            address = "\(piotr)"
            name = "Piotr Nowak"
            languages = ["pl", "en"]

            [[absence]]
            staff = "\(piotr)"
            from = "2026-12-01"
            to = "2026-12-04"

            [assignment]
            policy = "least_loaded"
            """)
        for index in 0..<4 {
            try desk.send(from: desk.customer("c\(index)"), subject: "Request \(index)", body: "Hello, request number \(index): the VPN does not connect.")
        }
        #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-02T10:00:00+01:00"]).status == 0)
        let tickets = try desk.tickets()
        #expect(tickets.count == 4)
        #expect(tickets.map { $0["assignee"] as? String } == Array(repeating: anna, count: 4))
        for number in 1...4 {
            let events = (try desk.ticket(number)["events"] as? [[String: Any]]) ?? []
            #expect(events.contains { $0["type"] as? String == "assigned" && ($0["detail"] as? String)?.contains("least loaded") == true })
        }
        let annaMail = try desk.servers.messages(of: anna, atLeast: 4).map { MailMessage.parse($0.bytes) }
        #expect(annaMail.filter { $0.subject?.contains("New:") == true }.count == 4)
        Thread.sleep(forTimeInterval: 1)
        #expect(try desk.servers.messages(of: piotr).isEmpty, "nothing reaches the agent who is away")

        let staff = try #require(try JSONSerialization.jsonObject(with: Data(try desk.ticketd(["staff", "list", "--json", "--now", "2026-12-02T10:00:00+01:00"]).stdout.utf8)) as? [[String: Any]])
        #expect(staff.first { $0["address"] as? String == anna }?["open"] as? Int == 4)
        #expect(staff.first { $0["address"] as? String == piotr }?["away"] as? Bool == true)
    }
}
