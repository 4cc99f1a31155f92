import BusinessTime
import Foundation
import Testing
@testable import TicketCore

/// The assignment core: filters, policies, ties, capacity weighting, stand-ins and re-assignment.
@Suite("Assignment")
struct AssignmentTests {
    static let anna = "anna@example.com"
    static let piotr = "piotr@example.com"
    static let chris = "chris@example.com"
    static let dora = "dora@example.com"

    /// anna: hu/en, billing, support+billing, budapest, 8 a day; piotr: pl/en, support, warsaw, 4 a day;
    /// chris: any language, field skill, every queue, no region, the default capacity; dora: en, billing only.
    static let roster = StaffRoster(members: [
        StaffMember(address: anna, languages: ["hu", "en"], skills: ["billing"], queues: ["support", "billing"], region: "Budapest", capacity: 8),
        StaffMember(address: piotr, languages: ["pl", "en"], queues: ["support"], region: "warsaw", capacity: 4),
        StaffMember(address: chris, skills: ["field"]),
        StaffMember(address: dora, languages: ["en"], queues: ["billing"], capacity: 8),
    ])

    /// Mon–Fri 08:00–17:00 UTC, no holidays.
    static let calendar = BusinessCalendar(timeZone: TimeZone(identifier: "UTC")!, schedule: try! WeeklySchedule(parsing: "mon-fri 08:00-17:00"), holidays: .none)

    /// 2025-03-12 (a Wednesday) at `hour`:00 UTC, or another day of that week.
    static func at(_ day: Int = 12, _ hour: Int = 10) -> Date {
        calendar.instant(on: try! LocalDate(year: 2025, month: 3, day: day), at: try! TimeOfDay(hour: hour, minute: 0))
    }

    static func date(_ day: Int) -> LocalDate { try! LocalDate(year: 2025, month: 3, day: day) }

    static func away(_ agent: String, _ first: Int, _ last: Int) -> AbsenceCalendar.Absence {
        try! AbsenceCalendar.Absence(agent: agent, from: date(first), through: date(last))
    }

    static func assigner(absences: [AbsenceCalendar.Absence] = [], standIns: [(String, String)] = [], defaultCapacity: Double = 8) -> Assigner {
        let covers = standIns.map { agent, standIn in
            try! StandIn(for: absences.first { $0.agent == agent }!, standIn: standIn)
        }
        return Assigner(roster: roster, absences: StaffAbsences(absences: absences, standIns: covers), calendar: calendar, defaultCapacity: defaultCapacity)
    }

    // MARK: - Filters

    struct FilterCase: Sendable, CustomTestStringConvertible {
        var name: String
        var request: AssignmentRequest
        var eligible: [String]
        var testDescription: String { name }
    }

    static let filterCases: [FilterCase] = [
        FilterCase(name: "queue support, en: everyone working support", request: .init(queue: "support", language: "en"), eligible: [anna, piotr, chris]),
        FilterCase(name: "queue billing: its workers and the all-queue agent", request: .init(queue: "billing", language: "en"), eligible: [anna, chris, dora]),
        FilterCase(name: "queue field: only the all-queue agent", request: .init(queue: "field", language: "en"), eligible: [chris]),
        FilterCase(name: "language hu: its speaker and the any-language agent", request: .init(queue: "support", language: "hu"), eligible: [anna, chris]),
        FilterCase(name: "language pl", request: .init(queue: "support", language: "PL"), eligible: [piotr, chris]),
        FilterCase(name: "language de: only the any-language agent", request: .init(queue: "support", language: "de"), eligible: [chris]),
        FilterCase(name: "skill billing", request: .init(queue: "billing", language: "en", skill: "Billing"), eligible: [anna]),
        FilterCase(name: "skill field", request: .init(queue: "support", language: "hu", skill: "field"), eligible: [chris]),
        FilterCase(name: "skill nobody has", request: .init(queue: "support", language: "en", skill: "legal"), eligible: []),
        FilterCase(name: "region, without regard to case", request: .init(queue: "support", language: "en", region: "budapest"), eligible: [anna]),
        FilterCase(name: "region warsaw excludes agents without a region", request: .init(queue: "support", language: "en", region: "Warsaw"), eligible: [piotr]),
        FilterCase(name: "every filter at once", request: .init(queue: "support", language: "hu", skill: "billing", region: "budapest"), eligible: [anna]),
    ]

    @Test(arguments: filterCases)
    func filters(_ test: FilterCase) {
        #expect(Self.assigner().eligible(for: test.request, on: Self.date(12)).map(\.address) == test.eligible)
    }

    @Test func agentsAwayThatDayAreNotEligible() {
        let assigner = Self.assigner(absences: [Self.away(Self.anna, 10, 14), Self.away(Self.chris, 13, 13)])
        let request = AssignmentRequest(queue: "support", language: "en")
        #expect(assigner.eligible(for: request, on: Self.date(12)).map(\.address) == [Self.piotr, Self.chris])
        #expect(assigner.eligible(for: request, on: Self.date(13)).map(\.address) == [Self.piotr])
        #expect(assigner.eligible(for: request, on: Self.date(17)).map(\.address) == [Self.anna, Self.piotr, Self.chris])
    }

    struct WorkingDayCase: Sendable, CustomTestStringConvertible {
        var name: String
        var now: Date
        var day: Int
        var testDescription: String { name }
    }

    /// Absences count on the day the desk next works: Friday evening and the weekend look at Monday.
    @Test(arguments: [
        WorkingDayCase(name: "Wednesday before opening", now: at(12, 6), day: 12),
        WorkingDayCase(name: "Wednesday open", now: at(12, 10), day: 12),
        WorkingDayCase(name: "Friday after closing", now: at(14, 18), day: 17),
        WorkingDayCase(name: "Saturday", now: at(15, 12), day: 17),
    ])
    func theWorkingDay(_ test: WorkingDayCase) {
        #expect(Self.assigner().workingDay(at: test.now) == Self.date(test.day))
    }

    @Test func aTicketOnFridayEveningSkipsSomeoneAwayFromMonday() {
        let assigner = Self.assigner(absences: [Self.away(Self.anna, 17, 21)])
        let request = AssignmentRequest(queue: "billing", language: "hu", skill: "billing")
        #expect(assigner.assign(request, policy: .leastLoaded, load: .init(), now: Self.at(14, 10)).assignee == Self.anna)
        let evening = assigner.assign(request, policy: .leastLoaded, load: .init(), now: Self.at(14, 18))
        #expect(evening == AssignmentDecision(
            assignee: nil, reason: "nobody present on 2025-03-17 working billing, speaking hu, with skill billing; left to queue billing"))
    }

    // MARK: - Least loaded

    struct LoadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var request: AssignmentRequest
        var open: [String: Int]
        var defaultCapacity: Double = 8
        var expected: AssignmentDecision
        var testDescription: String { name }
    }

    static let loadCases: [LoadCase] = [
        LoadCase(
            name: "nobody has work: the first in the roster", request: .init(queue: "support", language: "en"), open: [:],
            expected: .init(assignee: anna, reason: "least loaded: 0 open of capacity 8; speaks en")),
        LoadCase(
            name: "capacity weighs: 3 of 8 beats 2 of 4", request: .init(queue: "support", language: "en"),
            open: [anna: 3, piotr: 2, chris: 5],
            expected: .init(assignee: anna, reason: "least loaded: 3 open of capacity 8; speaks en")),
        LoadCase(
            name: "capacity weighs: 1 of 4 beats 3 of 8", request: .init(queue: "support", language: "en"),
            open: [anna: 3, piotr: 1, chris: 5],
            expected: .init(assignee: piotr, reason: "least loaded: 1 open of capacity 4; speaks en")),
        LoadCase(
            name: "equal share: fewer open wins (2 of 4 over 4 of 8)", request: .init(queue: "support", language: "en"),
            open: [anna: 4, piotr: 2, chris: 5],
            expected: .init(assignee: piotr, reason: "least loaded: 2 open of capacity 4; speaks en")),
        LoadCase(
            name: "equal share and open: roster order", request: .init(queue: "billing", language: "en"),
            open: [anna: 2, chris: 2, dora: 2],
            expected: .init(assignee: anna, reason: "least loaded: 2 open of capacity 8; speaks en")),
        LoadCase(
            name: "the default capacity for an agent without one", request: .init(queue: "support", language: "hu"),
            open: [anna: 3, chris: 2], defaultCapacity: 4,
            expected: .init(assignee: anna, reason: "least loaded: 3 open of capacity 8; speaks hu")),
        LoadCase(
            name: "a fractional default capacity", request: .init(queue: "field", language: "de"),
            open: [chris: 1], defaultCapacity: 7.5,
            expected: .init(assignee: chris, reason: "least loaded: 1 open of capacity 7.5; takes any language")),
        LoadCase(
            name: "the reason names skill and region", request: .init(queue: "support", language: "hu", skill: "billing", region: "budapest"),
            open: [anna: 3],
            expected: .init(assignee: anna, reason: "least loaded: 3 open of capacity 8; speaks hu; skill billing; region budapest")),
        LoadCase(
            name: "over capacity still counts, as a higher share", request: .init(queue: "support", language: "pl"),
            open: [piotr: 9, chris: 17],
            expected: .init(assignee: chris, reason: "least loaded: 17 open of capacity 8; takes any language")),
    ]

    @Test(arguments: loadCases)
    func leastLoaded(_ test: LoadCase) {
        let decision = Self.assigner(defaultCapacity: test.defaultCapacity)
            .assign(test.request, policy: .leastLoaded, load: AssignmentLoad(open: test.open), now: Self.at())
        #expect(decision == test.expected)
    }

    @Test func loadAddressesIgnoreCase() {
        let decision = Self.assigner().assign(
            .init(queue: "support", language: "pl"), policy: .leastLoaded, load: AssignmentLoad(open: ["PIOTR@example.com": 1, Self.chris: 1]), now: Self.at())
        #expect(decision.assignee == Self.chris)
    }

    // MARK: - Round robin

    @Test func roundRobinGoesOnInRosterOrderAndWraps() {
        let assigner = Self.assigner()
        var load = AssignmentLoad()
        var order: [String?] = []
        var reasons: [String] = []
        for _ in 0..<7 {
            let decision = assigner.assign(.init(queue: "support", language: "en"), policy: .roundRobin, load: load, now: Self.at())
            order.append(decision.assignee)
            reasons.append(decision.reason)
            if let assignee = decision.assignee { load.record(assignee, queue: "support") }
        }
        #expect(order == [Self.anna, Self.piotr, Self.chris, Self.anna, Self.piotr, Self.chris, Self.anna])
        #expect(reasons[0] == "round robin: first in queue support; speaks en")
        #expect(reasons[1] == "round robin: next after anna@example.com in queue support; speaks en")
        #expect(reasons[2] == "round robin: next after piotr@example.com in queue support; takes any language")
        #expect(reasons[3] == "round robin: next after chris@example.com in queue support; speaks en")
        #expect(load.openCount(of: Self.anna) == 3 && load.lastAssigned(in: "SUPPORT") == Self.anna)
    }

    struct TurnCase: Sendable, CustomTestStringConvertible {
        var name: String
        var request: AssignmentRequest
        var last: String?
        var absences: [AbsenceCalendar.Absence] = []
        var expected: String?
        var testDescription: String { name }
    }

    static let turnCases: [TurnCase] = [
        TurnCase(name: "no one yet: the first eligible", request: .init(queue: "support", language: "hu"), last: nil, expected: anna),
        TurnCase(name: "after the last, skipping the ineligible", request: .init(queue: "support", language: "hu"), last: anna, expected: chris),
        TurnCase(name: "wraps to the start", request: .init(queue: "support", language: "hu"), last: chris, expected: anna),
        TurnCase(name: "the last is no longer eligible: the next after them", request: .init(queue: "support", language: "hu"), last: piotr, expected: chris),
        TurnCase(
            name: "the next is away: the one after", request: .init(queue: "support", language: "en"), last: anna,
            absences: [away(piotr, 12, 12)], expected: chris),
        TurnCase(name: "the only eligible gets every ticket", request: .init(queue: "field", language: "en"), last: chris, expected: chris),
        TurnCase(name: "the last left the roster: the first eligible", request: .init(queue: "support", language: "en"), last: "gone@example.com", expected: anna),
        TurnCase(
            name: "nobody eligible", request: .init(queue: "support", language: "de"), last: chris,
            absences: [away(chris, 12, 12)], expected: nil),
    ]

    @Test(arguments: turnCases)
    func roundRobinTurns(_ test: TurnCase) {
        let load = AssignmentLoad(lastAssigned: test.last.map { ["support": $0, "field": $0] } ?? [:])
        let decision = Self.assigner(absences: test.absences).assign(test.request, policy: .roundRobin, load: load, now: Self.at())
        #expect(decision.assignee == test.expected, "\(decision.reason)")
    }

    @Test func roundRobinKeepsATurnPerQueue() {
        let load = AssignmentLoad(lastAssigned: ["support": Self.anna, "billing": Self.chris])
        let assigner = Self.assigner()
        #expect(assigner.assign(.init(queue: "support", language: "en"), policy: .roundRobin, load: load, now: Self.at()).assignee == Self.piotr)
        #expect(assigner.assign(.init(queue: "billing", language: "en"), policy: .roundRobin, load: load, now: Self.at()).assignee == Self.dora)
    }

    // MARK: - None and nobody

    @Test func policyNoneLeavesTheTicketToItsQueue() {
        let decision = Self.assigner().assign(.init(queue: "support", language: "en"), policy: .none, load: .init(), now: Self.at())
        #expect(decision == AssignmentDecision(assignee: nil, reason: "policy none: left to queue support"))
    }

    @Test func nobodyEligibleSaysWhatWasWanted() {
        let decision = Self.assigner().assign(
            .init(queue: "support", language: "pl", skill: "legal", region: "warsaw"), policy: .leastLoaded, load: .init(), now: Self.at())
        #expect(decision == AssignmentDecision(
            assignee: nil, reason: "nobody present on 2025-03-12 working support, speaking pl, with skill legal, in region warsaw; left to queue support"))
    }

    // MARK: - Stand-ins

    struct ChainCase: Sendable, CustomTestStringConvertible {
        var name: String
        var absences: [AbsenceCalendar.Absence]
        var standIns: [(String, String)]
        var chain: StandInChain
        var testDescription: String { name }
    }

    static let chainCases: [ChainCase] = [
        ChainCase(name: "present", absences: [], standIns: [], chain: .present),
        ChainCase(name: "away on other days", absences: [away(anna, 3, 7)], standIns: [(anna, piotr)], chain: .present),
        ChainCase(name: "away without a stand-in", absences: [away(anna, 10, 14)], standIns: [], chain: .noStandIn),
        ChainCase(
            name: "one stand-in", absences: [away(anna, 10, 14)], standIns: [(anna, piotr)],
            chain: .standIn(piotr, path: [anna, piotr])),
        ChainCase(
            name: "a chain", absences: [away(anna, 10, 14), away(piotr, 12, 12), away(chris, 11, 13)],
            standIns: [(anna, piotr), (piotr, chris), (chris, dora)], chain: .standIn(dora, path: [anna, piotr, chris, dora])),
        ChainCase(
            name: "a stand-in away on other days covers", absences: [away(anna, 10, 14), away(piotr, 3, 4)],
            standIns: [(anna, piotr), (piotr, chris)], chain: .standIn(piotr, path: [anna, piotr])),
        ChainCase(
            name: "a loop of two", absences: [away(anna, 10, 14), away(piotr, 12, 12)], standIns: [(anna, piotr), (piotr, anna)],
            chain: .loops(path: [anna, piotr, anna])),
        ChainCase(
            name: "a loop further on", absences: [away(anna, 10, 14), away(piotr, 12, 12), away(chris, 12, 12)],
            standIns: [(anna, piotr), (piotr, chris), (chris, piotr)], chain: .loops(path: [anna, piotr, chris, piotr])),
        ChainCase(
            name: "all away", absences: [away(anna, 10, 14), away(piotr, 12, 12)], standIns: [(anna, piotr)],
            chain: .allAway(path: [anna, piotr])),
    ]

    @Test(arguments: chainCases)
    func standInChains(_ test: ChainCase) {
        #expect(Self.assigner(absences: test.absences, standIns: test.standIns).absences.chain(from: "Anna@Example.com", on: Self.date(12)) == test.chain)
    }

    struct PreferredCase: Sendable, CustomTestStringConvertible {
        var name: String
        var absences: [AbsenceCalendar.Absence]
        var standIns: [(String, String)]
        var policy: AssignmentPolicy = .leastLoaded
        var expected: AssignmentDecision
        var testDescription: String { name }
    }

    static let preferredCases: [PreferredCase] = [
        PreferredCase(
            name: "present: keeps it, whatever the policy", absences: [], standIns: [], policy: .none,
            expected: .init(assignee: anna, reason: "asked for anna@example.com, present on 2025-03-12")),
        PreferredCase(
            name: "away: the stand-in, though they do not work the queue", absences: [away(anna, 10, 14)], standIns: [(anna, piotr)],
            expected: .init(assignee: piotr, reason: "stand-in for anna@example.com, away on 2025-03-12: anna@example.com → piotr@example.com")),
        PreferredCase(
            name: "away: a chain is followed", absences: [away(anna, 10, 14), away(piotr, 11, 12)], standIns: [(anna, piotr), (piotr, dora)],
            expected: .init(assignee: dora, reason: "stand-in for anna@example.com, away on 2025-03-12: anna@example.com → piotr@example.com → dora@example.com")),
        PreferredCase(
            name: "a loop: back to the queue", absences: [away(anna, 10, 14), away(piotr, 11, 12)], standIns: [(anna, piotr), (piotr, anna)],
            expected: .init(assignee: nil, reason: "stand-ins loop on 2025-03-12: anna@example.com → piotr@example.com → anna@example.com; left to queue billing")),
        PreferredCase(
            name: "all away: back to the queue", absences: [away(anna, 10, 14), away(piotr, 11, 12)], standIns: [(anna, piotr)],
            expected: .init(assignee: nil, reason: "every stand-in is away on 2025-03-12: anna@example.com → piotr@example.com; left to queue billing")),
        PreferredCase(
            name: "away without a stand-in: the policy chooses", absences: [away(anna, 10, 14)], standIns: [],
            expected: .init(assignee: chris, reason: "least loaded: 0 open of capacity 8; takes any language")),
        PreferredCase(
            name: "away without a stand-in, policy none: the queue", absences: [away(anna, 10, 14)], standIns: [], policy: .none,
            expected: .init(assignee: nil, reason: "policy none: left to queue billing")),
    ]

    @Test(arguments: preferredCases)
    func aPreferredAgent(_ test: PreferredCase) {
        let request = AssignmentRequest(queue: "billing", language: "en", preferred: Self.anna)
        let decision = Self.assigner(absences: test.absences, standIns: test.standIns)
            .assign(request, policy: test.policy, load: AssignmentLoad(open: [Self.dora: 1]), now: Self.at())
        #expect(decision == test.expected)
    }

    @Test func nobodyStandsInForThemselves() throws {
        #expect(throws: StandInError.standsInForThemselves(agent: Self.anna)) {
            try StandIn(for: Self.away(Self.anna, 10, 14), standIn: " ANNA@example.com")
        }
        let standIn = try StandIn(for: Self.away(Self.anna, 10, 14), standIn: "Piotr@Example.com")
        #expect(standIn.standIn == Self.piotr && standIn.covers(Self.date(14)) && !standIn.covers(Self.date(15)))
    }

    @Test func theFirstStandInListedWinsOnADay() {
        let absences = [Self.away(Self.anna, 10, 14), Self.away(Self.anna, 12, 20)]
        let both = StaffAbsences(absences: absences, standIns: [
            try! StandIn(for: absences[0], standIn: Self.piotr), try! StandIn(for: absences[1], standIn: Self.chris),
        ])
        #expect(both.standIn(for: Self.anna, on: Self.date(13)) == Self.piotr)
        #expect(both.standIn(for: Self.anna, on: Self.date(17)) == Self.chris)
        #expect(both.standIn(for: Self.anna, on: Self.date(21)) == nil)
    }

    // MARK: - Re-assignment

    @Test func anAbsentAgentsTicketsMoveOldestFirstStandInFirst() {
        let assigner = Self.assigner(absences: [Self.away(Self.anna, 12, 14), Self.away(Self.dora, 12, 12)], standIns: [(Self.anna, Self.piotr)])
        let tickets = [
            AssignedTicket(number: 9, assignee: Self.dora, queue: "billing", language: "en"),
            AssignedTicket(number: 4, assignee: Self.anna, queue: "support", language: "hu"),
            AssignedTicket(number: 7, assignee: Self.chris, queue: "support", language: "en"),
            AssignedTicket(number: 8, assignee: Self.dora, queue: "billing", language: "en"),
        ]
        let settings = AssignmentSettings(policy: .leastLoaded, queuePolicies: ["billing": .roundRobin])
        let load = AssignmentLoad(open: [Self.anna: 1, Self.chris: 1, Self.dora: 2], lastAssigned: ["billing": Self.anna])
        let moves = assigner.reassignments(of: tickets, settings: settings, load: load, now: Self.at())
        #expect(moves == [
            Reassignment(ticket: 4, from: Self.anna, decision: .init(
                assignee: Self.piotr, reason: "stand-in for anna@example.com, away on 2025-03-12: anna@example.com → piotr@example.com")),
            Reassignment(ticket: 8, from: Self.dora, decision: .init(
                assignee: Self.chris, reason: "round robin: next after anna@example.com in queue billing; takes any language")),
            Reassignment(ticket: 9, from: Self.dora, decision: .init(
                assignee: Self.chris, reason: "round robin: next after chris@example.com in queue billing; takes any language")),
        ])
    }

    @Test func movesCountInTheLoadOfTheNext() {
        let assigner = Self.assigner(absences: [Self.away(Self.anna, 12, 14)])
        let tickets = (1...4).map { AssignedTicket(number: $0, assignee: Self.anna, queue: "support", language: "en") }
        let moves = assigner.reassignments(of: tickets, settings: AssignmentSettings(policy: .leastLoaded), load: AssignmentLoad(open: [Self.anna: 4]), now: Self.at())
        // piotr (capacity 4) and chris (capacity 8): 0/4 → piotr, 0/8 → chris, 1/4 vs 1/8 → chris, 1/4 vs 2/8 → piotr (fewer open).
        #expect(moves.map(\.decision.assignee) == [Self.piotr, Self.chris, Self.chris, Self.piotr])
    }

    @Test func appliedMovesAreNotMadeAgain() {
        let assigner = Self.assigner(absences: [Self.away(Self.anna, 12, 14)], standIns: [(Self.anna, Self.piotr)])
        var tickets = [AssignedTicket(number: 1, assignee: Self.anna, queue: "support", language: "hu")]
        let settings = AssignmentSettings(policy: .leastLoaded)
        let first = assigner.reassignments(of: tickets, settings: settings, load: .init(), now: Self.at())
        #expect(first.map(\.decision.assignee) == [Self.piotr])
        tickets[0].assignee = Self.piotr
        #expect(assigner.reassignments(of: tickets, settings: settings, load: .init(), now: Self.at()).isEmpty)
    }

    @Test func nobodyMovesBeforeTheAbsenceStarts() {
        let assigner = Self.assigner(absences: [Self.away(Self.anna, 17, 21)])
        let tickets = [AssignedTicket(number: 1, assignee: Self.anna, queue: "support", language: "en")]
        #expect(assigner.reassignments(of: tickets, settings: .init(policy: .leastLoaded), load: .init(), now: Self.at(14, 10)).isEmpty)
        // Friday after closing the next working day is Monday, when she is away.
        #expect(assigner.reassignments(of: tickets, settings: .init(policy: .leastLoaded), load: .init(), now: Self.at(14, 18)).map(\.decision.assignee) == [Self.piotr])
    }

    @Test func settingsChooseThePolicyPerQueue() {
        let settings = AssignmentSettings(policy: .leastLoaded, queuePolicies: ["Billing": .roundRobin, "field": AssignmentPolicy.none])
        #expect(settings.policy(forQueue: "support") == .leastLoaded)
        #expect(settings.policy(forQueue: "BILLING") == .roundRobin)
        #expect(settings.policy(forQueue: "field") == AssignmentPolicy.none)
        #expect(AssignmentSettings().policy(forQueue: "support") == AssignmentPolicy.none)
    }
}
