import Foundation
import Testing
import TicketCore
@testable import TicketStore

/// The HTML page: self-contained, script-free, every value escaped, the numbers behind each chart listed.
@Suite("Report page (HTML)")
struct ReportPageTests {
    static let hostile = "<img src=x onerror=alert(1)>@example.com"

    static var report: DeskReport {
        var rows = DeskReportBuilderTests.rows
        rows.promiseOutcomes.append(
            .init(ticket: 2, at: DeskReportBuilderTests.now - 60, kept: false, queue: "support", agent: hostile, customerAddress: DeskReportBuilderTests.acme))
        return DeskReport(
            rows: rows, calendars: DeskReportBuilderTests.calendars, scope: ReportScope(organisations: ["acme.example": "Acme & \"Sons\""], organisation: "Acme & \"Sons\""),
            now: DeskReportBuilderTests.now)
    }

    @Test func thePageIsSelfContainedAndEscapesEveryValue() throws {
        let html = try ReportPage(report: Self.report).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img"), "the agent's name is text, not markup")
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;@example.com"))
        #expect(html.contains("<title>Support report — Acme &amp; &quot;Sons&quot;</title>"))
        for external in ["http://", "https://", "src=\"", "href=\"", "url("] {
            #expect(!html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains(external), "\(external)")
        }
    }

    @Test func theChartsAreInlineSVGWithTheTicketsBehindEachBar() throws {
        let html = try ReportPage(report: Self.report).render()
        #expect(html.components(separatedBy: "<svg ").count - 1 == 5)
        for caption in ["Tickets per day", "First response (business hours)", "Open tickets by age (business days)", "Promises kept per agent (%)"] {
            #expect(html.contains("<figcaption>\(caption)</figcaption>"), "\(caption)")
        }
        #expect(html.contains("<title>5bd+: 1 — #3</title>"))
        #expect(html.contains("<span>1-4h: #1 #2</span>"))
        #expect(html.contains("<td>device_swap</td>") && html.contains("<td class=\"tickets\">#6</td>"))
        // Bars have non-negative geometry and the tallest one fills the plot.
        #expect(!html.contains("height=\"-"))
    }

    @Test func loggedHoursGetAChartAndATable() throws {
        var report = Self.report
        #expect(!(try ReportPage(report: report).render()).contains("Hours per organisation"), "no chart without logged time")
        report.hours = HoursReport(
            entries: [LoggedTime(ticket: 1, staff: "agent@example.com", minutes: 90, at: DeskReportBuilderTests.now, domain: "acme.example")],
            contracts: [], organisations: ["acme.example": "Acme & \"Sons\""], calendar: DeskReportBuilderTests.calendars.standard)
        let html = try ReportPage(report: report).render()
        #expect(html.contains("<figcaption>Hours per organisation</figcaption>"))
        #expect(html.contains("<tr><td>Acme &amp; &quot;Sons&quot;</td><td class=\"n\">1.50 h</td><td class=\"n\">0.00 h</td><td class=\"n\">1.50 h</td></tr>"))
    }

    @Test func barGeometryScalesToTheLargestValue() {
        let chart = BarChart(title: "t", bars: [.init(label: "a", value: 1, shown: "1"), .init(label: "b", value: 4, shown: "4")]).view
        let bars = chart["bars"] as? [[String: Any]] ?? []
        #expect(bars.count == 2)
        #expect(bars.map { $0["height"] as? String } == ["41.5", "166"])
        #expect(bars.map { $0["y"] as? String } == ["142.5", "18"])
        #expect(BarChart(title: "t", bars: []).view["empty"] as? Bool == true)
    }

    /// A monthly statement names the month as the manager asked for it, not as UTC instants
    /// (`from 2026-10-31T23:00:00Z until 2026-11-30T23:00:00Z` for Budapest's November).
    @Test func thePeriodAndTheClockAreTheDesksLocalDaysAndTimes() throws {
        let budapest = try #require(TimeZone(identifier: "Europe/Budapest"))
        let at = { (text: String) in try #require(ISO8601DateFormatter().date(from: text)) }
        let november = DeskReport(
            from: try at("2026-10-31T23:00:00Z"), to: try at("2026-11-30T23:00:00Z"), now: try at("2026-11-30T15:00:00Z"), tickets: 0, byState: [:],
            byQueue: [:], byLanguage: [:], byChannel: [:], dropped: [:], outbox: [:], promises: PromiseOutcomes(kept: 0, missed: 0),
            firstResponse: DeskReport.FirstResponse())
        let html = try ReportPage(report: november, timeZone: budapest).render()
        #expect(html.contains("<p class=\"period\">from 2026-11-01 to 2026-11-30 · as of 2026-11-30 16:00 (Europe/Budapest)</p>"), "\(html)")

        var morning = november
        morning.to = try at("2026-11-30T11:00:00Z")
        #expect(ReportPage(report: morning, timeZone: budapest).period == "from 2026-11-01 until 2026-11-30 12:00", "an end inside a day is a time")
        morning.from = nil
        morning.to = nil
        #expect(ReportPage(report: morning, timeZone: budapest).period == "all tickets")
    }
}
