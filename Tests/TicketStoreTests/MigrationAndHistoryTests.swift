import BusinessTime
import Foundation
import GRDB
import Testing
import TicketCore
@testable import TicketStore

@Suite("Migrations, organisation history and channel targets")
struct MigrationAndHistoryTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func aDatabaseOfTheFirstSchemaMigratesWithItsData() throws {
        let path = NSTemporaryDirectory() + "v1-\(UUID().uuidString).sqlite"
        let old = try DatabaseQueue(path: path)
        try StorageSchema.migrator.migrate(old, upTo: "v1-tickets-messages-outbox")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO tickets (subject, normalized_subject, state, queue, priority, language, channel, customer_address, created_at, updated_at)
                VALUES ('Old', 'old', 'open', 'support', 'normal', 'hu', 'email', 'old@acme.example', ?, ?)
                """, arguments: [now, now])
        }
        try old.close()
        let store = try SQLiteStorage(path: path, tagFormat: TicketTagFormat())
        #expect(try store.ticket(number: 1)?.subject == "Old")
        #expect(try store.messageTotals() == .zero, "v2's spam tables exist")
        #expect(try store.absences().isEmpty, "v4's absences table exists")
        let applied = try DatabaseQueue(path: path).read { try StorageSchema.migrator.appliedMigrations($0) }
        #expect(applied == ["v1-tickets-messages-outbox", "v2-spam-tokens", "v3-daemon-state", "v4-absences", "v5-attachments", "v6-indexes-for-loop-guards-and-queues", "v7-held-staff-mail-and-text-signatures", "v8-request-types-rules-and-stand-ins", "v9-request-type-steps", "v10-time-entries-and-contract-mail", "v11-covering-index-for-text-signatures", "v12-text-sketches"])
    }

    @Test func organisationsJoinDomainsInTheHistory() throws {
        let rules = DeskRules.forTests()
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        for (index, sender) in ["a@acme.example", "b@acme-hu.example", "c@other.example", "d@gmail.com"].enumerated() {
            let raw = "From: \(sender)\r\nSubject: Q\(index)\r\nMessage-ID: <q\(index)@x.example>\r\n\r\nHello\r\n"
            _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: now + Double(index)), queue: "support", rules: rules, now: now + Double(index))
        }
        let mapped = try store.customerHistory(address: "a@acme.example", organisations: ["acme.example": "ACME", "acme-hu.example": "ACME"])
        #expect(mapped.tickets.map(\.number) == [2, 1])
        #expect(mapped.organisation == "ACME")
        #expect(try store.customerHistory(address: "a@acme.example", organisations: [:]).tickets.map(\.number) == [1])
        #expect(try store.customerHistory(address: "d@gmail.com", organisations: [:]).organisation == nil)
    }

    @Test func aChannelWithItsOwnTargetPromisesByIt() throws {
        var rules = DeskRules.forTests(staff: ["agent@example.com"])
        var phone = rules.policy
        phone.firstResponse = try BusinessDuration(parsing: "2h")
        rules.channelPolicies = ["phone": phone]
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let monday9 = ISO8601DateFormatter().date(from: "2026-11-23T08:00:00Z")!
        let number = try store.createTicket(
            channel: "phone", customer: Customer(address: "caller@acme.example"), subject: "Called", text: "Call back please",
            queue: "support", rules: rules, now: monday9)
        #expect(try store.ticket(number: number)?.promisedBy == ISO8601DateFormatter().date(from: "2026-11-23T10:00:00Z")!, "Monday 11:00 in Budapest")
    }
}
