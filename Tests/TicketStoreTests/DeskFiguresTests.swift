import Foundation
import Testing
import TicketCore
@testable import TicketStore

@Suite("Desk figures: outbox backlog and promise outcomes")
struct DeskFiguresTests {
    let rules = DeskRules.forTests(staff: ["agent@example.com"])
    /// Monday 23 November 2026, 10:00 in Budapest.
    let monday = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!

    func ingest(_ store: SQLiteStorage, from sender: String, id: String, at date: Date) throws {
        let raw = "From: \(sender)\r\nSubject: Help \(id)\r\nMessage-ID: <\(id)@customer.example>\r\n\r\nPlease help with \(id).\r\n"
        _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: date), queue: "support", rules: rules, now: date)
    }

    @Test func backlogCountsQueuedAndFailedMailAndTheOldestQueued() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        #expect(try store.outboxBacklog() == OutboxBacklog(queued: 0, failed: 0, oldestQueuedAt: nil))
        try ingest(store, from: "ann@customer.example", id: "a", at: monday)
        try ingest(store, from: "ben@customer.example", id: "b", at: monday + 600)
        try ingest(store, from: "cid@customer.example", id: "c", at: monday + 1200)
        let acks = try store.outbox()
        #expect(acks.count == 3)
        try store.markSent(outboxID: acks[0].id, at: monday + 60)
        try store.markFailed(outboxID: acks[1].id, reason: "550 no such user", retryAt: nil, now: monday + 700)
        #expect(try store.outboxBacklog() == OutboxBacklog(queued: 1, failed: 1, oldestQueuedAt: monday + 1200))
        // A deferred mail waiting for its retry is still queued.
        try store.markFailed(outboxID: acks[2].id, reason: "451 try later", retryAt: monday + 3000, now: monday + 1300)
        #expect(try store.outboxBacklog().queued == 1)
    }

    @Test func promisesKeptAndMissedAreCountedOncePerPromise() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        #expect(try store.promiseOutcomes() == PromiseOutcomes(kept: 0, missed: 0))
        #expect(PromiseOutcomes(kept: 0, missed: 0).keptRatio == nil)
        try ingest(store, from: "ann@customer.example", id: "a", at: monday)
        try ingest(store, from: "ben@customer.example", id: "b", at: monday)
        try ingest(store, from: "cid@customer.example", id: "c", at: monday)
        // Ticket 1 is answered in time; tickets 2 and 3 slip.
        _ = try store.staffReply(ticket: 1, from: "agent@example.com", text: "Done.", rules: rules, now: monday + 3600)
        let promises = try [2, 3].map { try #require(try store.ticket(number: $0)?.promisedBy) }
        let passed = try #require(promises.max()) + 60
        _ = try store.watchPromises(rules: rules, now: passed)
        _ = try store.watchPromises(rules: rules, now: passed + 60)
        let outcomes = try store.promiseOutcomes()
        #expect(outcomes == PromiseOutcomes(kept: 1, missed: 2))
        #expect(outcomes.keptRatio == 1.0 / 3.0)
    }

    @Test func theReportCountsEachThingInItsPeriod() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let tuesday = monday + 86_400
        try ingest(store, from: "ann@customer.example", id: "a", at: monday)
        try ingest(store, from: "ben@customer.example", id: "b", at: monday + 600)
        try ingest(store, from: "cid@customer.example", id: "c", at: tuesday)
        let vacation = "From: dan@customer.example\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\n\r\nAway.\r\n"
        _ = try store.ingest(
            IncomingMail(raw: Array(vacation.utf8), source: nil, mailbox: "support", receivedAt: tuesday), queue: "support", rules: rules, now: tuesday)
        // Ann is answered after 30 minutes, Ben after 90 (on Tuesday), Cid not yet.
        _ = try store.staffReply(ticket: 1, from: "agent@example.com", text: "Done.", rules: rules, now: monday + 1800)
        _ = try store.staffReply(ticket: 2, from: "agent@example.com", text: "Done.", rules: rules, now: monday + 600 + 5400)

        let everything = try store.report(from: nil, to: nil)
        #expect(everything.tickets == 3)
        #expect(everything.byState == ["waiting": 2, "new": 1])
        #expect(everything.byQueue == ["support": 3])
        #expect(everything.dropped == ["auto_reply": 1])
        #expect(everything.firstResponse.answered == 2)
        #expect(everything.firstResponse.unanswered == 1)
        #expect(everything.firstResponse.medianSeconds == 3600)
        #expect(everything.firstResponse.meanSeconds == 3600)
        #expect(everything.promises == PromiseOutcomes(kept: 2, missed: 0))

        let mondayOnly = try store.report(from: monday - 3600, to: monday + 43_200)
        #expect(mondayOnly.tickets == 2)
        #expect(mondayOnly.dropped.isEmpty)
        #expect(mondayOnly.outbox.values.reduce(0, +) == 4, "two acknowledgements and two staff replies")
        #expect(mondayOnly.firstResponse.medianSeconds == 3600)

        let tuesdayOn = try store.report(from: tuesday, to: nil)
        #expect(tuesdayOn.tickets == 1)
        #expect(tuesdayOn.dropped == ["auto_reply": 1])
        #expect(tuesdayOn.firstResponse.unanswered == 1)
        #expect(tuesdayOn.promises == PromiseOutcomes(kept: 0, missed: 0))

        #expect(tuesdayOn.csv.hasPrefix("section,key,value\nperiod,from,2026-11-24T09:00:00Z\nperiod,to,\ntickets,,1\n"), "\(tuesdayOn.csv)")
        #expect(tuesdayOn.csv.contains("\ndropped,auto_reply,1\n"))
        #expect(DeskReport.csvField("Acme, \"Ltd\"") == "\"Acme, \"\"Ltd\"\"\"")
    }
}
