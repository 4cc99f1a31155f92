import Foundation
import Testing
import TicketCore
@testable import TicketStore

@Suite("Loop guards and automatic ham training")
struct LoopGuardTests {
    let rules = DeskRules.forTests(staff: ["agent@example.com"])
    let start = Date(timeIntervalSince1970: 1_795_000_000)

    func ingest(_ store: SQLiteStorage, _ index: Int, at date: Date, from sender: String = "robot@acme.example") throws {
        let raw = "From: \(sender)\r\nSubject: Alert \(index)\r\nMessage-ID: <a\(index)@acme.example>\r\n\r\nsomething happened \(index)\r\n"
        _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: date), queue: "support", rules: rules, now: date)
    }

    @Test func aSenderWritingTooFastIsThreadedButNotAcknowledged() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        for index in 0..<8 { try ingest(store, index, at: start + Double(index) * 30) }
        #expect(try store.tickets(TicketFilter()).count == 8, "every mail is kept")
        #expect(try store.outbox().count == 5)
        #expect(try store.ticket(number: 8)?.events?.contains { $0.detail.hasPrefix("acknowledgement withheld") } == true)
        #expect(try store.acknowledgementsWithheld() == ["per_sender": 3])
        #expect(try store.report(from: nil, to: nil).acknowledgementsWithheld == ["per_sender": 3])
    }

    @Test func oneAddressGetsAtMostTenAcknowledgementsADay() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        for index in 0..<14 { try ingest(store, index, at: start + Double(index) * 900) }
        #expect(try store.outbox().count == 10)
        try ingest(store, 99, at: start + 2 * 86_400)
        #expect(try store.outbox().count == 11, "the cap is per 24 hours")
    }

    @Test func staffAnswerTrainsTheFirstCustomerMessageAsHamOnce() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        try ingest(store, 1, at: start, from: "peter@ceg.example")
        _ = try store.staffReply(ticket: 1, from: "agent@example.com", text: "Done.", rules: rules, now: start + 60)
        _ = try store.staffReply(ticket: 1, from: "agent@example.com", text: "Again.", rules: rules, now: start + 120)
        #expect(try store.messageTotals().ham == 1)
        #expect(try store.messageTotals().spam == 0)
    }
}
