import Foundation
import Testing

@Suite("Threading against real Dovecot and Postfix", .timeLimit(.minutes(3)))
struct ThreadingIntegrationTests {
    @Test("an Outlook reply without References joins the ticket; the same subject from another customer opens a new one")
    func outlookReplyAndSameSubjectElsewhere() throws {
        let desk = try TestDesk()
        let peter = desk.customer("peter", domain: "ceg.example")
        let other = desk.customer("jan", domain: "firma.example")
        try desk.send(from: peter, name: "Kovács Péter", subject: "Számla", body: "Jó napot! Hibás a számla összege. Üdvözlettel")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)

        try desk.send(from: peter, name: "Kovács Péter", subject: "VÁ: Számla", body: "Elnézést, a számla száma 2026/123.",
                      extraHeaders: ["Thread-Index: AdlYwq1234567890abcdef==", "X-MS-Has-Attach:"])
        try desk.send(from: other, subject: "Számla", body: "Dzień dobry, proszę o fakturę.")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)

        let tickets = try desk.tickets()
        #expect(tickets.count == 2)
        let first = try desk.ticket(1)
        #expect((first["messages"] as? [[String: Any]])?.filter { $0["kind"] as? String == "customer" }.count == 2)
        #expect((try desk.ticket(2)["customer"] as? [String: Any])?["address"] as? String == other)
        #expect(try desk.servers.messages(of: peter).count == 1, "the reply is not acknowledged again")
    }
}
