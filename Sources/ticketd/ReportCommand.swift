import ArgumentParser
import BusinessTime
import Foundation
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The desk's figures: tickets by state, queue, language and channel; dropped mail; outgoing mail; promises kept; first response.",
        discussion: """
            Tickets count when opened, dropped mail when it arrived, outgoing mail when queued, promises when they came due. \
            DATE is a day (2026-11-01, in the configured time zone; --to includes that whole day) or an ISO 8601 time.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Count from this day or time on.") var from: String?
    @Option(help: "Count up to and including this day (or up to this time).") var to: String?
    @Option(help: "Only the tickets of this organisation (an [organisations] name or a mail domain).") var organisation: String?
    @Option(help: "The clock (ISO 8601): backlog ages and running steps are measured to it.") var now: String?
    @Option(help: "Also write the report as one self-contained HTML page (charts included) to this file.") var html: String?
    @Flag(help: "Print one JSON object.") var json = false
    @Flag(help: "Print CSV rows: section,key,value.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let html, html.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--html is empty: give the path of the page to write") }
    }

    func run() async throws {
        let loaded = try global.loadConfig()
        let calendar = loaded.config.promises.calendar
        let start = try from.map { try Self.instant($0, option: "--from", calendar: calendar, endOfDay: false) }
        let end = try to.map { try Self.instant($0, option: "--to", calendar: calendar, endOfDay: true) }
        if let start, let end, end <= start {
            throw ValidationError("--to \(to ?? "") is not after --from \(from ?? "")")
        }
        let clock = try parseNow(now)
        let storage = try global.openStorage(loaded)
        let calendars = ReportCalendars(standard: calendar, byQueue: loaded.config.queuePromises.mapValues(\.calendar))
        let scope = ReportScope(organisations: loaded.config.organisations, organisation: organisation)
        var report = DeskReport(rows: try storage.reportRows(from: start, to: end), calendars: calendars, scope: scope, now: clock.now())
        report.hours = HoursReport(
            entries: try storage.loggedTime(from: start, to: end).filter { scope.includes(domain: $0.domain) }, contracts: loaded.config.contracts,
            organisations: loaded.config.organisations, calendar: calendar)
        if let html { try Self.write(ReportPage(report: report), to: html) }
        if json {
            try printJSON(report)
        } else if csv {
            print(report.csv, terminator: "")
        } else {
            printText(report)
        }
    }

    func printText(_ report: DeskReport) {
        let period = [report.from.map { "from \($0.formatted(.iso8601))" }, report.to.map { "until \($0.formatted(.iso8601))" }]
            .compactMap { $0 }.joined(separator: " ")
        if !period.isEmpty { print("period: \(period)") }
        if let organisation = report.organisation { print("organisation: \(organisation)") }
        print("tickets: \(report.tickets)")
        for (state, count) in report.byState.sorted(by: { $0.key < $1.key }) { print("  \(state): \(count)") }
        print("dropped: \(report.dropped.values.reduce(0, +))")
        for (reason, count) in report.dropped.sorted(by: { $0.key < $1.key }) { print("  \(reason): \(count)") }
        if !report.acknowledgementsWithheld.isEmpty {
            print("acknowledgements withheld: \(report.acknowledgementsWithheld.values.reduce(0, +))")
            for (reason, count) in report.acknowledgementsWithheld.sorted(by: { $0.key < $1.key }) { print("  \(reason): \(count)") }
        }
        print("promises: \(report.promises.kept) kept, \(report.promises.missed) missed")
        let first = report.firstResponse
        let median = first.medianSeconds.map { " (median \(Self.duration($0)))" } ?? ""
        print("first response: \(first.answered) answered\(median), \(first.unanswered) not yet")
        if let business = first.business.medianSeconds, let p90 = first.business.p90Seconds {
            print("  in business time: median \(Self.duration(business)), 90% within \(Self.duration(p90))")
        }
        let resolution = report.resolution
        let resolved = resolution.business.medianSeconds.map { " (business median \(Self.duration($0)))" } ?? ""
        print("resolution: \(resolution.resolved) resolved\(resolved), \(resolution.unresolved) not yet")
        let reopenRate = report.reopens.rate.map { String(format: " (%.0f%% of resolved)", $0 * 100) } ?? ""
        print("reopened: \(report.reopens.tickets.count)\(reopenRate)")
        print("backlog: \(report.backlog.open) open")
        for label in DeskReport.Backlog.bucketLabels { print("  \(label): \(report.backlog.byAge[label] ?? 0)") }
        for (name, type) in report.requestTypes.sorted(by: { $0.key < $1.key }) {
            let overdue = type.steps.values.reduce(0) { $0 + $1.overdue }
            print("request type \(name): \(type.tickets) tickets, \(overdue) steps overdue")
        }
        if let hours = report.hours, !hours.byOrganisation.isEmpty {
            print("hours:")
            for (name, figures) in hours.byOrganisation.sorted(by: { $0.key < $1.key }) {
                print("  \(name): \(figures.spent) spent, \(figures.free) free, \(figures.billable) billable")
            }
            for (staff, spent) in hours.byStaff.sorted(by: { $0.key < $1.key }) { print("  \(staff): \(spent)") }
        }
    }

    /// Writes `page` to `path`, replacing an older report there; exit 73 naming the file and why when it cannot be written.
    static func write(_ page: ReportPage, to path: String) throws {
        let text = try page.render()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            printError("ticketd: cannot write the HTML report to \(path): \(whyNotWritable(path) ?? error.localizedDescription)")
            throw ExitCode(73)
        }
    }

    /// What stands in the way of writing `path`, in words an admin can act on; nil when nothing obvious does.
    static func whyNotWritable(_ path: String) -> String? {
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "it is a directory; give a file name"
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "the directory \(directory) does not exist; create it first"
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            return "the directory \(directory) is not writable for this user"
        }
        return nil
    }

    /// `2026-11-01` as the start of that day on the desk's `calendar` (with `endOfDay`, the start
    /// of the next day), or an ISO 8601 time as given.
    static func instant(_ text: String, option: String, calendar: BusinessCalendar, endOfDay: Bool) throws -> Date {
        if text.count == 10, !text.contains("T") {
            guard let day = try? LocalDate(parsing: text) else {
                throw ValidationError("\(option) '\(text)' is not a date such as 2026-11-01")
            }
            return calendar.instant(on: endOfDay ? day.adding(days: 1) : day, at: .startOfDay)
        }
        guard let date = parseInstant(text) else {
            throw ValidationError("\(option) '\(text)' is not a day (2026-11-01) or an ISO 8601 time (2026-11-01T08:00:00+01:00)")
        }
        return date
    }

    static func duration(_ seconds: Double) -> String {
        let minutes = Int((seconds / 60).rounded())
        return minutes < 120 ? "\(minutes) min" : String(format: "%.1f h", seconds / 3600)
    }
}
