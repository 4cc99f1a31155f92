import BusinessTime
import Foundation
import TestSupport
import Testing
@testable import TicketCore

/// A seeded week at a three-person desk with a vacation in the middle: every assignment is checked
/// against the absences, and the figures are printed for the closing note.
extension AssignmentTests {
    /// anna speaks hu and en, piotr pl and en (away Wednesday and Thursday), emma en and pl.
    static let weekRoster = StaffRoster(members: [
        StaffMember(address: "anna@example.com", languages: ["hu", "en"], skills: ["billing"], capacity: 8),
        StaffMember(address: "piotr@example.com", languages: ["pl", "en"], capacity: 6),
        StaffMember(address: "emma@example.com", languages: ["en", "pl"], skills: ["billing"], capacity: 8),
    ])

    /// What one simulated week gave.
    struct WeekFigures {
        var assigned: [String: Int] = [:]
        var byLanguage: [String: [String: Int]] = [:]
        var moved = 0
        var unassigned = 0
        var toSomeoneAway = 0
        /// Open tickets left with someone away after a tick's re-assignment, summed over ticks.
        var heldByAway = 0
        var openAtEnd: [String: Int] = [:]
        var largestOpenGap = 0
        var largestShareGap = 0.0
        var gapAt = ""
        var tickets = 0
    }

    struct SimulatedTicket {
        var number: Int
        var language: String
        var skill: String?
        var assignee: String?
        var open = true
    }

    /// Monday 2025-03-10 to Friday 03-14, hourly from 08:00 to 16:00: 0–5 new tickets an hour
    /// (en 50 %, hu 30 %, pl 20 %; one in ten needs billing), each present agent closing one of
    /// their open tickets an hour with chance capacity / 9. Re-assignment runs at every tick.
    static func simulateWeek(seed: UInt64, policy: AssignmentPolicy) -> WeekFigures {
        var random = SplitMix64(seed: seed)
        let vacation = away("piotr@example.com", 12, 13)
        let assigner = Assigner(roster: weekRoster, absences: StaffAbsences(absences: [vacation]), calendar: calendar, defaultCapacity: 8)
        let settings = AssignmentSettings(policy: policy)
        var tickets: [SimulatedTicket] = []
        var lastAssigned: [String: String] = [:]
        var figures = WeekFigures()
        func load() -> AssignmentLoad {
            let open = tickets.filter(\.open).compactMap(\.assignee).reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
            return AssignmentLoad(open: open, lastAssigned: lastAssigned)
        }
        func check(_ assignee: String?, at now: Date) {
            guard let assignee else { return }
            if assigner.absences.isAway(assignee, on: assigner.workingDay(at: now)) { figures.toSomeoneAway += 1 }
            lastAssigned["support"] = assignee
        }
        for day in 10...14 {
            for hour in 8...16 {
                let now = at(day, hour)
                let assigned = tickets.filter(\.open).compactMap { ticket in
                    ticket.assignee.map { AssignedTicket(number: ticket.number, assignee: $0, queue: "support", language: ticket.language, skill: ticket.skill) }
                }
                for move in assigner.reassignments(of: assigned, settings: settings, load: load(), now: now) {
                    tickets[move.ticket - 1].assignee = move.decision.assignee
                    check(move.decision.assignee, at: now)
                    figures.moved += 1
                }
                figures.heldByAway += tickets.filter { $0.open && $0.assignee.map { assigner.absences.isAway($0, on: date(day)) } ?? false }.count
                for _ in 0..<Int(random.next() % 6) {
                    let roll = random.next() % 10
                    let language = roll < 5 ? "en" : roll < 8 ? "hu" : "pl"
                    let skill = random.next() % 10 == 0 ? "billing" : nil
                    let request = AssignmentRequest(queue: "support", language: language, skill: skill)
                    let decision = assigner.assign(request, policy: policy, load: load(), now: now)
                    tickets.append(SimulatedTicket(number: tickets.count + 1, language: language, skill: skill, assignee: decision.assignee))
                    check(decision.assignee, at: now)
                    if let assignee = decision.assignee {
                        figures.assigned[assignee, default: 0] += 1
                        figures.byLanguage[assignee, default: [:]][language, default: 0] += 1
                    } else {
                        figures.unassigned += 1
                    }
                }
                let current = load()
                let present = weekRoster.members.filter { !assigner.absences.isAway($0.address, on: date(day)) }
                let open = present.map { current.openCount(of: $0.address) }
                let shares = present.map { Double(current.openCount(of: $0.address)) / Double($0.capacity ?? 8) }
                if let most = open.max(), let least = open.min(), most - least > figures.largestOpenGap {
                    figures.largestOpenGap = most - least
                    figures.gapAt = "\(date(day)) \(hour):00"
                }
                if let most = shares.max(), let least = shares.min() { figures.largestShareGap = max(figures.largestShareGap, most - least) }
                for member in present where Double(random.next() % 900) < Double(member.capacity ?? 8) * 100 {
                    if let index = tickets.firstIndex(where: { $0.open && $0.assignee == member.address }) { tickets[index].open = false }
                }
            }
        }
        figures.tickets = tickets.count
        figures.openAtEnd = load().open
        return figures
    }

    @Test(arguments: [AssignmentPolicy.leastLoaded, .roundRobin])
    func aSeededWeekWithAVacation(policy: AssignmentPolicy) {
        let seed: UInt64 = 16
        let figures = Self.simulateWeek(seed: seed, policy: policy)
        print("assignment week (seed \(seed), \(policy.rawValue)): \(figures.tickets) tickets, piotr away Wed 12–Thu 13 March")
        for member in Self.weekRoster.members {
            let languages = (figures.byLanguage[member.address] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("  \(member.address): \(figures.assigned[member.address, default: 0]) new (\(languages)), \(figures.openAtEnd[member.address, default: 0]) open at the end")
        }
        print("  moved when the vacation started: \(figures.moved); left unassigned: \(figures.unassigned); given to someone away: \(figures.toSomeoneAway)")
        print("  largest load imbalance among those present: \(figures.largestOpenGap) open (at \(figures.gapAt)), \(String(format: "%.2f", figures.largestShareGap)) of capacity")
        #expect(figures.toSomeoneAway == 0)
        #expect(figures.unassigned == 0, "en and pl always have a speaker present, hu has anna all week")
        #expect(figures.assigned.values.reduce(0, +) == figures.tickets)
        #expect(figures.heldByAway == 0, "re-assignment leaves nothing open with piotr while he is away")
    }
}
