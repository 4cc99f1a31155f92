import BusinessTime
import Foundation
import Testing
import TicketCore
@testable import TicketStore

/// The report builder as a pure function of rows and a clock, on the Budapest calendar
/// (Mon–Fri 08:00–17:00) across the weekend of 24–25 October 2026, the national holiday on
/// Friday 23 October and the end of summer time on Sunday 25 October.
@Suite("Desk report: figures from rows with an injected clock")
struct DeskReportBuilderTests {
    static let budapest = TimeZone(identifier: "Europe/Budapest")!
    static let calendars = ReportCalendars(standard: PromisePolicy.standard(timeZone: budapest).calendar)
    /// Monday 26 October 2026, 10:00 in Budapest (CET).
    static let now = at("2026-10-26T10:00:00+01:00")

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static let acme = "anna.customer@acme.example"
    /// The week's tickets, with what happened to them.
    static let rows: ReportRows = {
        let tickets = [
            // Thursday 16:00 (summer time) to Monday 09:00 (winter time): 1h + 1h of business time; resolved, reopened, resolved again.
            ReportRows.Ticket(
                number: 1, createdAt: at("2026-10-22T16:00:00+02:00"), state: "resolved", queue: "support", customerAddress: acme,
                firstAnsweredAt: at("2026-10-26T09:00:00+01:00"), resolvedAt: at("2026-10-26T09:30:00+01:00"), reopens: 1),
            // Answered within the hour on Wednesday; still open; a device swap whose triage ran late.
            ReportRows.Ticket(
                number: 2, createdAt: at("2026-10-21T09:00:00+02:00"), state: "open", queue: "support", customerAddress: acme,
                requestType: "device_swap", firstAnsweredAt: at("2026-10-21T10:00:00+02:00"),
                steps: [
                    .init(step: "triage", enteredAt: at("2026-10-21T09:00:00+02:00"), dueAt: at("2026-10-21T13:00:00+02:00"), leftAt: at("2026-10-22T09:00:00+02:00")),
                    .init(step: "visit", enteredAt: at("2026-10-22T09:00:00+02:00"), dueAt: at("2026-10-27T09:00:00+01:00")),
                ]),
            // Two weeks old and never answered.
            ReportRows.Ticket(number: 3, createdAt: at("2026-10-12T10:00:00+02:00"), state: "open", queue: "support", customerAddress: acme),
            // Opened this morning.
            ReportRows.Ticket(number: 4, createdAt: at("2026-10-26T08:30:00+01:00"), state: "new", queue: "support", customerAddress: acme),
            // Written on the holiday: its clock starts on Monday 08:00.
            ReportRows.Ticket(
                number: 5, createdAt: at("2026-10-23T12:00:00+02:00"), state: "closed", queue: "support", customerAddress: "olga@other.example",
                firstAnsweredAt: at("2026-10-26T08:30:00+01:00"), resolvedAt: at("2026-10-26T08:45:00+01:00")),
            // Exactly three business days old at `now` (Tue, Wed, Thu… the holiday and the weekend skipped); its visit is overdue.
            ReportRows.Ticket(
                number: 6, createdAt: at("2026-10-20T10:00:00+02:00"), state: "open", queue: "support", customerAddress: acme,
                requestType: "device_swap",
                steps: [
                    .init(step: "triage", enteredAt: at("2026-10-20T10:00:00+02:00"), dueAt: at("2026-10-20T14:00:00+02:00"), leftAt: at("2026-10-20T11:00:00+02:00")),
                    .init(step: "visit", enteredAt: at("2026-10-20T11:00:00+02:00"), dueAt: at("2026-10-22T11:00:00+02:00")),
                ]),
        ]
        return ReportRows(
            tickets: tickets, openTickets: tickets.filter { ["new", "open", "waiting"].contains($0.state) },
            promiseOutcomes: [
                .init(ticket: 3, at: at("2026-10-13T10:00:00+02:00"), kept: false, queue: "support", agent: "ben@example.com", customerAddress: acme),
                .init(ticket: 3, at: at("2026-10-14T10:00:00+02:00"), kept: false, queue: "support", agent: "ben@example.com", customerAddress: acme),
                .init(ticket: 2, at: at("2026-10-21T10:00:00+02:00"), kept: true, queue: "support", agent: "anna@example.com", customerAddress: acme),
                .init(ticket: 1, at: at("2026-10-26T09:00:00+01:00"), kept: false, queue: "support", agent: "ben@example.com", customerAddress: acme),
                .init(ticket: 5, at: at("2026-10-26T08:30:00+01:00"), kept: true, queue: "support", agent: nil, customerAddress: "olga@other.example"),
            ],
            dropped: [.init(key: "spam", domain: "spam.example", count: 4), .init(key: "auto_reply", domain: "acme.example", count: 1)],
            outbox: [.init(key: "sent", domain: "acme.example", count: 5), .init(key: "sent", domain: "other.example", count: 2)])
    }()

    @Test func firstResponseAndResolutionCountBusinessTimeOnly() {
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.now)
        #expect(report.now == Self.now)
        #expect(report.tickets == 6)
        let first = report.firstResponse
        #expect(first.answered == 3 && first.unanswered == 3)
        #expect(first.ticketsUnanswered == [3, 4, 6])
        // Wall clock: 3600 (ticket 2), 2d21h30m (ticket 5), 3d18h (ticket 1).
        #expect(first.medianSeconds == 250_200)
        // Business: 1800 (5: Monday 08:00–08:30), 3600 (2), 7200 (1: Thursday 16–17 and Monday 08–09).
        #expect(first.business.medianSeconds == 3600)
        #expect(first.business.p90Seconds == 7200)
        #expect(first.business.tickets == [1, 2, 5])
        #expect(first.business.distribution == ["<1h": 1, "1-4h": 2, "4-8h": 0, "8-24h": 0, "24-40h": 0, "40h+": 0])
        let resolution = report.resolution
        #expect(resolution.resolved == 2 && resolution.unresolved == 4)
        // 2700 (ticket 5), 9000 (ticket 1).
        #expect(resolution.business.medianSeconds == 5850)
        #expect(resolution.business.p90Seconds == 9000)
        #expect(resolution.business.tickets == [1, 5])
    }

    @Test func backlogBucketsOpenTicketsByBusinessDaysAtNow() {
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.now)
        #expect(report.backlog.open == 4)
        #expect(report.backlog.byAge == ["<1bd": 1, "1-3bd": 1, "3-5bd": 1, "5bd+": 1])
        #expect(report.backlog.ticketsByAge == ["<1bd": [4], "1-3bd": [2], "3-5bd": [6], "5bd+": [3]])
        // A minute earlier ticket 6 is still under three business days old.
        let earlier = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.now - 60)
        #expect(earlier.backlog.ticketsByAge["1-3bd"] == [2, 6])
        // A ticket opened after `now` is not in the backlog yet.
        let before = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.at("2026-10-26T08:00:00+01:00"))
        #expect(before.backlog.open == 3)
    }

    @Test func reopenRateIsReopenedOverEverResolved() {
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.now)
        #expect(report.reopens == DeskReport.Reopens(count: 1, rate: 0.5, tickets: [1]))
        var unresolved = Self.rows
        unresolved.tickets = unresolved.tickets.filter { $0.resolvedAt == nil }
        #expect(DeskReport(rows: unresolved, calendars: Self.calendars, now: Self.now).reopens == DeskReport.Reopens(count: 0, rate: nil, tickets: []))
    }

    @Test func promisesByQueueAndByAgentListTheMissedTickets() {
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.now)
        #expect(report.promises == PromiseOutcomes(kept: 2, missed: 3))
        #expect(report.promisesByQueue == ["support": .init(kept: 2, missed: 3, ticketsMissed: [1, 3])])
        #expect(report.promisesByAgent == [
            "anna@example.com": .init(kept: 1, missed: 0, ticketsMissed: []),
            "ben@example.com": .init(kept: 0, missed: 3, ticketsMissed: [1, 3]),
            "unassigned": .init(kept: 1, missed: 0, ticketsMissed: []),
        ])
        #expect(report.promisesByAgent["ben@example.com"]?.keptRatio == 0)
    }

    @Test func ticketsPerDayFillsTheDaysWithoutTickets() {
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.now)
        #expect(report.ticketsPerDay.count == 15, "12 to 26 October")
        #expect(report.ticketsPerDay["2026-10-12"] == 1 && report.ticketsPerDay["2026-10-13"] == 0 && report.ticketsPerDay["2026-10-26"] == 1)
        #expect(report.ticketsPerDay.values.reduce(0, +) == 6)
        var period = Self.rows
        period.from = Self.at("2026-10-01T00:00:00+02:00")
        period.to = Self.at("2026-11-01T00:00:00+01:00")
        let month = DeskReport(rows: period, calendars: Self.calendars, now: Self.now)
        #expect(month.ticketsPerDay.count == 31 && month.ticketsPerDay["2026-10-31"] == 0 && month.ticketsPerDay["2026-11-01"] == nil)
    }

    @Test func requestTypeStepsHaveMedianBusinessTimeAndOverdueStays() throws {
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.now)
        let swap = try #require(report.requestTypes["device_swap"])
        #expect(swap.tickets == 2 && swap.ticketNumbers == [2, 6])
        let triage = try #require(swap.steps["triage"])
        #expect(triage.entered == 2 && triage.left == 2)
        // 3600 (ticket 6) and 32 400 (ticket 2: Wednesday 09:00–17:00 and Thursday 08:00–09:00).
        #expect(triage.businessMedianSeconds == 18_000)
        #expect(triage.overdue == 1 && triage.ticketsOverdue == [2])
        let visit = try #require(swap.steps["visit"])
        #expect(visit.entered == 2 && visit.left == 0 && visit.businessMedianSeconds == nil)
        #expect(visit.overdue == 1 && visit.ticketsOverdue == [6], "ticket 2's visit is due tomorrow")
    }

    @Test func anOrganisationSeesOnlyItsCustomers() {
        let scope = ReportScope(organisations: ["ACME.example": "Acme"], organisation: "acme")
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, scope: scope, now: Self.now)
        #expect(report.organisation == "acme")
        #expect(report.tickets == 5)
        #expect(report.firstResponse.business.tickets == [1, 2])
        #expect(report.promisesByAgent["unassigned"] == nil)
        #expect(report.dropped == ["auto_reply": 1])
        #expect(report.outbox == ["sent": 5])
        let other = DeskReport(rows: Self.rows, calendars: Self.calendars, scope: ReportScope(organisation: "other.example"), now: Self.now)
        #expect(other.tickets == 1 && other.backlog.open == 0 && other.outbox == ["sent": 2])
        #expect(ReportScope().organisation(ofAddress: "someone@gmail.com") == nil)
    }

    @Test func eachQueueIsMeasuredOnItsOwnCalendar() throws {
        let allDay = BusinessCalendar(timeZone: Self.budapest, schedule: .alwaysOpen, holidays: .none)
        let calendars = ReportCalendars(standard: Self.calendars.standard, byQueue: ["night": allDay])
        // Saturday 10:00 to 12:00: two hours for the round-the-clock queue, none for the office.
        let saturday = ["night", "support"].enumerated().map { index, queue in
            ReportRows.Ticket(
                number: index + 1, createdAt: Self.at("2026-10-24T10:00:00+02:00"), state: "open", queue: queue, customerAddress: Self.acme,
                firstAnsweredAt: Self.at("2026-10-24T12:00:00+02:00"))
        }
        let report = DeskReport(rows: ReportRows(tickets: saturday), calendars: calendars, now: Self.now)
        #expect(report.firstResponse.business.medianSeconds == 3600)
        #expect(report.firstResponse.business.distribution["<1h"] == 1 && report.firstResponse.business.distribution["1-4h"] == 1)
    }

    @Test func theJSONHasTheNewFieldsInSnakeCase() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, now: Self.now)
        let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(report)) as? [String: Any])
        for key in ["now", "first_response", "resolution", "promises_by_queue", "promises_by_agent", "backlog", "reopens", "tickets_per_day", "request_types",
                    "from", "to", "tickets", "by_state", "dropped", "outbox", "promises", "acknowledgements_withheld"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(object["organisation"] == nil)
        #expect(object["now"] as? String == "2026-10-26T09:00:00Z")
        let first = try #require(object["first_response"] as? [String: Any])
        #expect(first["business_median_seconds"] as? Double == 3600 && first["business_p90_seconds"] as? Double == 7200)
        #expect(first["tickets"] as? [Int] == [1, 2, 5] && first["median_seconds"] != nil)
        let backlog = try #require(object["backlog"] as? [String: Any])
        #expect(backlog["by_age"] as? [String: Int] == ["<1bd": 1, "1-3bd": 1, "3-5bd": 1, "5bd+": 1])
        let ben = try #require((object["promises_by_agent"] as? [String: Any])?["ben@example.com"] as? [String: Any])
        #expect(ben["tickets_missed"] as? [Int] == [1, 3] && ben["kept"] as? Int == 0)
        let step = try #require(((object["request_types"] as? [String: Any])?["device_swap"] as? [String: Any])?["steps"] as? [String: Any])
        #expect((step["triage"] as? [String: Any])?["tickets_overdue"] as? [Int] == [2])
    }

    @Test func theCSVHasOneRowPerFigureAfterTheRowsItAlwaysHad() {
        let report = DeskReport(rows: Self.rows, calendars: Self.calendars, scope: ReportScope(organisation: "acme.example"), now: Self.now)
        let lines = report.csv.split(separator: "\n").map(String.init)
        #expect(lines.prefix(4) == ["section,key,value", "period,from,", "period,to,", "tickets,,5"])
        let old = lines.firstIndex(of: "first_response,mean_seconds,\(Int(report.firstResponse.meanSeconds!.rounded()))")!
        let new = lines.firstIndex(of: "period,now,2026-10-26T09:00:00Z")!
        #expect(old < new, "new rows come after every old one")
        for row in ["period,organisation,acme.example", "first_response,business_median_seconds,5400", "first_response.distribution,1-4h,2",
                    "resolution,tickets,1", "promises_by_agent.ben@example.com,tickets_missed,1 3", "backlog.by_age,5bd+,1",
                    "backlog.tickets_by_age,<1bd,4", "reopens,rate,1.0", "tickets_per_day,2026-10-22,1",
                    "request_types.device_swap.steps.visit,overdue,1", "request_types.device_swap.steps.triage,business_median_seconds,18000"] {
            #expect(lines.contains(row), "\(row)")
        }
    }
}
