import Foundation
import MailMessage
import Testing
import TicketCore
@testable import TicketStore

@Suite("SQLiteStorage")
struct SQLiteStorageTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let rules = DeskRules.forTests(staff: ["agent@example.com"])

    func incoming(_ text: String, uid: UInt32?) -> IncomingMail {
        IncomingMail(
            raw: Array(text.utf8), source: uid.map { SourceKey(mailbox: "support", uidValidity: 1, uid: $0) },
            mailbox: "support", receivedAt: now)
    }

    @Test func storesTicketAndQueuesOneAcknowledgement() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let mail = incoming("From: a@acme.example\r\nSubject: Hi\r\nMessage-ID: <1@acme.example>\r\n\r\nbody\r\n", uid: 5)
        let outcome = try store.ingest(mail, queue: "support", rules: rules, now: now)
        guard case let .stored(ticket, _, queued) = outcome else {
            Issue.record("expected stored, got \(outcome)")
            return
        }
        #expect(ticket == 1)
        #expect(queued)
        #expect(try store.contains(SourceKey(mailbox: "support", uidValidity: 1, uid: 5)))
        #expect(try store.dueOutbox(now: now, limit: 10).count == 1)

        // The same IMAP message again, and the same mail delivered to another UID: nothing new.
        #expect(try store.ingest(mail, queue: "support", rules: rules, now: now) == .duplicate)
        let redelivered = incoming("Received: by other\r\nFrom: a@acme.example\r\nSubject: Hi\r\nMessage-ID: <1@acme.example>\r\n\r\nbody\r\n", uid: 9)
        #expect(try store.ingest(redelivered, queue: "support", rules: rules, now: now) == .duplicate)
        #expect(try store.tickets(TicketFilter()).count == 1)
        #expect(try store.outbox().count == 1)
    }

    @Test func aReplyShowsWhatItAddsBesideItsWholeText() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        _ = try store.ingest(
            incoming("From: Kovács Péter <peter@ceg.example>\r\nSubject: Számla\r\nMessage-ID: <1@ceg.example>\r\n\r\nNem tudom letölteni.\r\n", uid: 1),
            queue: "support", rules: rules, now: now)
        let reply = """
            From: Kovács Péter <peter@ceg.example>\r\nSubject: Vá: [#1] Számla\r\nMessage-ID: <2@ceg.example>\r\nIn-Reply-To: <1@ceg.example>\r\n\r\n\
            Most már működik, köszönöm!\r\n\r\n-- \r\nKovács Péter\r\n\r\n\
            2026. nov. 20., p 16:45 dátummal ACME Support <support@example.com> ezt írta:\r\n> Kérését a(z) [#1] számon rögzítettük.\r\n
            """
        _ = try store.ingest(incoming(reply, uid: 2), queue: "support", rules: rules, now: now)
        let messages = try #require(try store.ticket(number: 1)?.messages)
        let answer = try #require(messages.last)
        #expect(answer.newText == "Most már működik, köszönöm!")
        #expect(answer.text.contains("ezt írta:") && answer.text.contains("> Kérését"))
        #expect(messages[0].newText == messages[0].text)
        let json = String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
        #expect(json.contains("\"new_text\":\"Most már működik, köszönöm!\""), "\(json)")
    }

    @Test func replyByReferenceJoinsTheTicketWithoutNewAck() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        _ = try store.ingest(incoming("From: a@acme.example\r\nSubject: Hi\r\nMessage-ID: <CAB@acme.example>\r\n\r\nbody\r\n", uid: 1), queue: "support", rules: rules, now: now)
        let ackID = try #require(try store.outbox().first?.messageID)
        let reply = incoming("From: a@acme.example\r\nSubject: Re: something else\r\nIn-Reply-To: \(ackID)\r\n\r\nmore\r\n", uid: 2)
        let outcome = try store.ingest(reply, queue: "support", rules: rules, now: now)
        #expect(outcome == .stored(ticket: 1, action: .append(ticket: 1, kind: .customer, rule: .references, reopen: false), queuedMail: false))
        let view = try #require(try store.ticket(number: 1))
        #expect(view.messages?.map(\.kind) == ["customer", "ack", "customer"])
        #expect(view.events?.map(\.type) == ["created", "promised", "acknowledged", "customer_replied"])
    }

    @Test func outboxStatesAndDroppedCounts() throws {
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        _ = try store.ingest(incoming("From: a@acme.example\r\nSubject: Hi\r\n\r\nbody\r\n", uid: 1), queue: "support", rules: rules, now: now)
        _ = try store.ingest(incoming("From: a@acme.example\r\nSubject: x\r\nList-Id: <l.x>\r\n\r\nbody\r\n", uid: 2), queue: "support", rules: rules, now: now)
        #expect(try store.report(from: nil, to: nil).dropped == ["list": 1])
        let entry = try #require(try store.dueOutbox(now: now, limit: 1).first)
        try store.markFailed(outboxID: entry.id, reason: "451 try later", retryAt: now + 60, now: now)
        #expect(try store.dueOutbox(now: now, limit: 1).isEmpty, "deferred mail waits for its retry time")
        #expect(try store.dueOutbox(now: now + 61, limit: 1).count == 1)
        try store.markFailed(outboxID: entry.id, reason: "550 no such user", retryAt: nil, now: now)
        let failed = try #require(try store.outbox().first)
        #expect(failed.state == "failed")
        #expect(failed.lastError == "550 no such user")
        #expect(failed.attempts == 2)
    }

    @Test func migratesAFileDatabaseAndReopensIt() throws {
        let path = NSTemporaryDirectory() + "store-\(UUID().uuidString).sqlite"
        do {
            let store = try SQLiteStorage(path: path, tagFormat: TicketTagFormat())
            try store.saveSyncState(MailboxSyncState(mailbox: "support", uidValidity: 7, lastUID: 42))
        }
        let reopened = try SQLiteStorage(path: path, tagFormat: TicketTagFormat())
        #expect(try reopened.syncState(mailbox: "support") == MailboxSyncState(mailbox: "support", uidValidity: 7, lastUID: 42))
    }
}
