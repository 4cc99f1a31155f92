import Foundation
import MailMessage
import Testing

/// The admin's `[[rule]]`s on real mail through Postfix and Dovecot, `rules test` and `rules replay`.
@Suite("Rules against real servers", .timeLimit(.minutes(3)))
struct RulesTests {
    static let rules = """
        [sla.queue.billing]
        first_response = "2h"

        [[rule]]
        name = "Hungarian invoices"
        conditions = [
          { field = "subject", contains = "számla" },
          { field = "language", is = "hu" },
        ]
        queue = "billing"
        priority = "high"
        """

    func json(_ output: Harness.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stdout)\(output.stderr)")
    }

    @Test("a Hungarian invoice is routed to billing with priority high, promised by billing's target, exactly as `rules test` predicts")
    func hungarianInvoiceIsRouted() throws {
        let desk = try TestDesk(extraSections: Self.rules)
        let peter = desk.customer("peter", domain: "ceg.example")
        let raw = """
            From: =?UTF-8?Q?Kov=C3=A1cs_P=C3=A9ter?= <\(peter)>\r\nTo: \(desk.support)\r\nSubject: =?UTF-8?Q?Sz=C3=A1mla_let=C3=B6lt=C3=A9se?=\r\n\
            Message-ID: <inv-\(desk.id)@ceg.example>\r\nDate: \(TestDesk.rfc5322Date())\r\nMIME-Version: 1.0\r\n\
            Content-Type: text/plain; charset=utf-8\r\n\r\nJó napot! Nem működik a számla letöltése a portálon.\r\nÜdvözlettel: Kovács Péter\r\n
            """
        let file = desk.directory + "/invoice.eml"
        try raw.write(toFile: file, atomically: true, encoding: .utf8)

        let predicted = try json(try desk.ticketd(["rules", "test", "--json", file]))
        let result = try #require(predicted["result"] as? [String: Any])
        #expect(result["queue"] as? String == "billing")
        #expect(result["priority"] as? String == "high")
        #expect((predicted["rules"] as? [[String: Any]])?.first?["matched"] as? Bool == true)
        #expect(try desk.tickets().isEmpty, "rules test stores nothing")

        try desk.servers.deliver(raw, from: peter, to: [desk.support])
        _ = try desk.servers.messages(of: desk.support, atLeast: 1)
        #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-02T10:00:00+01:00"]).status == 0)
        let ticket = try desk.ticket(1)
        #expect(ticket["queue"] as? String == result["queue"] as? String)
        #expect(ticket["priority"] as? String == result["priority"] as? String)
        #expect(ticket["rules"] as? [String] == ["Hungarian invoices"])
        #expect(ticket["promised_by"] as? String == "2026-12-02T11:00:00Z", "billing's 2h from 10:00 Budapest, not the desk's next day")
        let ack = MailMessage.parse(try #require(try desk.servers.messages(of: peter, atLeast: 1).first).bytes)
        #expect(ack.textBody.contains("12:00"), "the acknowledgement names billing's promise: \(ack.textBody)")
    }

    @Test("`rules replay` reports the tickets whose queue a changed rule would change, and changes nothing")
    func replayShowsWhatWouldChange() throws {
        let desk = try TestDesk(extraSections: Self.rules)
        for (index, subject) in ["VPN does not connect", "Printer jam", "VPN certificate expired"].enumerated() {
            try desk.send(from: desk.customer("c\(index)"), subject: subject, body: "Hello, \(subject.lowercased()). Thanks")
        }
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        #expect(try desk.tickets().count == 3)

        let config = try String(contentsOfFile: desk.configPath, encoding: .utf8)
        try (config + "\n[[rule]]\nname = \"VPN to network\"\nconditions = [{ field = \"subject\", contains = \"vpn\" }]\nqueue = \"network\"\n\n[sla.queue.network]\nfirst_response = \"4h\"\n")
            .write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        let replay = try json(try desk.ticketd(["rules", "replay", "--json"]))
        let changes = try #require(replay["changes"] as? [[String: Any]])
        #expect(changes.filter { $0["field"] as? String == "queue" }.compactMap { $0["ticket"] as? Int }.sorted() == [1, 3])
        #expect(changes.allSatisfy { $0["to"] as? String == "network" })
        #expect(replay["changed"] as? Int == 2)
        #expect(try desk.tickets().map { $0["queue"] as? String } == ["support", "support", "support"], "replay changes nothing")
    }
}
