import Foundation
import Testing
import TicketCore
@testable import TicketStore
import TestSupport

/// A week of traffic through the real store and promise watcher, driven by a simulated clock.
///
/// Customers write at random times (more on Monday, some at night and at the weekend); two
/// agents answer the oldest unanswered tickets during business hours at the throughput the
/// policy assumes; the watcher runs every 15 minutes. Printed: promises kept and follow-ups sent.
@Suite("Promise simulation")
struct PromiseSimulationTests {
    struct Outcome {
        var promises = 0
        var kept = 0
        var followUps = 0
        var maxFollowUpsPerSlip = 0
    }

    /// - Parameter answering: agents who really answer (fewer than `agents` models illness nobody entered).
    func simulate(ticketsPerDay: Int, agents: Int, answering: Int? = nil, answersPerAgentPerDay: Int, seed: UInt64) throws -> Outcome {
        var random = SplitMix64(seed: seed)
        let staff = (0..<agents).map { "agent\($0)@example.com" }
        var rules = DeskRules.forTests(staff: staff)
        rules.policy.throughputPerAgentPerDay = Double(answersPerAgentPerDay)
        let calendar = rules.policy.calendar
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        // Monday 2 November 2026, 00:00 in Budapest, for seven days.
        let start = ISO8601DateFormatter().date(from: "2026-11-01T23:00:00Z")!
        var arrivals: [Date] = []
        for day in 0..<7 {
            let weekend = day >= 5
            let count = weekend ? ticketsPerDay / 5 : (day == 0 ? ticketsPerDay * 3 / 2 : ticketsPerDay)
            for _ in 0..<count {
                arrivals.append(start + Double(day) * 86_400 + Double.random(in: 6 * 3600..<22 * 3600, using: &random))
            }
        }
        arrivals.sort()
        var next = 0
        var answered = Set<Int>()
        let step: TimeInterval = 900
        var now = start
        var answerBudget = 0.0
        while now < start + 9 * 86_400 {
            while next < arrivals.count, arrivals[next] <= now {
                let raw = "From: c\(next)@customer\(next % 37).example\r\nSubject: Request \(next)\r\nMessage-ID: <r\(next)@x.example>\r\n\r\nHello, please help with request \(next). Thanks\r\n"
                _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: arrivals[next]), queue: "support", rules: rules, now: arrivals[next])
                next += 1
            }
            if calendar.isOpen(at: now) {
                let openSeconds = Double(calendar.businessSeconds(from: calendar.instant(on: calendar.localDate(of: now), at: .startOfDay), to: calendar.instant(on: calendar.localDate(of: now), at: .endOfDay)))
                answerBudget += Double((answering ?? agents) * answersPerAgentPerDay) * step / max(openSeconds, 1)
                let waiting = try store.tickets(TicketFilter()).filter { !answered.contains($0.number) && ($0.state == "new" || $0.state == "open") }
                while answerBudget >= 1, let oldest = waiting.first(where: { !answered.contains($0.number) }) {
                    _ = try store.staffReply(ticket: oldest.number, from: staff[oldest.number % agents], text: "Answer", rules: rules, now: now)
                    answered.insert(oldest.number)
                    answerBudget -= 1
                }
            }
            _ = try store.watchPromises(rules: rules, now: now)
            now += step
        }
        var outcome = Outcome()
        for ticket in try store.tickets(TicketFilter()) {
            let view = try #require(try store.ticket(number: ticket.number))
            let events = view.events ?? []
            outcome.promises += view.promiseHistory.count
            outcome.kept += events.filter { $0.type == "promise_kept" }.count
            let followUps = (view.messages ?? []).filter { $0.kind == "followup" }.count
            outcome.followUps += followUps
            let slips = events.filter { $0.type == "promise_missed" && $0.actor == "system" && $0.detail.contains("passed unanswered") }.count
            outcome.maxFollowUpsPerSlip = max(outcome.maxFollowUpsPerSlip, slips == 0 ? followUps : followUps - slips + 1)
            #expect(followUps == slips, "ticket \(ticket.number): one follow-up per slip")
        }
        return outcome
    }

    @Test("capacity matching demand keeps at least 95% of promises, one follow-up per slip")
    func capacityMatchesDemand() throws {
        let outcome = try simulate(ticketsPerDay: 14, agents: 2, answersPerAgentPerDay: 8, seed: 2026)
        let ratio = Double(outcome.kept) / Double(max(outcome.promises, 1))
        print("simulation (2 agents × 8/day, ~14 tickets/day): \(outcome.promises) promises, \(outcome.kept) kept (\(String(format: "%.1f", ratio * 100))%), \(outcome.followUps) follow-ups")
        #expect(ratio >= 0.95)
        #expect(outcome.maxFollowUpsPerSlip <= 1)
    }

    @Test("an absence nobody entered breaks promises, and every slip gets exactly one honest follow-up")
    func unannouncedAbsenceSlipsHonestly() throws {
        let outcome = try simulate(ticketsPerDay: 14, agents: 2, answering: 1, answersPerAgentPerDay: 8, seed: 7)
        print("simulation (2 agents planned, 1 answering, ~14 tickets/day): \(outcome.promises) promises, \(outcome.kept) kept, \(outcome.followUps) follow-ups")
        #expect(outcome.followUps > 0)
        #expect(outcome.maxFollowUpsPerSlip <= 1)
    }
}
