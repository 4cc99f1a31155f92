import BusinessTime
import Foundation
import GRDB
import Testing
import TicketCore
@testable import TicketStore

@Suite("Per-queue calendars and staff absences")
struct QueuePolicyTests {
    /// Friday 20 November 2026, 20:00 in Budapest.
    let fridayNight = ISO8601DateFormatter().date(from: "2026-11-20T19:00:00Z")!

    func ticket(_ store: SQLiteStorage, _ rules: DeskRules, queue: String, index: Int, at date: Date) throws -> Date? {
        let raw = "From: c\(index)@acme.example\r\nSubject: Down \(index)\r\nMessage-ID: <d\(index)@acme.example>\r\n\r\nThe service is down.\r\n"
        guard case let .stored(number?, _, _) = try store.ingest(
            IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: date), queue: queue, rules: rules, now: date)
        else { return nil }
        return try store.ticket(number: number)?.promisedBy
    }

    @Test func aTwentyFourSevenQueuePromisesOverTheWeekend() throws {
        var rules = DeskRules.forTests(staff: ["agent@example.com"])
        var urgent = rules.policy
        urgent.calendar = BusinessCalendar(timeZone: urgent.calendar.timeZone, schedule: .alwaysOpen, holidays: HolidayRules.none)
        urgent.firstResponse = try BusinessDuration(parsing: "4h")
        rules.queuePolicies = ["urgent": urgent]
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let urgentPromise = try #require(try ticket(store, rules, queue: "urgent", index: 1, at: fridayNight))
        let normalPromise = try #require(try ticket(store, rules, queue: "support", index: 2, at: fridayNight))
        #expect(urgentPromise == ISO8601DateFormatter().date(from: "2026-11-20T23:00:00Z")!, "Saturday 00:00 in Budapest")
        #expect(normalPromise > ISO8601DateFormatter().date(from: "2026-11-23T07:00:00Z")!, "Monday at the earliest")
    }

    @Test func staffAwayMakesPromisesLater() throws {
        let rules = DeskRules.forTests(staff: ["anna@example.com", "bela@example.com"])
        let monday = ISO8601DateFormatter().date(from: "2026-11-23T08:00:00Z")!
        let full = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let halved = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        try halved.addAbsence(staff: "bela@example.com", firstDay: "2026-11-23", lastDay: "2026-11-27", standIn: nil, now: monday)
        let absence = try AbsenceCalendar.Absence(
            agent: "bela@example.com", from: try LocalDate(parsing: "2026-11-23"), through: try LocalDate(parsing: "2026-11-27"))
        var lastFull: Date?
        var lastHalved: Date?
        for index in 0..<30 {
            lastFull = try ticket(full, rules, queue: "support", index: index, at: monday + Double(index))
            lastHalved = try ticket(halved, rules.adding(absences: [absence]), queue: "support", index: index, at: monday + Double(index))
        }
        #expect(try #require(lastHalved) > (try #require(lastFull)))
        #expect(try halved.absences().map(\.staff) == ["bela@example.com"])
    }

    /// A store with `count` tickets opened a second apart from Monday 23 November 2026, 08:00 UTC,
    /// every `billingEvery`-th (from the first) in "billing", the rest in "support".
    func desk(tickets count: Int, billingEvery: Int) throws -> (store: SQLiteStorage, rules: DeskRules, monday: Date) {
        let rules = DeskRules.forTests(staff: ["agent@example.com"])
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let monday = ISO8601DateFormatter().date(from: "2026-11-23T08:00:00Z")!
        for index in 0..<count {
            _ = try ticket(store, rules, queue: index % billingEvery == 0 ? "billing" : "support", index: index, at: monday + Double(index))
        }
        return (store, rules, monday)
    }

    @Test func theWatchListAgreesWithCountingTicketByTicket() throws {
        let (store, rules, monday) = try desk(tickets: 40, billingEvery: 3)
        for number in [2, 5, 9, 20, 33] {
            try store.changeState(ticket: number, to: .resolved, actor: "staff:agent@example.com", rules: rules, now: monday + 100)
        }
        try store.changeState(ticket: 12, to: .waiting, actor: "staff:agent@example.com", rules: rules, now: monday + 100)
        let firstPromise = try #require(try store.ticket(number: 1)?.promisedBy)
        _ = try store.watchPromises(rules: rules, now: firstPromise + 60)

        let watched = try store.watchedTickets()
        let open = try store.tickets(TicketFilter()).filter { ["new", "open"].contains($0.state) && $0.promisedBy != nil }
        #expect(watched.map(\.ticket.number).sorted() == open.map(\.number).sorted())
        #expect(Set(watched.map(\.queue)) == ["billing", "support"])
        #expect(watched.contains { $0.ticket.promiseNumber == 2 }, "some promises slipped and were renewed")
        for (queue, entry) in watched {
            let view = try #require(try store.ticket(number: entry.number))
            #expect(entry.openAhead == (try store.withDeskTransaction { try $0.openAhead(of: entry.number, queue: queue) }))
            #expect(entry.promiseNumber == view.promiseHistory.count)
            #expect(entry.promisedBy == view.promisedBy)
        }
    }

    @Test func placesInTheQueueCountedWithinOneTransactionFollowStateAndQueueChanges() throws {
        let (store, _, monday) = try desk(tickets: 30, billingEvery: 4)
        try store.withDeskTransaction { transaction in
            let sqlite = try #require(transaction as? SQLiteDeskTransaction)
            func counted(_ number: Int, _ queue: String) throws -> Int {
                try Int.fetchOne(
                    sqlite.db, sql: "SELECT COUNT(*) FROM tickets WHERE queue = ? AND state IN ('new', 'open') AND number < ?", arguments: [queue, number]) ?? 0
            }
            func check(_ number: Int, _ queue: String, _ comment: Comment) throws {
                #expect(try transaction.openAhead(of: number, queue: queue) == (try counted(number, queue)), comment)
            }
            try check(10, "support", "first count")
            try check(20, "support", "remembered up to 10, counted on")
            _ = try transaction.apply([.setState(ticket: 6, .resolved)], incoming: nil, now: monday + 60)
            try check(25, "support", "after a ticket ahead was resolved")
            _ = try transaction.apply([.setQueue(ticket: 7, "billing")], incoming: nil, now: monday + 60)
            try check(28, "support", "after a ticket ahead moved away")
            try check(28, "billing", "in the queue it moved to")
            try check(15, "support", "a ticket before the remembered one")
            try check(31, "support", "all of them")
        }
    }
}
