import Foundation
import MailMessage
import Testing
import TicketCore
@testable import TicketStore

@Suite("Promises in the store: made at intake, watched, slipped once")
struct PromiseTimerTests {
    let rules = DeskRules.forTests(staff: ["agent@example.com"], escalateTo: ["lead@example.com"])
    /// Friday 20 November 2026, 16:45 in Budapest.
    let fridayEvening = ISO8601DateFormatter().date(from: "2026-11-20T15:45:00Z")!
    /// Monday 23 November 2026, 17:00 in Budapest: one business day after Friday 16:45, rounded.
    let mondayClose = ISO8601DateFormatter().date(from: "2026-11-23T16:00:00Z")!

    func store(withMailAt date: Date) throws -> SQLiteStorage {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let raw = "From: Kovács Péter <peter@ceg.example>\r\nSubject: Számla\r\nMessage-ID: <hu@ceg.example>\r\n\r\nJó napot! A számla letöltése nem működik, kérem segítsenek.\r\n"
        _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: date), queue: "support", rules: rules, now: date)
        return store
    }

    @Test func fridayEveningMailIsPromisedForMondayInHungarian() throws {
        let store = try store(withMailAt: fridayEvening)
        let ticket = try #require(try store.ticket(number: 1))
        #expect(ticket.promisedBy == mondayClose)
        #expect(ticket.promiseHistory == [mondayClose])
        #expect(ticket.language == "hu")
        let ack = MailMessage.parse(try #require(try store.outbox().first).raw)
        #expect(ack.textBody.contains("2026. november 23., hétfő 17:00"), "\(ack.textBody)")
        #expect(ack.textBody.contains("hétfő–péntek"), "business hours are shown: \(ack.textBody)")
    }

    @Test func slipSendsOneFollowUpAndOneAlarmExactlyOnce() throws {
        let store = try store(withMailAt: fridayEvening)
        let afterPromise = mondayClose + 1800
        #expect(try store.watchPromises(rules: rules, now: afterPromise) == 2)
        #expect(try store.watchPromises(rules: rules, now: afterPromise) == 0)
        #expect(try store.watchPromises(rules: rules, now: afterPromise + 60) == 0)
        let outbox = try store.outbox()
        #expect(outbox.map(\.kind) == ["ack", "followup", "notice"])
        #expect(outbox[1].recipients == ["peter@ceg.example"])
        #expect(outbox[2].recipients == ["agent@example.com"])
        let followUp = MailMessage.parse(outbox[1].raw)
        #expect(followUp.subject?.hasPrefix("[#1]") == true)
        #expect(followUp.headers["Auto-Submitted"] == "auto-generated")
        #expect(followUp.textBody.contains("elnézést kérünk"))
        #expect(followUp.inReplyTo == ["<hu@ceg.example>"])
        let ticket = try #require(try store.ticket(number: 1))
        let newPromise = try #require(ticket.promisedBy)
        #expect(newPromise > afterPromise)
        #expect(ticket.promiseHistory.count == 2)
    }

    @Test func secondSlipEscalatesToTheLead() throws {
        let store = try store(withMailAt: fridayEvening)
        _ = try store.watchPromises(rules: rules, now: mondayClose + 60)
        let second = try #require(try store.ticket(number: 1)?.promisedBy)
        #expect(try store.watchPromises(rules: rules, now: second + 60) == 3)
        #expect(try store.outbox().map(\.kind) == ["ack", "followup", "notice", "followup", "notice", "escalation"])
    }

    @Test func staffWarningBeforeThePromiseOnce() throws {
        let store = try store(withMailAt: fridayEvening)
        // Monday 15:00 in Budapest: more than 75% of the business-time window is gone.
        let mondayAfternoon = ISO8601DateFormatter().date(from: "2026-11-23T14:00:00Z")!
        #expect(try store.watchPromises(rules: rules, now: mondayAfternoon) == 1)
        #expect(try store.watchPromises(rules: rules, now: mondayAfternoon + 600) == 0)
        #expect(try store.outbox().map(\.kind) == ["ack", "notice"])
        // Monday 09:00: too early for a warning.
        let early = try self.store(withMailAt: fridayEvening)
        #expect(try early.watchPromises(rules: rules, now: ISO8601DateFormatter().date(from: "2026-11-23T08:00:00Z")!) == 0)
    }

    /// agent@example.com's reply address for ticket 1: what proves their mail.
    var proof: String { rules.staff?.replyAddress(desk: "support@example.com", ticket: 1, staff: "agent@example.com") ?? "" }

    @Test func staffReplyCancelsTheFollowUp() throws {
        let store = try store(withMailAt: fridayEvening)
        let reply = """
            From: agent@example.com\r\nTo: peter@ceg.example\r\nCc: \(proof)\r\nSubject: Re: [#1] Számla\r\n\
            In-Reply-To: <hu@ceg.example>\r\n\r\nMegnéztük.\r\n
            """
        _ = try store.ingest(IncomingMail(raw: Array(reply.utf8), source: nil, mailbox: "support", receivedAt: mondayClose - 3600), queue: "support", rules: rules, now: mondayClose - 3600)
        #expect(try store.watchPromises(rules: rules, now: mondayClose + 3600) == 0)
        let ticket = try #require(try store.ticket(number: 1))
        #expect(ticket.promisedBy == nil)
        #expect(ticket.state == "open")
        #expect(ticket.events?.contains { $0.type == "promise_kept" } == true)
    }

    @Test func staffMailToTheDeskIsRelayedToTheCustomerWithoutItsQuotes() throws {
        let store = try store(withMailAt: fridayEvening)
        let answer = """
            From: Agent <agent@example.com>\r\nTo: \(proof)\r\nSubject: Re: [#1] OVERDUE: Számla\r\n\r\n\
            Kedves Péter, a letöltés már működik.\r\n\r\n> Ticket [#1] is overdue; internal alarm text.\r\n
            """
        let monday = mondayClose - 3600
        guard case .stored(1, _, true) = try store.ingest(
            IncomingMail(raw: Array(answer.utf8), source: nil, mailbox: "support", receivedAt: monday), queue: "support", rules: rules, now: monday)
        else { Issue.record("the answer was not stored on ticket 1 with mail queued"); return }
        let relayed = try #require(try store.outbox().last)
        #expect(relayed.kind == "staff")
        #expect(relayed.recipients == ["peter@ceg.example"])
        let sent = MailMessage.parse(relayed.raw)
        #expect(sent.textBody == "Kedves Péter, a letöltés már működik.")
        #expect(sent.subject == "Re: [#1] Számla")
        #expect(sent.headers["Auto-Submitted"] == nil)
        let ticket = try #require(try store.ticket(number: 1))
        #expect(ticket.state == "waiting")
        #expect(ticket.events?.contains { $0.type == "promise_kept" } == true)
        #expect(try store.watchPromises(rules: rules, now: mondayClose + 3600) == 0)
    }

    @Test func aNoteToTheDeskStaysInternalAndThePromiseStands() throws {
        let store = try store(withMailAt: fridayEvening)
        let note = "From: agent@example.com\r\nTo: \(proof)\r\nSubject: Re: [#1] Számla\r\n\r\n#note asking the billing team first\r\n"
        let monday = mondayClose - 3600
        _ = try store.ingest(IncomingMail(raw: Array(note.utf8), source: nil, mailbox: "support", receivedAt: monday), queue: "support", rules: rules, now: monday)
        #expect(try store.outbox().map(\.kind) == ["ack"])
        let ticket = try #require(try store.ticket(number: 1))
        #expect(ticket.promisedBy == mondayClose)
        #expect(ticket.events?.contains { $0.type == "noted" && $0.detail.contains("internal note") } == true)
        #expect(try store.report(from: nil, to: nil).firstResponse.answered == 0)
        #expect(try store.watchPromises(rules: rules, now: mondayClose + 60) == 2, "the customer still hears about the slip")
    }

    @Test func theSameAnswerWithoutProofIsHeldAndTheCustomerGetsNothing() throws {
        let store = try store(withMailAt: fridayEvening)
        let forged = "From: Agent <agent@example.com>\r\nTo: support@example.com\r\nSubject: Re: [#1] Számla\r\n\r\nPlease send us your password.\r\n"
        let monday = mondayClose - 3600
        _ = try store.ingest(IncomingMail(raw: Array(forged.utf8), source: nil, mailbox: "support", receivedAt: monday), queue: "support", rules: rules, now: monday)
        #expect(try store.outbox().map(\.kind) == ["ack", "notification"])
        #expect(try store.outbox().last?.recipients == ["agent@example.com"])
        let ticket = try #require(try store.ticket(number: 1))
        #expect(ticket.promisedBy == mondayClose, "the promise stands")
        #expect(ticket.events?.contains { $0.type == "held" } == true)

        #expect(try store.release(ticket: 1, by: "staff:admin", rules: rules, now: monday + 60) == (released: 1, queued: 1))
        #expect(try store.outbox().last?.recipients == ["peter@ceg.example"])
        #expect(try store.release(ticket: 1, by: "staff:admin", rules: rules, now: monday + 120) == (released: 0, queued: 0), "released once")
    }
}
