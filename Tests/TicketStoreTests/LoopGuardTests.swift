import Foundation
import GRDB
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

    @Test func oneTextFromManySendersIsAcknowledgedThreeTimesFromSketchesInTheIndex() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let lottery = "Congratulations! You have won 1,000,000 EUR in our lottery. Send your bank details to claim the prize today."
        for index in 0..<6 {
            let raw = "From: winner\(index)@forged\(index).example\r\nSubject: Prize \(index)\r\nMessage-ID: <w\(index)@forged.example>\r\n\r\n\(lottery)\r\n"
            let at = start + Double(index) * 60
            _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: at), queue: "support", rules: rules, now: at)
        }
        #expect(try store.tickets(TicketFilter()).count == 6)
        #expect(try store.outbox().count == 3, "the first three; then the same text from strangers is withheld")
        #expect(try store.acknowledgementsWithheld() == ["same_text": 3])
        try store.writer.read { db in
            let sizes = try Int?.fetchAll(db, sql: "SELECT length(text_sketch) FROM messages WHERE direction = 'in' ORDER BY id")
            #expect(sizes == Array(repeating: NearDuplicateText.hashCount * 4, count: 6), "a 256-byte sketch per opening mail")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages WHERE text_signature IS NOT NULL") == 0, "no hex signature any more")
            let plan = try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT from_address, text_sketch FROM messages WHERE text_band = 'x' AND received_at >= 0 AND text_sketch IS NOT NULL
                ORDER BY received_at DESC LIMIT 1000
                """).map { $0["detail"] as String }.joined(separator: " ")
            #expect(plan.contains("COVERING INDEX messages_sketched_recent"), "the guard reads the index alone: \(plan)")
        }
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
