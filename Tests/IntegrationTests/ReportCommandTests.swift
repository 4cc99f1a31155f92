import Foundation
import Testing

/// `ticketd report` end to end through the built binary: a week around the Hungarian national
/// holiday (Friday 23 October 2026) and the end of summer time, entered with `--now`, reported as
/// JSON, CSV and HTML. No mail servers are needed: the SMTP port is closed, so mail stays queued.
@Suite("report command", .serialized, .timeLimit(.minutes(3)))
struct ReportCommandTests {
    /// A desk with one staff member and an organisation whose name needs escaping.
    final class Desk: Sendable {
        let directory: String
        let configPath: String

        init() throws {
            directory = NSTemporaryDirectory() + "ticketd-report-\(UInt64.random(in: 0..<UInt64.max))"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try "secret".write(toFile: directory + "/support.pass", atomically: true, encoding: .utf8)
            configPath = directory + "/ticketd.toml"
            try """
            [daemon]
            state_dir = "state"
            timezone = "Europe/Budapest"
            staff = ["agent@example.com"]

            [[mailbox]]
            name = "support"
            url = "imap://127.0.0.1:1/INBOX"
            tls = "none"
            user = "support@example.com"
            password_file = "support.pass"
            address = "support@example.com"

            [smtp]
            url = "smtp://127.0.0.1:1"
            tls = "none"

            [organisations]
            "acme.example" = "Acme <Corp>"
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        }

        func ticketd(_ arguments: [String], stdin: [UInt8]? = nil) throws -> Harness.Output {
            try Harness.ticketd(arguments + ["--config", configPath], stdin: stdin)
        }

        func run(_ arguments: [String], stdin: String? = nil) throws {
            let output = try ticketd(arguments, stdin: stdin.map { Array($0.utf8) })
            guard output.status == 0 else { throw HarnessError("\(arguments) exited \(output.status): \(output.stderr)") }
        }

        func ingest(from: String, subject: String, at now: String) throws {
            let id = UUID().uuidString
            try run(["ingest", "--now", now, "-"], stdin: "From: \(from)\r\nTo: support@example.com\r\nSubject: \(subject)\r\nMessage-ID: <\(id)@x.example>\r\n\r\nPlease help.\r\n")
        }
    }

    static let now = "2026-10-26T10:00:00+01:00"
    static let period = ["--from", "2026-10-19", "--to", "2026-10-26", "--now", now]

    /// #1 Thursday 16:00 from Acme, answered Monday 09:00, closed, reopened and closed again;
    /// #2 on the holiday from elsewhere, answered Monday 08:30; #3 Monday 08:30 from Acme, unanswered.
    static let desk: Desk = {
        do {
            let desk = try Desk()
            try desk.ingest(from: "Ann <ann@acme.example>", subject: "Printer <b>down</b>", at: "2026-10-22T16:00:00+02:00")
            try desk.ingest(from: "bob@other.example", subject: "VPN", at: "2026-10-23T12:00:00+02:00")
            try desk.ingest(from: "cid@acme.example", subject: "Invoice", at: "2026-10-26T08:30:00+01:00")
            try desk.run(["tickets", "reply", "2", "--from", "agent@example.com", "--now", "2026-10-26T08:30:00+01:00", "-"], stdin: "Fixed.")
            try desk.run(["tickets", "reply", "1", "--from", "agent@example.com", "--now", "2026-10-26T09:00:00+01:00", "-"], stdin: "Done.")
            try desk.run(["tickets", "close", "1", "--now", "2026-10-26T09:30:00+01:00"])
            try desk.run(["tickets", "reopen", "1", "--now", "2026-10-26T09:40:00+01:00"])
            try desk.run(["tickets", "close", "1", "--now", "2026-10-26T09:50:00+01:00"])
            return desk
        } catch {
            fatalError("cannot set up the report desk: \(error)")
        }
    }()

    @Test("--json has business-time medians, backlog by age, reopens and tickets per day")
    func json() throws {
        let output = try Self.desk.ticketd(["report", "--json"] + Self.period)
        #expect(output.status == 0, "\(output.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(report["tickets"] as? Int == 3)
        #expect(report["now"] as? String == "2026-10-26T09:00:00Z")
        let first = try #require(report["first_response"] as? [String: Any])
        // #2: Monday 08:00–08:30 (the holiday and the weekend do not count); #1: Thursday 16–17 and Monday 08–09.
        #expect(first["business_median_seconds"] as? Double == 4500)
        #expect(first["business_p90_seconds"] as? Double == 7200)
        #expect(first["tickets"] as? [Int] == [1, 2] && first["tickets_unanswered"] as? [Int] == [3])
        #expect(first["answered"] as? Int == 2 && first["median_seconds"] is Double, "the wall-clock fields stay")
        let resolution = try #require(report["resolution"] as? [String: Any])
        #expect(resolution["business_median_seconds"] as? Double == 10_200, "Thursday 16–17 and Monday 08:00–09:50")
        #expect(resolution["tickets"] as? [Int] == [1])
        let reopens = try #require(report["reopens"] as? [String: Any])
        #expect(reopens["count"] as? Int == 1 && reopens["rate"] as? Double == 1 && reopens["tickets"] as? [Int] == [1])
        let backlog = try #require(report["backlog"] as? [String: Any])
        #expect(backlog["by_age"] as? [String: Int] == ["<1bd": 2, "1-3bd": 0, "3-5bd": 0, "5bd+": 0])
        let days = try #require(report["tickets_per_day"] as? [String: Int])
        #expect(days.count == 8 && days["2026-10-23"] == 1 && days["2026-10-24"] == 0 && days["2026-10-26"] == 1)
        let promises = try #require(report["promises"] as? [String: Any])
        #expect(promises["kept"] as? Int == 2 && promises["missed"] as? Int == 0)
        let byQueue = try #require(report["promises_by_queue"] as? [String: [String: Any]])
        #expect(byQueue["support"]?["kept"] as? Int == 2)
        #expect(report["promises_by_agent"] is [String: Any] && report["request_types"] is [String: Any])
        #expect(report["organisation"] == nil)

        let acme = try Self.desk.ticketd(["report", "--json", "--organisation", "Acme <Corp>"] + Self.period)
        let scoped = try #require(try JSONSerialization.jsonObject(with: Data(acme.stdout.utf8)) as? [String: Any])
        #expect(scoped["organisation"] as? String == "Acme <Corp>")
        #expect(scoped["tickets"] as? Int == 2)
        #expect((scoped["first_response"] as? [String: Any])?["tickets"] as? [Int] == [1])
    }

    @Test("--csv keeps the old rows first and adds one row per new figure")
    func csv() throws {
        let output = try Self.desk.ticketd(["report", "--csv"] + Self.period)
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(2) == ["section,key,value", "period,from,2026-10-18T22:00:00Z"])
        #expect(lines.contains("tickets,,3"))
        for row in ["first_response,business_median_seconds,4500", "first_response.distribution,<1h,1", "resolution,business_median_seconds,10200",
                    "reopens,count,1", "backlog.by_age,<1bd,2", "backlog.tickets_by_age,<1bd,2 3", "tickets_per_day,2026-10-22,1",
                    "promises_by_queue.support,kept,2", "period,now,2026-10-26T09:00:00Z"] {
            #expect(lines.contains(row), "\(row) in \(output.stdout)")
        }
        #expect(lines.firstIndex(of: "first_response,answered,2")! < lines.firstIndex(of: "period,now,2026-10-26T09:00:00Z")!)
    }

    @Test("--html writes one page with inline SVG, no script, escaped names; a bad path exits 73")
    func html() throws {
        let path = Self.desk.directory + "/report.html"
        let output = try Self.desk.ticketd(["report", "--html", path, "--organisation", "Acme <Corp>"] + Self.period)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("tickets: 2"), "the text summary still prints: \(output.stdout)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("<svg "))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("<title>Support report — Acme &lt;Corp&gt;</title>"))
        #expect(html.contains("default-src 'none'"))

        let missing = Self.desk.directory + "/no-such-dir/report.html"
        let refused = try Self.desk.ticketd(["report", "--html", missing] + Self.period)
        #expect(refused.status == 73, "\(refused.stderr)")
        #expect(refused.stderr.contains(missing) && refused.stderr.contains("does not exist"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
    }

    /// Debian's `chromium`, when installed (scripts/install-deps installs it).
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(
        "headless Chromium loads the page and shows its title and charts",
        .enabled(if: chromium != nil, "chromium is not installed (Debian package chromium; scripts/install-deps installs it)"))
    func chromiumRendersThePage() throws {
        let path = Self.desk.directory + "/browser.html"
        let output = try Self.desk.ticketd(["report", "--html", path] + Self.period)
        #expect(output.status == 0, "\(output.stderr)")
        let browser = try Harness.run(
            try #require(Self.chromium),
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--user-data-dir=\(Self.desk.directory)/chromium",
                "--dump-dom", "file://\(path)",
            ])
        #expect(browser.status == 0, "\(browser.stderr)")
        #expect(browser.stdout.contains("<title>Support report</title>"), "\(browser.stdout.prefix(500))")
        #expect(browser.stdout.contains("<svg"))
        #expect(browser.stdout.contains(#"<div class="label">Tickets opened</div><div class="value">3</div>"#), "the totals show")
        #expect(browser.stdout.contains(#"<div class="label">First response, business median</div><div class="value">75 min</div>"#))
        // Console messages (a script error, a resource the policy refused) are logged as CONSOLE lines.
        #expect(!browser.stderr.contains("CONSOLE") && !browser.stderr.contains("Refused to"), "the page logs nothing: \(browser.stderr)")
    }
}
