import Foundation
import Logging
import Testing
import TicketConfig
import TicketCore
import TicketStore
@testable import TicketDaemon

/// The journal of accepted mail: a flush killed between the server's 250 and the store's record
/// does not send that mail again.
@Suite("Accepted-mail journal")
struct AcceptedJournalTests {
    let directory = NSTemporaryDirectory() + "ticketd-journal-\(UInt64.random(in: 0..<UInt64.max))"

    init() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    @Test func notesReadBackSkippingTornLines() throws {
        let journal = AcceptedJournal(path: directory + "/outbox-accepted")
        #expect(journal.entries().isEmpty, "no file yet")
        #expect(journal.note(7, at: Date(timeIntervalSince1970: 1_795_000_000.5)))
        #expect(journal.note(12, at: Date(timeIntervalSince1970: 1_795_000_001)))
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("13\n\0\0\0\n".utf8))
        try handle.close()
        let entries = journal.entries()
        #expect(entries.map(\.id) == [7, 12], "a line cut short (no time) and a run of zeros are skipped")
        #expect(entries.first?.at == Date(timeIntervalSince1970: 1_795_000_000.5))
        #expect(journal.clear())
        #expect(journal.entries().isEmpty)
    }

    @Test func aFlushRecordsWhatTheServerHadAcceptedInsteadOfSendingItAgain() throws {
        let store = try SQLiteStorage(path: directory + "/ticketd.sqlite", tagFormat: TicketTagFormat())
        let rules = DeskRules.forTests(staff: ["agent@example.com"])
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        for index in 0..<2 {
            let raw = "From: c\(index)@acme.example\r\nSubject: Help \(index)\r\nMessage-ID: <h\(index)@acme.example>\r\n\r\nPlease call me back.\r\n"
            _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: now), queue: "support", rules: rules, now: now)
        }
        let queued = try store.outbox().filter { $0.state == "queued" }
        #expect(queued.count == 2)
        try "x".write(toFile: directory + "/pass", atomically: true, encoding: .utf8)
        // Port 9 (discard) on loopback refuses: anything the flush tries to send fails as unreachable.
        let loaded = try ConfigLoader.parse(source: """
            [daemon]
            state_dir = "\(directory)"

            [[mailbox]]
            name = "support"
            url = "imap://127.0.0.1:9/INBOX"
            tls = "none"
            user = "support@example.com"
            password_file = "\(directory)/pass"
            address = "support@example.com"

            [smtp]
            url = "smtp://127.0.0.1:9"
            tls = "none"
            """, path: directory + "/ticketd.toml")
        let sender = OutboxSender(
            settings: loaded.config.smtp, storage: store, lockPath: directory + "/outbox.lock", logger: Logger(label: "test"))
        // The last flush was killed after the server's 250 for the first acknowledgement, before the store recorded it.
        #expect(sender.journal.note(queued[0].id, at: now + 5))

        let summary = try sender.flush(now: { now + 60 })
        let after = try store.outbox()
        #expect(after.first { $0.id == queued[0].id }?.state == "sent", "recorded from the journal, not sent again")
        #expect(after.first { $0.id == queued[1].id }?.state == "queued", "the other one was tried and deferred: \(after)")
        #expect(summary.sent == 0 && summary.unreachable != nil)
        #expect(sender.journal.entries().isEmpty, "emptied once recorded")
    }
}
