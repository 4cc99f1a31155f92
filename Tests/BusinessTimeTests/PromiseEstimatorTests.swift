import Foundation
import Testing
@testable import BusinessTime

@Suite("PromiseEstimator")
struct PromiseEstimatorTests {
    /// Mon-Fri 08:00-17:00 (9h), SLA 4h.
    let estimator = PromiseEstimator(calendar: hungarianOffice(), slaTarget: duration("4h"))
    let monday = wall("2026-11-30 09:00")

    func absence(_ agent: String, _ first: String, _ last: String) -> AbsenceCalendar.Absence {
        try! AbsenceCalendar.Absence(agent: agent, from: day(first), through: day(last))
    }

    /// 4 agents × 2.25 tickets per business day = 9 tickets per 9-hour day: 1 ticket per business hour.
    func fullTeam(ahead: Int) -> Workload {
        Workload(openTicketsAhead: ahead, agentsAvailableNow: 4, throughputPerAgentPerDay: 2.25, absences: AbsenceCalendar(teamSize: 4))
    }

    @Test("an empty queue promises the SLA target")
    func slaBound() throws {
        let estimate = try estimator.promise(now: monday, workload: fullTeam(ahead: 0))
        #expect(wallText(estimate.date) == "2026-11-30 13:00")
        #expect(!estimate.isCapacityBound)
        #expect(estimate.workStarts == monday)
    }

    @Test("a queue of 19 ahead with the full team: 20 business hours of work")
    func fullTeamQueue() throws {
        // 8h Monday (09-17), 9h Tuesday, 3h Wednesday → Wednesday 11:00.
        let estimate = try estimator.promise(now: monday, workload: fullTeam(ahead: 19))
        #expect(wallText(estimate.date) == "2026-12-02 11:00")
        #expect(estimate.isCapacityBound)
    }

    @Test("one capacity walk shared by many backlogs gives each its own walk's promise, across a weekend and Christmas")
    func sharedTimeline() throws {
        let friday = wall("2026-12-18 15:30")
        let timeline = estimator.timeline(from: friday, workload: fullTeam(ahead: 60))
        for ahead in 0...60 {
            let shared = try estimator.promise(now: friday, workload: fullTeam(ahead: ahead), timeline: timeline)
            #expect(shared == (try estimator.promise(now: friday, workload: fullTeam(ahead: ahead))), "\(ahead) ahead")
            // One ticket per business hour: the work is done (ahead + 1) business hours from now.
            let expected = hungarianOffice().adding(duration("\(ahead + 1)h"), to: friday)
            #expect(abs(shared.capacityDeadline.timeIntervalSince(expected)) < 1, "\(ahead) ahead: \(wallText(shared.capacityDeadline)) vs \(wallText(expected))")
        }
        #expect(timeline.deadline(forWork: 10_000) == nil, "no further than it walked")
        let slip = try estimator.nextPromiseAfterSlip(missed: friday - 60, workload: fullTeam(ahead: 5), timeline: timeline)
        #expect(slip == (try estimator.nextPromiseAfterSlip(missed: friday - 60, now: friday, workload: fullTeam(ahead: 5))))
    }

    @Test("half the team on vacation: the same queue is promised later")
    func halfTeamOnVacation() throws {
        let vacation = AbsenceCalendar(teamSize: 4, absences: [
            absence("anna", "2026-11-30", "2026-12-11"),
            absence("bela", "2026-11-30", "2026-12-11"),
        ])
        let workload = Workload(openTicketsAhead: 19, agentsAvailableNow: 2, throughputPerAgentPerDay: 2.25, absences: vacation)
        // 0.5 tickets per hour → 40 business hours: 8 + 9 + 9 + 9 + 5 → Friday 13:00.
        let half = try estimator.promise(now: monday, workload: workload)
        #expect(wallText(half.date) == "2026-12-04 13:00")
        let full = try estimator.promise(now: monday, workload: fullTeam(ahead: 19))
        #expect(half.date > full.date)
    }

    @Test("an absence ending mid-week speeds the queue up again")
    func absenceEnds() throws {
        let vacation = AbsenceCalendar(teamSize: 4, absences: [
            absence("anna", "2026-11-30", "2026-11-30"),
            absence("bela", "2026-11-30", "2026-11-30"),
            absence("bela", "2026-11-30", "2026-12-01"),
        ])
        #expect(vacation.availableAgents(on: day("2026-11-30")) == 2)
        #expect(vacation.availableAgents(on: day("2026-12-01")) == 3)
        #expect(vacation.availableAgents(on: day("2026-12-02")) == 4)
        let workload = Workload(openTicketsAhead: 19, agentsAvailableNow: 2, throughputPerAgentPerDay: 2.25, absences: vacation)
        // Monday 8h × 0.5 = 4, Tuesday 9h × 0.75 = 6.75 (10.75), Wednesday 9 (19.75),
        // Thursday 0.25 ticket at 1/h = 15 minutes → 08:15 → rounded to 09:00.
        let estimate = try estimator.promise(now: monday, workload: workload)
        #expect(abs(estimate.capacityDeadline.timeIntervalSince(wall("2026-12-03 08:15"))) < 1)
        #expect(wallText(estimate.date) == "2026-12-03 09:00")
    }

    @Test("nobody available: the promise is the first day someone is back plus the SLA")
    func zeroAgents() throws {
        let bothAway = AbsenceCalendar(teamSize: 2, absences: [
            absence("anna", "2026-11-30", "2026-12-01"),
            absence("bela", "2026-11-30", "2026-12-01"),
        ])
        let workload = Workload(openTicketsAhead: 0, agentsAvailableNow: 0, throughputPerAgentPerDay: 9, absences: bothAway)
        let estimate = try estimator.promise(now: monday, workload: workload)
        #expect(wallText(estimate.workStarts) == "2026-12-02 08:00")
        #expect(wallText(estimate.date) == "2026-12-02 12:00")

        let sickToday = Workload(openTicketsAhead: 0, agentsAvailableNow: 0, throughputPerAgentPerDay: 9, absences: AbsenceCalendar(teamSize: 2))
        #expect(wallText(try estimator.promise(now: monday, workload: sickToday).date) == "2026-12-01 12:00")
    }

    @Test("Friday-evening mail is promised from Monday's opening")
    func fridayEvening() throws {
        let estimate = try estimator.promise(now: wall("2026-11-27 19:30"), workload: fullTeam(ahead: 0))
        #expect(wallText(estimate.date) == "2026-11-30 12:00")
    }

    @Test("promises across the spring-forward weekend land on Monday wall-clock hours")
    func acrossDST() throws {
        let estimate = try estimator.promise(now: wall("2026-03-27 15:10"), workload: fullTeam(ahead: 0))
        // 1h50 on Friday, 2h10 on Monday → 10:10 CEST → 11:00.
        #expect(estimate.date == utc("2026-03-30T09:00:00Z"))
    }

    @Test("rounding goes up to the next full hour, or to closing when that comes first", arguments: [
        ("2026-11-30 15:40", "2026-11-30 16:45"),
        ("2026-11-30 14:47", "2026-11-30 16:00"),
        ("2026-11-30 14:30", "2026-11-30 15:00"),
        ("2026-12-04 16:40", "2026-12-07 09:00"),
        ("2026-12-05 11:00", "2026-12-07 09:00"),
        ("2026-11-30 16:15", "2026-11-30 16:45"),
        ("2026-11-30 16:20", "2026-12-01 09:00"),
    ])
    func rounding(now: String, expected: String) throws {
        let odd = PromiseEstimator(calendar: hungarianOffice("mon-fri 08:30-16:45"), slaTarget: duration("30m"))
        let workload = Workload(openTicketsAhead: 0, agentsAvailableNow: 3, throughputPerAgentPerDay: 1000, absences: AbsenceCalendar(teamSize: 3))
        #expect(wallText(try odd.promise(now: wall(now), workload: workload).date) == expected)
    }

    @Test("promises never show odd minutes, stay inside working hours and respect the SLA floor")
    func roundingProperties() throws {
        let calendars = [
            hungarianOffice("mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:30"),
            hungarianOffice("mon-fri 08:30-16:45"),
            hungarianOffice(),
        ]
        for calendar in calendars {
            for sla in ["30m", "4h", "1bd", "1d"] {
                let estimator = PromiseEstimator(calendar: calendar, slaTarget: duration(sla))
                var now = wall("2026-03-23 00:00")
                let end = wall("2026-04-01 00:00")
                var step = 0
                while now < end {
                    let workload = Workload(openTicketsAhead: step % 23, agentsAvailableNow: step % 3, throughputPerAgentPerDay: 7.5, absences: AbsenceCalendar(teamSize: 3))
                    let promise = try estimator.promise(now: now, workload: workload).date
                    let ranges = calendar.workingIntervals(on: calendar.localDate(of: promise))
                    let range = ranges.first { $0.start <= promise && promise <= $0.end }
                    #expect(range != nil, "\(sla) from \(wallText(now)): \(wallText(promise)) is outside working hours")
                    let minute = Calendar.current.dateComponents(in: TZ.budapest, from: promise)
                    #expect(minute.second == 0 && minute.nanosecond == 0, "\(wallText(promise))")
                    #expect(minute.minute == 0 || promise == range?.end, "\(sla) from \(wallText(now)): \(wallText(promise))")
                    #expect(promise >= calendar.adding(duration(sla), to: now), "\(sla) from \(wallText(now))")
                    now = now.addingTimeInterval(47 * 60)
                    step += 1
                }
            }
        }
    }

    @Test("a new promise after a missed one is computed from the slip time")
    func afterSlip() throws {
        let missed = wall("2026-11-30 13:00")
        // From 13:05: 3h55 on Monday, 5 minutes on Tuesday → 08:05 → 09:00.
        let next = try estimator.nextPromiseAfterSlip(missed: missed, now: wall("2026-11-30 13:05"), workload: fullTeam(ahead: 0))
        #expect(wallText(next.date) == "2026-12-01 09:00")
        // Noticed early: still counted from the missed time (13:00 + 4h = 17:00).
        let early = try estimator.nextPromiseAfterSlip(missed: missed, now: wall("2026-11-30 12:00"), workload: fullTeam(ahead: 0))
        #expect(wallText(early.date) == "2026-11-30 17:00")
        // Even without an SLA target the new promise is strictly later than the missed one.
        let noSLA = PromiseEstimator(calendar: hungarianOffice(), slaTarget: duration("0m"))
        let quick = Workload(openTicketsAhead: 0, agentsAvailableNow: 4, throughputPerAgentPerDay: 1_000_000_000, absences: AbsenceCalendar(teamSize: 4))
        let strict = try noSLA.nextPromiseAfterSlip(missed: missed, now: missed, workload: quick)
        #expect(strict.date > missed)
        #expect(wallText(strict.date) == "2026-11-30 14:00")
    }

    @Test("bad workloads are rejected with actionable errors")
    func errors() {
        let team = AbsenceCalendar(teamSize: 2)
        #expect(throws: PromiseEstimatorError.invalidThroughput(0)) {
            try estimator.promise(now: monday, workload: Workload(openTicketsAhead: 0, agentsAvailableNow: 2, throughputPerAgentPerDay: 0, absences: team))
        }
        #expect(throws: PromiseEstimatorError.negativeCount("openTicketsAhead", -1)) {
            try estimator.promise(now: monday, workload: Workload(openTicketsAhead: -1, agentsAvailableNow: 2, throughputPerAgentPerDay: 5, absences: team))
        }
        #expect(throws: PromiseEstimatorError.noAgents) {
            try estimator.promise(now: monday, workload: Workload(openTicketsAhead: 0, agentsAvailableNow: 0, throughputPerAgentPerDay: 5, absences: AbsenceCalendar(teamSize: 0)))
        }
        #expect(throws: PromiseEstimatorError.beyondHorizon(days: PromiseEstimator.horizonDays)) {
            try estimator.promise(now: monday, workload: Workload(openTicketsAhead: 10_000_000, agentsAvailableNow: 1, throughputPerAgentPerDay: 1, absences: AbsenceCalendar(teamSize: 1)))
        }
        #expect(throws: AbsenceError.endsBeforeStart(agent: "anna", first: day("2026-12-02"), last: day("2026-12-01"))) {
            try AbsenceCalendar.Absence(agent: "anna", from: day("2026-12-02"), through: day("2026-12-01"))
        }
        #expect(PromiseEstimatorError.invalidThroughput(0).description.contains("positive number of tickets"))
    }
}
