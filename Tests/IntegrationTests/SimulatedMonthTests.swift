import Foundation
import MailMessage
import Testing

/// November 2026 on a Budapest desk (HU holidays; 1 November is a Sunday holiday), driven with
/// `--now` through real Postfix and Dovecot: ten tickets, two staff, ACME's contract of 3 free
/// hours crossing 80% on the 5th and 100% on the 9th, a renewal reminder on the 24th. The test
/// keeps its own truth of what it did and checks every figure of `report --json` and `--csv`
/// against it, then loads `--html` in headless Chromium and saves a screenshot.
@Suite("A simulated month against real servers", .serialized, .timeLimit(.minutes(3)))
struct SimulatedMonthTests {
    /// What the test did, as plain values: the report must say exactly this.
    struct Truth {
        struct Ticket {
            var number: Int
            var opened: Date
            /// The `[organisations]` name of the customer's domain.
            var organisation: String
            var channel = "email"
            var language = "en"
            var state = "new"
            var answeredAt: Date?
            /// Business seconds to the first answer, worked out by hand on Mon–Fri 08:00–17:00.
            var firstResponseBusiness: Int?
            /// Business seconds from opening to the last resolution or closing, by hand.
            var resolutionBusiness: Int?
            var reopens = 0
            /// The backlog bucket at the report's `now`, by hand; nil when not open.
            var backlogBucket: String?
        }

        struct Outcome {
            var ticket: Int
            var kept: Bool
            var agent: String
        }

        var tickets: [Int: Ticket] = [:]
        var outcomes: [Outcome] = []
        /// Minutes logged: organisation, staff, minutes.
        var time: [(organisation: String, staff: String, minutes: Int)] = []
        /// Free hours per organisation with a contract, one period in the month.
        var contractHours: [String: Double] = [:]

        mutating func open(_ number: Int, at: Date, organisation: String = "ACME", channel: String = "email", language: String = "en", state: String = "new") {
            tickets[number] = Ticket(number: number, opened: at, organisation: organisation, channel: channel, language: language, state: state)
        }

        /// The truth of one organisation's statement (`report --organisation`).
        func only(_ organisation: String) -> Truth {
            var truth = self
            truth.tickets = tickets.filter { $0.value.organisation == organisation }
            truth.outcomes = outcomes.filter { tickets[$0.ticket]?.organisation == organisation }
            truth.time = time.filter { $0.organisation == organisation }
            return truth
        }

        mutating func answer(_ number: Int, at: Date, business: Int) {
            tickets[number]?.answeredAt = at
            tickets[number]?.firstResponseBusiness = business
            tickets[number]?.state = "waiting"
        }

        mutating func finish(_ number: Int, state: String, business: Int) {
            tickets[number]?.state = state
            tickets[number]?.resolutionBusiness = business
        }

        mutating func reopen(_ number: Int) {
            tickets[number]?.reopens += 1
            tickets[number]?.state = "open"
            tickets[number]?.resolutionBusiness = nil
        }

        var all: [Ticket] { tickets.values.sorted { $0.number < $1.number } }
        var answered: [Ticket] { all.filter { $0.answeredAt != nil } }
        var resolved: [Ticket] { all.filter { $0.resolutionBusiness != nil } }

        func count(_ key: (Ticket) -> String) -> [String: Int] {
            Dictionary(grouping: all, by: key).mapValues(\.count)
        }

        static func median(_ values: [Double]) -> Double {
            let sorted = values.sorted(), middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }

        /// Nearest rank: the smallest value at least 90% of the values are at or below.
        static func p90(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted[Int((Double(sorted.count) * 0.9).rounded(.up)) - 1]
        }

        static let buckets = ["<1h", "1-4h", "4-8h", "8-24h", "24-40h", "40h+"]

        static func bucket(_ seconds: Int) -> String {
            let hours = Double(seconds) / 3600
            return hours < 1 ? "<1h" : hours < 4 ? "1-4h" : hours < 8 ? "4-8h" : hours < 24 ? "8-24h" : hours < 40 ? "24-40h" : "40h+"
        }

        static func distribution(_ samples: [(Int, Int)]) -> (counts: [String: Int], tickets: [String: [Int]]) {
            var tickets = Dictionary(uniqueKeysWithValues: buckets.map { ($0, [Int]()) })
            for (number, seconds) in samples.sorted(by: { $0.0 < $1.0 }) { tickets[bucket(seconds)]!.append(number) }
            return (tickets.mapValues(\.count), tickets)
        }

        func tally(_ outcomes: [Outcome]) -> (kept: Int, missed: Int, ticketsMissed: [Int]) {
            (outcomes.filter(\.kept).count, outcomes.filter { !$0.kept }.count, Array(Set(outcomes.filter { !$0.kept }.map(\.ticket))).sorted())
        }

        var hoursByOrganisation: [String: (spent: Double, free: Double, billable: Double)] {
            Dictionary(grouping: time, by: \.organisation).mapValues { entries in
                let spent = Double(entries.reduce(0) { $0 + $1.minutes }) / 60
                let free = min(spent, contractHours[entries[0].organisation] ?? 0)
                return (spent, free, spent - free)
            }
        }

        var hoursByStaff: [String: Double] {
            Dictionary(grouping: time, by: \.staff).mapValues { Double($0.reduce(0) { $0 + $1.minutes }) / 60 }
        }
    }

    /// `2026-11-02T09:00` in Budapest (CET, +01:00 all November).
    static func at(_ local: String) -> Date {
        ISO8601DateFormatter().date(from: local + ":00+01:00")!
    }

    static func now(_ local: String) -> [String] { ["--now", local + ":00+01:00"] }

    @Test("every report figure of November matches the truth; two contract notices and one reminder, each once; the page renders")
    func november() throws {
        let desk = try TestDesk(extraDaemonConfig: "")
        let anna = desk.customer("anna", domain: "desk.example"), ben = desk.customer("ben", domain: "desk.example")
        let boss = desk.customer("boss"), eva = desk.customer("eva"), kata = desk.customer("kata"), tom = desk.customer("tom")
        let joe = desk.customer("joe", domain: "globex.example")
        try """
            [sla]
            first_response = "4h"
            throughput = 100

            [organisations]
            "acme.example" = "ACME"
            "globex.example" = "Globex"

            [[contract]]
            organisation = "ACME"
            hours = 3
            period = "month"
            start = "2026-01-01"
            renewal = "2026-12-15"
            contact = "\(boss)"
            language = "hu"

            [[reminder]]
            name = "renewal-3w"
            before = "21d"
            template = "renewal"
            """.appendLine(toFile: desk.configPath)
        try String(contentsOfFile: desk.configPath, encoding: .utf8)
            .replacingOccurrences(of: "poll_interval = \"2s\"", with: "poll_interval = \"2s\"\nstaff = [\"\(anna)\", \"\(ben)\"]")
            .write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        let check = try desk.ticketd(["config", "check"])
        #expect(check.status == 0, "\(check.stderr)")

        func ticketd(_ arguments: [String], stdin: String? = nil) throws {
            let output = try desk.ticketd(arguments, stdin: stdin.map { Array($0.utf8) })
            guard output.status == 0 else { throw HarnessError("ticketd \(arguments) exited \(output.status): \(output.stderr)") }
        }
        func cycle(_ local: String) throws { try ticketd(["run", "--once"] + Self.now(local)) }
        func mail(from: String, subject: String, body: String, at local: String) throws {
            try desk.send(from: from, subject: subject, body: body)
            try cycle(local)
        }
        func reply(_ number: Int, from staff: String, at local: String) throws {
            try ticketd(["tickets", "reply", "\(number)", "--from", staff] + Self.now(local) + ["-"], stdin: "We are on it; details follow.")
        }
        func assign(_ number: Int, to staff: String, at local: String) throws {
            try ticketd(["tickets", "assign", "\(number)", staff] + Self.now(local))
        }
        var truth = Truth()
        truth.contractHours = ["ACME": 3]
        func log(_ number: Int, _ duration: String, minutes: Int, staff: String, organisation: String, at local: String) throws {
            try ticketd(["tickets", "time", "\(number)", duration, "--staff", staff] + Self.now(local))
            truth.time.append((organisation, staff, minutes))
        }

        // Mon 2 Nov 09:00, ACME. Promise 13:00 (4 business hours). Anna answers 10:30: kept,
        // 1.5 h = 5400 s. Resolved Tue 09:00: Mon 09–17 (8 h) + Tue 08–09 (1 h) = 32400 s.
        try mail(from: eva, subject: "VPN drops every ten minutes", body: "Hello, the VPN disconnects every ten minutes since this morning. Eva", at: "2026-11-02T09:00")
        truth.open(1, at: Self.at("2026-11-02T09:00"))
        try assign(1, to: anna, at: "2026-11-02T09:05")
        try reply(1, from: anna, at: "2026-11-02T10:30")
        truth.answer(1, at: Self.at("2026-11-02T10:30"), business: 5400)
        truth.outcomes.append(.init(ticket: 1, kept: true, agent: anna))
        try log(1, "1h", minutes: 60, staff: anna, organisation: "ACME", at: "2026-11-02T10:30")

        // Mon 2 Nov 16:30, Globex (no contract). Promise: 0.5 h Monday + 3.5 h Tuesday = Tue 11:30,
        // rounded up to 12:00. Ben answers Tue 08:45: kept, 0.5 h + 0.75 h = 4500 s. Closed Tue 10:00:
        // 0.5 h + 2 h = 9000 s. A mistaken 10 minutes are logged and removed.
        try mail(from: joe, subject: "Invoice question", body: "Hello, our October invoice lists two licences twice. Joe", at: "2026-11-02T16:30")
        truth.open(2, at: Self.at("2026-11-02T16:30"), organisation: "Globex")
        try assign(2, to: ben, at: "2026-11-02T16:35")
        try ticketd(["tickets", "resolve", "1"] + Self.now("2026-11-03T09:00"))
        truth.finish(1, state: "resolved", business: 32400)
        try reply(2, from: ben, at: "2026-11-03T08:45")
        truth.answer(2, at: Self.at("2026-11-03T08:45"), business: 4500)
        truth.outcomes.append(.init(ticket: 2, kept: true, agent: ben))
        try log(2, "30m", minutes: 30, staff: ben, organisation: "Globex", at: "2026-11-03T08:45")
        try ticketd(["tickets", "time", "2", "10m", "--staff", ben] + Self.now("2026-11-03T08:50"))
        let mistaken = try #require((try desk.ticket(2)["time"] as? [[String: Any]])?.last?["id"] as? Int)
        try ticketd(["tickets", "time", "2", "--remove", "\(mistaken)"] + Self.now("2026-11-03T08:55"))
        try ticketd(["tickets", "close", "2"] + Self.now("2026-11-03T10:00"))
        truth.finish(2, state: "closed", business: 9000)

        // Wed 4 Nov 11:00, ACME, in Hungarian. Promise 15:00; the cycle at 15:30 finds it passed:
        // missed (Ben's), a follow-up with a new promise. Ben answers Thu 09:00, before the new
        // promise: kept; first response Wed 11–17 (6 h) + Thu 08–09 (1 h) = 25200 s. His 1.5 h
        // bring ACME to 2.5 of 3 h: the 80% notice opens #4 to the contact, in Hungarian.
        // Resolved Thu 12:00: 6 h + 4 h = 36000 s.
        try mail(
            from: kata, subject: "Nem nyomtat a nyomtató",
            body: "Jó napot kívánok! A második emeleti nyomtató reggel óta nem nyomtat, és a kijelzőn hibaüzenet látható. Kérem, segítsenek. Köszönöm, Kata",
            at: "2026-11-04T11:00")
        truth.open(3, at: Self.at("2026-11-04T11:00"), language: "hu")
        try assign(3, to: ben, at: "2026-11-04T11:05")
        try cycle("2026-11-04T15:30")
        truth.outcomes.append(.init(ticket: 3, kept: false, agent: ben))
        try reply(3, from: ben, at: "2026-11-05T09:00")
        truth.answer(3, at: Self.at("2026-11-05T09:00"), business: 25200)
        truth.outcomes.append(.init(ticket: 3, kept: true, agent: ben))
        #expect(try desk.servers.messages(of: boss).isEmpty, "1 of 3 hours crosses no threshold")
        try log(3, "1h30m", minutes: 90, staff: ben, organisation: "ACME", at: "2026-11-05T09:00")
        truth.open(4, at: Self.at("2026-11-05T09:00"), language: "hu", state: "waiting")
        truth.tickets[4]?.backlogBucket = "5bd+"
        let first = try desk.servers.messages(of: boss, atLeast: 1).map { MailMessage.parse($0.bytes) }
        #expect(first.count == 1 && first[0].subject?.contains("80%") == true, "\(first.map(\.subject))")
        try ticketd(["tickets", "resolve", "3"] + Self.now("2026-11-05T12:00"))
        truth.finish(3, state: "resolved", business: 36000)

        // Mon 9 Nov 10:00, a phone call from ACME. Anna answers 10:20: kept, 1200 s. Her 45 minutes
        // bring ACME to 3.25 h: the 100% notice opens #6. Closed 10:30, reopened Tue 09:00 and
        // closed again 09:30: Mon 10–17 (7 h) + Tue 08:00–09:30 (1.5 h) = 30600 s.
        try ticketd(
            ["tickets", "create", "--channel", "phone", "--customer", eva, "--subject", "Password reset"] + Self.now("2026-11-09T10:00") + ["-"],
            stdin: "Eva called: please reset her password for the VPN portal.")
        truth.open(5, at: Self.at("2026-11-09T10:00"), channel: "phone")
        try assign(5, to: anna, at: "2026-11-09T10:05")
        try reply(5, from: anna, at: "2026-11-09T10:20")
        truth.answer(5, at: Self.at("2026-11-09T10:20"), business: 1200)
        truth.outcomes.append(.init(ticket: 5, kept: true, agent: anna))
        try log(5, "45m", minutes: 45, staff: anna, organisation: "ACME", at: "2026-11-09T10:20")
        truth.open(6, at: Self.at("2026-11-09T10:20"), language: "hu", state: "waiting")
        truth.tickets[6]?.backlogBucket = "5bd+"
        let second = try desk.servers.messages(of: boss, atLeast: 2).map { MailMessage.parse($0.bytes) }
        #expect(second.count == 2 && second[1].subject?.contains("100%") == true, "\(second.map(\.subject))")
        try ticketd(["tickets", "close", "5"] + Self.now("2026-11-09T10:30"))
        try ticketd(["tickets", "reopen", "5"] + Self.now("2026-11-10T09:00"))
        truth.reopen(5)
        try ticketd(["tickets", "close", "5"] + Self.now("2026-11-10T09:30"))
        truth.finish(5, state: "closed", business: 30600)

        // Thu 12 Nov 15:00, Globex. Promise: 2 h Thursday + 2 h Friday = Fri 10:00; no cycle runs
        // before Ben, assigned at 13:55, answers Fri 14:00: missed; 2 h + 6 h = 28800 s. Left waiting.
        try mail(from: joe, subject: "Server down", body: "Hello, our file server does not answer since lunch. Joe", at: "2026-11-12T15:00")
        truth.open(7, at: Self.at("2026-11-12T15:00"), organisation: "Globex")
        try assign(7, to: ben, at: "2026-11-13T13:55")
        try reply(7, from: ben, at: "2026-11-13T14:00")
        truth.answer(7, at: Self.at("2026-11-13T14:00"), business: 28800)
        truth.outcomes.append(.init(ticket: 7, kept: false, agent: ben))
        truth.tickets[7]?.backlogBucket = "5bd+"
        try log(7, "2h", minutes: 120, staff: ben, organisation: "Globex", at: "2026-11-13T14:00")

        // Fri 20 Nov 17:30, after hours, ACME (a new customer: a returning one keeps the language
        // of their last ticket). Promise Mon 12:00. Anna answers Mon 08:30: kept;
        // the evening and the weekend do not count: 1800 s. Closed 09:30: 5400 s.
        try mail(from: tom, subject: "Backup failed", body: "Hello, last night's backup job failed with an error. Tom", at: "2026-11-20T17:30")
        truth.open(8, at: Self.at("2026-11-20T17:30"))
        try assign(8, to: anna, at: "2026-11-23T08:25")
        try reply(8, from: anna, at: "2026-11-23T08:30")
        truth.answer(8, at: Self.at("2026-11-23T08:30"), business: 1800)
        truth.outcomes.append(.init(ticket: 8, kept: true, agent: anna))
        try log(8, "1h15m", minutes: 75, staff: anna, organisation: "ACME", at: "2026-11-23T08:30")
        try ticketd(["tickets", "close", "8"] + Self.now("2026-11-23T09:30"))
        truth.finish(8, state: "closed", business: 5400)

        // The renewal on 15 Dec: the 21-day reminder is due from Tue 24 Nov and opens #9 (3–5
        // business days old at the report's now: Tue 24 + 3 bd = Fri 27 09:00, + 5 bd = Tue 1 Dec).
        try cycle("2026-11-23T10:00")
        #expect(try desk.servers.messages(of: boss).count == 2, "no reminder before its day")
        for day in ["2026-11-24T09:00", "2026-11-24T15:00", "2026-11-25T09:00", "2026-11-26T09:00"] { try cycle(day) }
        truth.open(9, at: Self.at("2026-11-24T09:00"), language: "hu", state: "waiting")
        truth.tickets[9]?.backlogBucket = "3-5bd"

        // Fri 27 Nov 09:00, ACME, unanswered at the report's now, Mon 30 Nov 16:00 (one business
        // day old: 1-3bd); its promise (13:00) passes with no cycle run, so it has no outcome.
        try mail(from: eva, subject: "New laptop setup", body: "Hello, please set up the new laptop for our trainee. Eva", at: "2026-11-27T09:00")
        truth.open(10, at: Self.at("2026-11-27T09:00"))
        truth.tickets[10]?.backlogBucket = "1-3bd"
        try cycle("2026-11-27T09:30")

        // The contact got each notice once and the reminder once, however often the cycle ran.
        let toBoss = try desk.servers.messages(of: boss, atLeast: 3).map { MailMessage.parse($0.bytes) }
        #expect(toBoss.count == 3, "\(toBoss.map(\.subject))")
        #expect(toBoss.filter { $0.subject?.contains("80%") == true }.count == 1)
        #expect(toBoss.filter { $0.subject?.contains("100%") == true }.count == 1)
        #expect(toBoss.filter { $0.subject?.contains("2026-12-15") == true }.count == 1)
        #expect(try desk.tickets().count == 10)

        // Every mail ticketd sent, counted where it landed: distinct Message-IDs over all
        // mailboxes, each with the ticket of its subject's tag.
        let recipients = [anna, ben, boss, eva, kata, tom, joe]
        var delivered: [String: Int] = [:], previous = -1
        while delivered.count != previous {
            previous = delivered.count
            Thread.sleep(forTimeInterval: 1)
            for address in recipients {
                for message in try desk.servers.messages(of: address).map({ MailMessage.parse($0.bytes) }) {
                    let tag = (message.subject ?? "").firstMatch(of: /\[#(\d+)\]/).map { Int($0.1)! }
                    delivered[message.messageID ?? UUID().uuidString] = try #require(tag, "\(message.subject ?? "")")
                }
            }
        }

        let period = ["--from", "2026-11-01", "--to", "2026-11-30"] + Self.now("2026-11-30T16:00")
        let json = try desk.ticketd(["report", "--json"] + period)
        #expect(json.status == 0, "\(json.stderr)")
        let csv = try desk.ticketd(["report", "--csv"] + period)
        #expect(csv.status == 0, "\(csv.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = Self.rows(csv.stdout)
        Self.check(report: report, rows: rows, truth: truth, outboxSent: delivered.count)
        print("simulated month report (JSON): \(json.stdout)")

        // ACME's monthly statement: the same figures over its customers' tickets and mail only.
        let acme = truth.only("ACME")
        let statement = ["--organisation", "ACME"] + period
        let scopedJSON = try desk.ticketd(["report", "--json"] + statement), scopedCSV = try desk.ticketd(["report", "--csv"] + statement)
        let scoped = try #require(try JSONSerialization.jsonObject(with: Data(scopedJSON.stdout.utf8)) as? [String: Any])
        #expect(scoped["organisation"] as? String == "ACME" && Self.rows(scopedCSV.stdout)["period|organisation"] == "ACME")
        Self.check(report: scoped, rows: Self.rows(scopedCSV.stdout), truth: acme, outboxSent: delivered.values.filter { acme.tickets[$0] != nil }.count)

        let listed = try desk.ticketd(["contracts", "list", "--json"] + Self.now("2026-11-30T16:00"))
        let contract = try #require((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(contract["spent"] as? Double == 4.5 && contract["billable"] as? Double == 1.5, "\(listed.stdout)")
        #expect((contract["mail_sent"] as? [String: Any])?.count == 3, "\(listed.stdout)")

        try Self.checkPage(desk: desk, period: period)
    }

    /// CSV rows `section,key,value` by "section|key" (no value of this month holds a comma).
    static func rows(_ text: String) -> [String: String] {
        var rows: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows["\(fields[0])|\(fields[1])"] = fields[2...].joined(separator: ",")
        }
        return rows
    }

    static func numbers(_ tickets: [Int]) -> String { tickets.map(String.init).joined(separator: " ") }

    /// Every figure of the report, in JSON and CSV, against the truth.
    static func check(report: [String: Any], rows: [String: String], truth: Truth, outboxSent: Int) {
        func counts(_ field: String, _ expected: [String: Int]) {
            #expect(report[field] as? [String: Int] == expected, "\(field): \(report[field] ?? "none")")
            for (key, count) in expected { #expect(rows["\(field)|\(key)"] == "\(count)", "\(field),\(key)") }
            #expect(rows.keys.filter { $0.hasPrefix("\(field)|") }.count == expected.count, "\(field) rows")
        }
        #expect(report["tickets"] as? Int == truth.all.count && rows["tickets|"] == "\(truth.all.count)")
        counts("by_state", truth.count(\.state))
        counts("by_queue", ["support": truth.all.count])
        counts("by_language", truth.count(\.language))
        counts("by_channel", truth.count(\.channel))
        counts("dropped", [:])
        counts("acknowledgements_withheld", [:])
        counts("outbox", ["sent": outboxSent])
        var days: [String: Int] = [:]
        for day in 1...30 { days[String(format: "2026-11-%02d", day)] = 0 }
        let dayFormat = DateFormatter()
        dayFormat.dateFormat = "yyyy-MM-dd"
        dayFormat.timeZone = TimeZone(identifier: "Europe/Budapest")
        for ticket in truth.all { days[dayFormat.string(from: ticket.opened)]! += 1 }
        counts("tickets_per_day", days)

        let kept = truth.outcomes.filter(\.kept).count, missed = truth.outcomes.count - kept
        let promises = report["promises"] as? [String: Any]
        #expect(promises?["kept"] as? Int == kept && promises?["missed"] as? Int == missed, "\(promises ?? [:])")
        #expect(promises?["kept_ratio"] as? Double == Double(kept) / Double(kept + missed))
        #expect(rows["promises|kept"] == "\(kept)" && rows["promises|missed"] == "\(missed)")
        #expect(rows["promises|kept_ratio"] == "\(Double(kept) / Double(kept + missed))")
        for (section, groups) in [("promises_by_queue", ["support": truth.outcomes]), ("promises_by_agent", Dictionary(grouping: truth.outcomes, by: \.agent))] {
            let reported = report[section] as? [String: [String: Any]] ?? [:]
            #expect(Set(reported.keys) == Set(groups.keys), "\(section): \(reported.keys.sorted())")
            for (name, outcomes) in groups {
                let tally = truth.tally(outcomes)
                #expect(reported[name]?["kept"] as? Int == tally.kept && reported[name]?["missed"] as? Int == tally.missed, "\(section) \(name)")
                #expect(reported[name]?["tickets_missed"] as? [Int] == tally.ticketsMissed, "\(section) \(name)")
                #expect(rows["\(section).\(name)|kept"] == "\(tally.kept)" && rows["\(section).\(name)|missed"] == "\(tally.missed)")
                #expect(rows["\(section).\(name)|tickets_missed"] == numbers(tally.ticketsMissed))
                #expect(rows["\(section).\(name)|kept_ratio"] == "\(Double(tally.kept) / Double(tally.kept + tally.missed))")
            }
        }

        let answered = truth.answered
        let waits = answered.map { $0.answeredAt!.timeIntervalSince($0.opened) }
        let business = answered.map { Double($0.firstResponseBusiness!) }
        let unanswered = truth.all.filter { $0.answeredAt == nil }.map(\.number)
        let first = report["first_response"] as? [String: Any] ?? [:]
        #expect(first["answered"] as? Int == answered.count && first["unanswered"] as? Int == unanswered.count)
        #expect(first["median_seconds"] as? Double == Truth.median(waits), "\(first["median_seconds"] ?? "none")")
        #expect(first["mean_seconds"] as? Double == waits.reduce(0, +) / Double(waits.count))
        #expect(first["tickets_unanswered"] as? [Int] == unanswered)
        #expect(rows["first_response|answered"] == "\(answered.count)" && rows["first_response|unanswered"] == "\(unanswered.count)")
        #expect(rows["first_response|median_seconds"] == "\(Int(Truth.median(waits).rounded()))")
        #expect(rows["first_response|mean_seconds"] == "\(Int((waits.reduce(0, +) / Double(waits.count)).rounded()))")
        #expect(rows["first_response|tickets_unanswered"] == numbers(unanswered))
        spread(
            "first_response", first, rows: rows,
            samples: answered.map { ($0.number, $0.firstResponseBusiness!) }, median: Truth.median(business), p90: Truth.p90(business))

        let resolved = truth.resolved
        let durations = resolved.map { Double($0.resolutionBusiness!) }
        let resolution = report["resolution"] as? [String: Any] ?? [:]
        #expect(resolution["resolved"] as? Int == resolved.count && resolution["unresolved"] as? Int == truth.all.count - resolved.count)
        #expect(rows["resolution|resolved"] == "\(resolved.count)" && rows["resolution|unresolved"] == "\(truth.all.count - resolved.count)")
        spread(
            "resolution", resolution, rows: rows,
            samples: resolved.map { ($0.number, $0.resolutionBusiness!) }, median: Truth.median(durations), p90: Truth.p90(durations))

        let open = truth.all.filter { $0.backlogBucket != nil }
        let backlog = report["backlog"] as? [String: Any] ?? [:]
        #expect(backlog["open"] as? Int == open.count && rows["backlog|open"] == "\(open.count)")
        for label in ["<1bd", "1-3bd", "3-5bd", "5bd+"] {
            let tickets = open.filter { $0.backlogBucket == label }.map(\.number)
            #expect((backlog["by_age"] as? [String: Int])?[label] == tickets.count, "backlog \(label)")
            #expect((backlog["tickets_by_age"] as? [String: [Int]])?[label] == tickets, "backlog \(label)")
            #expect(rows["backlog.by_age|\(label)"] == "\(tickets.count)" && rows["backlog.tickets_by_age|\(label)"] == numbers(tickets))
        }

        let reopened = truth.all.filter { $0.reopens > 0 }
        let everResolved = truth.all.filter { $0.reopens > 0 || $0.resolutionBusiness != nil }
        let rate = Double(reopened.count) / Double(everResolved.count)
        let reopens = report["reopens"] as? [String: Any] ?? [:]
        #expect(reopens["count"] as? Int == reopened.reduce(0) { $0 + $1.reopens } && reopens["rate"] as? Double == rate)
        #expect(reopens["tickets"] as? [Int] == reopened.map(\.number))
        #expect(rows["reopens|count"] == "\(reopened.reduce(0) { $0 + $1.reopens })" && rows["reopens|rate"] == "\(rate)" && rows["reopens|tickets"] == numbers(reopened.map(\.number)))
        #expect((report["request_types"] as? [String: Any])?.isEmpty == true)

        let hours = report["hours"] as? [String: Any] ?? [:]
        let organisations = hours["by_organisation"] as? [String: [String: Double]] ?? [:]
        #expect(Set(organisations.keys) == Set(truth.hoursByOrganisation.keys), "\(organisations)")
        for (name, figures) in truth.hoursByOrganisation {
            #expect(organisations[name] == ["spent": figures.spent, "free": figures.free, "billable": figures.billable], "\(name): \(organisations[name] ?? [:])")
            #expect(rows["hours.by_organisation.spent|\(name)"] == "\(figures.spent)")
            #expect(rows["hours.by_organisation.free|\(name)"] == "\(figures.free)")
            #expect(rows["hours.by_organisation.billable|\(name)"] == "\(figures.billable)")
        }
        #expect(hours["by_staff"] as? [String: Double] == truth.hoursByStaff, "\(hours["by_staff"] ?? "none")")
        for (staff, spent) in truth.hoursByStaff { #expect(rows["hours.by_staff|\(staff)"] == "\(spent)") }
    }

    /// A business-time spread in JSON (`figures`) and CSV (`section` rows) against the truth.
    static func spread(_ section: String, _ figures: [String: Any], rows: [String: String], samples: [(Int, Int)], median: Double, p90: Double) {
        let (counts, tickets) = Truth.distribution(samples)
        #expect(figures["business_median_seconds"] as? Double == median, "\(section) median \(figures["business_median_seconds"] ?? "none")")
        #expect(figures["business_p90_seconds"] as? Double == p90, "\(section) p90 \(figures["business_p90_seconds"] ?? "none")")
        #expect(figures["distribution"] as? [String: Int] == counts, "\(section) \(figures["distribution"] ?? "none")")
        #expect(figures["tickets_by_bucket"] as? [String: [Int]] == tickets, "\(section) \(figures["tickets_by_bucket"] ?? "none")")
        #expect(figures["tickets"] as? [Int] == samples.map(\.0).sorted())
        #expect(rows["\(section)|business_median_seconds"] == "\(Int(median.rounded()))" && rows["\(section)|business_p90_seconds"] == "\(Int(p90))")
        #expect(rows["\(section)|tickets"] == numbers(samples.map(\.0).sorted()))
        for label in Truth.buckets {
            #expect(rows["\(section).distribution|\(label)"] == "\(counts[label]!)" && rows["\(section).tickets_by_bucket|\(label)"] == numbers(tickets[label]!))
        }
    }

    /// The HTML page in headless Chromium: its totals show, nothing is logged; a screenshot is saved.
    static func checkPage(desk: TestDesk, period: [String]) throws {
        let path = desk.directory + "/november.html"
        let written = try desk.ticketd(["report", "--html", path] + period)
        #expect(written.status == 0, "\(written.stderr)")
        guard let chromium = ReportCommandTests.chromium else {
            print("chromium is not installed: the page was written to \(path) but not loaded")
            return
        }
        let options = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--user-data-dir=\(desk.directory)/chromium"]
        let browser = try Harness.run(chromium, options + ["--dump-dom", "file://\(path)"])
        #expect(browser.status == 0, "\(browser.stderr)")
        for card in [("Tickets opened", "10"), ("First response, business median", "83 min"), ("Resolution, business median", "8.5 h"),
                     ("Promises kept", "71%"), ("Reopen rate", "20%")] {
            #expect(browser.stdout.contains(#"<div class="label">\#(card.0)</div><div class="value">\#(card.1)</div>"#), "card \(card.0)")
        }
        for total in ["from 2026-11-01 to 2026-11-30 · as of 2026-11-30 16:00 (Europe/Budapest)", "4.50 h", "3.00 h", "1.50 h", "2.50 h", "Hours per organisation", "Tickets per day"] {
            #expect(browser.stdout.contains(total), "\(total) on the page")
        }
        #expect(!browser.stderr.contains("CONSOLE") && !browser.stderr.contains("Refused to"), "the page logs nothing: \(browser.stderr)")
        let screenshot = desk.directory + "/november.png"
        let shot = try Harness.run(chromium, options + ["--screenshot=\(screenshot)", "--window-size=1280,2000", "file://\(path)"])
        #expect(shot.status == 0 && FileManager.default.fileExists(atPath: screenshot), "\(shot.stderr)")
        print("simulated month report page: \(path); screenshot: \(screenshot)")
    }
}
