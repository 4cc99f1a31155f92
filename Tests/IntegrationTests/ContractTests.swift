import Foundation
import MailMessage
import Testing

/// Support contracts on real mail: time logged by command counts against the organisation's free
/// hours, the contact hears once per threshold and once before renewal, in their language.
@Suite("Support contracts against real servers", .timeLimit(.minutes(3)))
struct ContractIntegrationTests {
    @Test("tickets time crosses 80% and 100% of ACME's 2 hours: one Hungarian notice each; one renewal reminder; report and contracts list agree")
    func hoursNoticesAndReminder() throws {
        let desk = try TestDesk(extraSections: "")
        let boss = desk.customer("boss")
        let anna = desk.customer("anna", domain: "desk.example")
        try """
            [[staff]]
            address = "\(anna)"

            [organisations]
            "acme.example" = "ACME Ltd"

            [[contract]]
            organisation = "ACME Ltd"
            hours = 2
            period = "month"
            start = "2026-01-01"
            renewal = "2027-01-10"
            contact = "\(boss)"
            language = "hu"

            [[reminder]]
            name = "renewal-30d"
            before = "30d"
            template = "renewal"
            """.appendLine(toFile: desk.configPath)
        #expect(try desk.ticketd(["config", "check"]).status == 0)
        let eva = desk.customer("eva")
        try desk.send(from: eva, subject: "VPN keeps dropping", body: "Hello, the VPN disconnects every ten minutes. Eva")
        #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-02T10:00:00+01:00"]).status == 0)

        let first = try desk.ticketd(["tickets", "time", "1", "1h30m", "--staff", "anna@desk.example", "--note", "router logs", "--now", "2026-12-02T11:00:00+01:00"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("logged 1h30m for anna@desk.example"))
        #expect(try desk.servers.messages(of: boss).isEmpty, "75% crosses no threshold")

        let second = try desk.ticketd(["tickets", "time", "1", "15m", "--staff", "ben@desk.example", "--now", "2026-12-02T12:00:00+01:00"])
        #expect(second.status == 0, "\(second.stderr)")
        var toBoss = try desk.servers.messages(of: boss, atLeast: 1).map { MailMessage.parse($0.bytes) }
        #expect(toBoss.count == 1)
        #expect(toBoss.first?.subject?.contains("80% felhasználva") == true, "\(toBoss.first?.subject ?? "")")
        #expect(toBoss.first?.textBody.contains("1.75") == true)

        for hour in 13...15 {
            #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-02T\(hour):00:00+01:00"]).status == 0)
        }
        #expect(try desk.servers.messages(of: boss).count == 1, "the watcher sends nothing twice")

        #expect(try desk.ticketd(["tickets", "time", "1", "0.5h", "--staff", "anna@desk.example", "--now", "2026-12-03T09:00:00+01:00"]).status == 0)
        toBoss = try desk.servers.messages(of: boss, atLeast: 2).map { MailMessage.parse($0.bytes) }
        #expect(toBoss.count == 2)
        #expect(toBoss.last?.subject?.contains("100% felhasználva") == true)

        for _ in 0..<2 {
            #expect(try desk.ticketd(["run", "--once", "--now", "2026-12-12T10:00:00+01:00"]).status == 0)
        }
        toBoss = try desk.servers.messages(of: boss, atLeast: 3).map { MailMessage.parse($0.bytes) }
        #expect(toBoss.count == 3, "one reminder 30 days before the renewal, however often the watcher runs")
        #expect(toBoss.last?.subject?.contains("2027-01-10") == true)
        let copies = try desk.servers.messages(of: anna, atLeast: 3).map { MailMessage.parse($0.bytes) }.filter { $0.subject?.contains("Copy") == true }
        #expect(copies.count == 3, "staff get one copy of each mail to the contact: \(copies.map { $0.subject ?? "" })")
        let tag = { (subject: String?) in subject.flatMap { try? Regex(#"\[#\d+\]"#).firstMatch(in: $0) }.map { String($0.output[0].substring ?? "") } }
        #expect(Set(copies.map { tag($0.subject) }) == Set(toBoss.map { tag($0.subject) }), "each copy is on the ticket of the mail it copies")
        let reminderTicket = try #require(try desk.tickets().first { ($0["customer"] as? [String: Any])?["address"] as? String == boss && ($0["subject"] as? String)?.contains("renewal") == true })
        #expect(reminderTicket["state"] as? String == "waiting", "the contact's answer threads onto it")

        let ticket = try desk.ticket(1)
        #expect((ticket["time"] as? [[String: Any]])?.count == 3)
        #expect(ticket["time_spent_hours"] as? Double == 2.25)

        let report = try desk.ticketd(["report", "--json"])
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let hours = try #require(figures["hours"] as? [String: Any])
        let acme = try #require((hours["by_organisation"] as? [String: Any])?["ACME Ltd"] as? [String: Double])
        #expect(acme == ["spent": 2.25, "free": 2, "billable": 0.25])
        #expect(hours["by_staff"] as? [String: Double] == ["anna@desk.example": 2, "ben@desk.example": 0.25])

        let listed = try desk.ticketd(["contracts", "list", "--json", "--now", "2026-12-12T10:00:00+01:00"])
        let contracts = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(contracts.first?["spent"] as? Double == 2.25 && contracts.first?["billable"] as? Double == 0.25)
        #expect((contracts.first?["mail_sent"] as? [String: Any])?.count == 3)

        let entry = try #require((ticket["time"] as? [[String: Any]])?.last?["id"] as? Int)
        #expect(try desk.ticketd(["tickets", "time", "1", "--remove", "\(entry)"]).status == 0)
        #expect(try desk.ticket(1)["time_spent_hours"] as? Double == 1.75)
        #expect(try desk.ticketd(["tickets", "time", "1", "25h"]).status == 64, "more than a day is a typo")
    }

    @Test("config check names the line of a contract with absurd hours, an unknown organisation or a bad reminder")
    func badContractsAreRefusedAtTheirLine() throws {
        let desk = try TestDesk(extraSections: """
            [[contract]]
            organisation = "Nobody"
            hours = 1e9
            contact = "x@y.example"
            start = "2026-01-01"

            [[contract]]
            organisation = "acme.example"
            hours = -1
            contact = "x@acme.example"
            start = "2026-01-01"

            [[reminder]]
            name = "soon"
            before = "tomorrow"
            """)
        let check = try desk.ticketd(["config", "check"])
        #expect(check.status == 78)
        #expect(check.stderr.contains("'Nobody' is neither a name from [organisations] nor a mail domain"), "\(check.stderr)")
        #expect(check.stderr.contains("'hours' must be a number of hours above 0"), "\(check.stderr)")
        #expect(check.stderr.contains("'before' must be calendar days"), "\(check.stderr)")
        #expect(check.stderr.range(of: #"ticketd\.toml:\d+:\d+: "#, options: .regularExpression) != nil)
    }
}

extension String {
    /// Appends this text and a line break to the file at `path`.
    func appendLine(toFile path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("\n" + self + "\n").utf8))
    }
}
