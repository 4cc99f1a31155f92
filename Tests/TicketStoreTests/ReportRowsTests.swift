import Foundation
import GRDB
import Testing
import TicketCore
@testable import TicketStore

/// The rows the store hands the report builder, read back from a real database.
@Suite("Report rows from the store")
struct ReportRowsTests {
    let rules = DeskRules.forTests(staff: ["agent@example.com", "lead@example.com"])
    /// Monday 23 November 2026, 10:00 in Budapest.
    let monday = ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!

    func ingest(_ store: SQLiteStorage, from sender: String, id: String, at date: Date) throws {
        let raw = "From: \(sender)\r\nSubject: Help \(id)\r\nMessage-ID: <\(id)@customer.example>\r\n\r\nPlease help with \(id).\r\n"
        _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: date), queue: "support", rules: rules, now: date)
    }

    @Test func ticketsCarryAnswerResolutionReopensAndTheAgentOfEachPromise() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        try ingest(store, from: "ann@acme.example", id: "a", at: monday)
        try ingest(store, from: "ben@acme.example", id: "b", at: monday + 60)
        try store.assign(ticket: 1, to: "agent@example.com", actor: "staff:lead@example.com", rules: rules, now: monday + 300)
        _ = try store.staffReply(ticket: 1, from: "agent@example.com", text: "Done.", rules: rules, now: monday + 1800)
        try store.changeState(ticket: 1, to: .resolved, actor: "staff:agent@example.com", rules: rules, now: monday + 3600)
        try store.changeState(ticket: 1, to: .open, actor: "staff:agent@example.com", rules: rules, now: monday + 7200)
        try store.changeState(ticket: 1, to: .closed, actor: "staff:agent@example.com", rules: rules, now: monday + 9000)

        let rows = try store.reportRows(from: nil, to: nil)
        #expect(rows.tickets.map(\.number) == [1, 2])
        let first = rows.tickets[0]
        #expect(first.firstAnsweredAt == monday + 1800)
        #expect(first.resolvedAt == monday + 9000, "the last time it was closed")
        #expect(first.reopens == 1)
        #expect(first.customerAddress == "ann@acme.example" && first.assignee == "agent@example.com")
        #expect(rows.tickets[1].firstAnsweredAt == nil && rows.tickets[1].resolvedAt == nil)
        #expect(rows.openTickets.map(\.number) == [2])
        #expect(rows.promiseOutcomes.map(\.ticket) == [1])
        #expect(rows.promiseOutcomes.first?.kept == true)
        #expect(rows.promiseOutcomes.first?.agent == "agent@example.com")
        #expect(rows.outbox.allSatisfy { $0.domain == "acme.example" } && rows.outbox.map(\.count).reduce(0, +) == 3)

        let later = try store.reportRows(from: monday + 30, to: nil)
        #expect(later.tickets.map(\.number) == [2])
        #expect(later.openTickets.map(\.number) == [2], "the backlog does not depend on the period")
    }

    @Test func stepVisitsEndWhenTheNextStepStartsOrTheTicketIsResolved() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        try ingest(store, from: "ann@acme.example", id: "a", at: monday)
        try ingest(store, from: "ben@acme.example", id: "b", at: monday)
        try store.writer.write { db in
            try db.execute(sql: "UPDATE tickets SET request_type = 'device_swap'")
            for (ticket, step, entered) in [(1, "triage", monday), (1, "visit", monday + 3600), (2, "triage", monday)] {
                try db.execute(
                    sql: "INSERT INTO ticket_steps (ticket_number, step, entered_at, due_at) VALUES (?, ?, ?, ?)",
                    arguments: [ticket, step, entered, entered + 14_400])
            }
        }
        try store.changeState(ticket: 2, to: .resolved, actor: "staff:agent@example.com", rules: rules, now: monday + 7200)

        let rows = try store.reportRows(from: nil, to: nil)
        #expect(rows.tickets.map(\.requestType) == ["device_swap", "device_swap"])
        #expect(rows.tickets[0].steps == [
            .init(step: "triage", enteredAt: monday, dueAt: monday + 14_400, leftAt: monday + 3600),
            .init(step: "visit", enteredAt: monday + 3600, dueAt: monday + 18_000, leftAt: nil),
        ])
        #expect(rows.tickets[1].steps == [.init(step: "triage", enteredAt: monday, dueAt: monday + 14_400, leftAt: monday + 7200)])
    }
}
