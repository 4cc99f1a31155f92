import Foundation
import Mustache
import TicketCore

/// `ticketd report --html`: one self-contained page a manager opens in a browser.
///
/// The page has inline SVG charts (tickets per day, first response and resolution in business
/// hours, backlog by age, promises kept per agent, hours per organisation when time was logged), tables that list the ticket numbers behind
/// each figure, and a Content-Security-Policy that forbids scripts and every outside resource.
/// Every value goes through Mustache's HTML escaping; the template has no unescaped tag.
public struct ReportPage: Sendable {
    public var report: DeskReport
    /// The heading and `<title>`; the organisation is added when the report is limited to one.
    public var title: String
    /// The desk's time zone: the period and the clock are shown as its local days and times.
    public var timeZone: TimeZone

    public init(report: DeskReport, title: String = "Support report", timeZone: TimeZone = .gmt) {
        self.report = report
        self.title = title
        self.timeZone = timeZone
    }

    /// The page as HTML text.
    public func render() throws -> String {
        try MustacheTemplate(string: ReportPageTemplate.source).render(values)
    }

    /// The heading: ``title``, and the organisation when there is one.
    public var heading: String {
        report.organisation.map { "\(title) — \($0)" } ?? title
    }

    var values: [String: Any] {
        return [
            "title": heading,
            "period": period,
            "now": "\(moment(report.now)) (\(timeZone.identifier))",
            "cards": cards,
            "charts": charts.map(\.view),
            "promiseRows": promiseRows,
            "stepRows": stepRows,
            "hasSteps": !stepRows.isEmpty,
            "countRows": countRows,
            "hourRows": hourRows,
            "hasHours": !hourRows.isEmpty,
        ]
    }

    var cards: [[String: String]] {
        let first = report.firstResponse, resolution = report.resolution
        return [
            ["label": "Tickets opened", "value": "\(report.tickets)", "detail": "\(report.backlog.open) open now"],
            ["label": "First response, business median", "value": Self.duration(first.business.medianSeconds),
             "detail": "90% within \(Self.duration(first.business.p90Seconds)); \(first.unanswered) not answered\(Self.list(first.ticketsUnanswered))"],
            ["label": "Resolution, business median", "value": Self.duration(resolution.business.medianSeconds),
             "detail": "90% within \(Self.duration(resolution.business.p90Seconds)); \(resolution.unresolved) not resolved"],
            ["label": "Promises kept", "value": Self.percent(report.promises.keptRatio),
             "detail": "\(report.promises.kept) kept, \(report.promises.missed) missed"],
            ["label": "Reopen rate", "value": Self.percent(report.reopens.rate),
             "detail": "\(report.reopens.count) \(report.reopens.count == 1 ? "reopening" : "reopenings")\(Self.list(report.reopens.tickets))"],
        ]
    }

    var charts: [BarChart] {
        var charts = figureCharts
        if let hours = report.hours, !hours.byOrganisation.isEmpty {
            charts.append(BarChart(title: "Hours per organisation", bars: hours.byOrganisation.sorted { $0.key < $1.key }.map { name, figures in
                BarChart.Bar(label: name, value: figures.spent, shown: Self.hours(figures.spent))
            }))
        }
        return charts
    }

    var figureCharts: [BarChart] {
        let days = report.ticketsPerDay.sorted { $0.key < $1.key }
        let spread = { (title: String, spread: BusinessTimeSpread) in
            BarChart(title: title, bars: BusinessTimeSpread.bucketLabels.map { label in
                let count = spread.distribution[label] ?? 0
                return BarChart.Bar(label: label, value: Double(count), shown: "\(count)", tickets: spread.ticketsByBucket[label] ?? [])
            })
        }
        return [
            BarChart(title: "Tickets per day", bars: days.map { BarChart.Bar(label: String($0.key.suffix(5)), value: Double($0.value), shown: "\($0.value)") }),
            spread("First response (business hours)", report.firstResponse.business),
            spread("Resolution (business hours)", report.resolution.business),
            BarChart(title: "Open tickets by age (business days)", bars: DeskReport.Backlog.bucketLabels.map { label in
                let count = report.backlog.byAge[label] ?? 0
                return BarChart.Bar(label: label, value: Double(count), shown: "\(count)", tickets: report.backlog.ticketsByAge[label] ?? [])
            }),
            BarChart(title: "Promises kept per agent (%)", bars: report.promisesByAgent.sorted { $0.key < $1.key }.map { name, tally in
                BarChart.Bar(label: name, value: (tally.keptRatio ?? 0) * 100, shown: Self.percent(tally.keptRatio), tickets: tally.ticketsMissed)
            }, scale: 100),
        ]
    }

    var promiseRows: [[String: String]] {
        [("queue", report.promisesByQueue), ("agent", report.promisesByAgent)].flatMap { group, tallies in
            tallies.sorted { $0.key < $1.key }.map { name, tally in
                ["group": group, "name": name, "kept": "\(tally.kept)", "missed": "\(tally.missed)", "ratio": Self.percent(tally.keptRatio),
                 "tickets": Self.numbers(tally.ticketsMissed)]
            }
        }
    }

    var stepRows: [[String: String]] {
        report.requestTypes.sorted { $0.key < $1.key }.flatMap { name, type in
            type.steps.sorted { $0.key < $1.key }.map { step, figures in
                ["type": name, "typeTickets": "\(type.tickets)", "step": step, "entered": "\(figures.entered)", "left": "\(figures.left)",
                 "median": Self.duration(figures.businessMedianSeconds), "overdue": "\(figures.overdue)", "tickets": Self.numbers(figures.ticketsOverdue)]
            }
        }
    }

    var hourRows: [[String: String]] {
        guard let hours = report.hours else { return [] }
        let organisations = hours.byOrganisation.sorted { $0.key < $1.key }.map { name, figures in
            ["name": name, "spent": Self.hours(figures.spent), "free": Self.hours(figures.free), "billable": Self.hours(figures.billable)]
        }
        let staff = hours.byStaff.sorted { $0.key < $1.key }.map { name, spent in
            ["name": name, "spent": Self.hours(spent), "free": "", "billable": ""]
        }
        return organisations + staff
    }

    var countRows: [[String: String]] {
        [("state", report.byState), ("queue", report.byQueue), ("language", report.byLanguage), ("channel", report.byChannel),
         ("dropped mail", report.dropped), ("acknowledgement withheld", report.acknowledgementsWithheld), ("outgoing mail", report.outbox)]
            .flatMap { section, counts in
                counts.sorted { $0.key < $1.key }.map { ["section": section, "key": $0.key, "count": "\($0.value)"] }
            }
    }

    /// A business duration as people read it: minutes below two hours, else hours with one decimal; `–` when absent.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        let minutes = Int((seconds / 60).rounded())
        return minutes < 120 ? "\(minutes) min" : String(format: "%.1f h", seconds / 3600)
    }

    static func hours(_ value: Double) -> String {
        String(format: "%.2f h", value)
    }

    static func percent(_ ratio: Double?) -> String {
        ratio.map { String(format: "%.0f%%", $0 * 100) } ?? "–"
    }

    static func numbers(_ tickets: [Int]) -> String {
        tickets.map { "#\($0)" }.joined(separator: " ")
    }

    /// ` (#1 #2)`, or nothing for no tickets.
    static func list(_ tickets: [Int]) -> String {
        tickets.isEmpty ? "" : " (\(numbers(tickets)))"
    }

    /// The period as the desk's local days, as `report --from/--to` take them: `from 2026-11-01
    /// to 2026-11-30` (both days included); an end that is not a midnight as `until 2026-11-30 12:00`.
    var period: String {
        var parts: [String] = []
        if let from = report.from { parts.append("from \(moment(from))") }
        if let to = report.to {
            parts.append(isMidnight(to) ? "to \(moment(to.addingTimeInterval(-1)).prefix(10))" : "until \(moment(to))")
        }
        return parts.isEmpty ? "all tickets" : parts.joined(separator: " ")
    }

    /// `2026-11-30 16:00` in ``timeZone``; a midnight is only its day, `2026-11-01`.
    func moment(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = isMidnight(date) ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    func isMidnight(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: date) == date
    }
}
