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
}
