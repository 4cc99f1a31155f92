import Foundation
import Testing

/// An IMAP server whose answer to `UID FETCH` leaves a message out, garbles it or says BYE: no
/// mail is skipped, the failure is named with the server's words, and the rest goes on.
@Suite("Malformed FETCH responses (scripted IMAP server)", .serialized, .timeLimit(.minutes(3)))
struct MalformedFetchTests {
    static func mails(_ count: Int) -> [[UInt8]] {
        (1...count).map {
            TransportDesk.customerMail(
                from: "customer\($0)-\(UInt64.random(in: 0..<UInt64.max))@acme.example", to: "support@example.com",
                subject: "Question number \($0)", body: "Hello, this is question \($0).")
        }
    }

    func desk(_ imap: ScriptedIMAPServer, _ smtp: SMTPSink) throws -> TransportDesk {
        try TransportDesk(mailboxes: [.init(name: "support", user: "support@example.com", url: imap.url, tls: "none")], smtpURL: smtp.url)
    }

    func undelivered(_ desk: TransportDesk) throws -> [[String: Any]] {
        let status = try desk.json(["status"]) as? [String: Any]
        let cycle = status?["last_cycle"] as? [String: Any]
        let mailbox = (cycle?["mailboxes"] as? [[String: Any]])?.first
        return mailbox?["undelivered"] as? [[String: Any]] ?? []
    }

    @Test(
        "a UID the server announced but did not deliver is asked for again, reported after 3 failures, and the rest is stored",
        arguments: [ScriptedIMAPServer.Fault.garbled, .omit, .no])
    func undeliveredIsRetried(fault: ScriptedIMAPServer.Fault) throws {
        let imap = try ScriptedIMAPServer(messages: Self.mails(3), faults: [2: (fault, 3)])
        let smtp = try SMTPSink(mode: .accept)
        let desk = try desk(imap, smtp)

        let first = try desk.ticketd(["run", "--once"])
        #expect(first.status == 75, "a message not delivered is a temporary failure: \(first.stderr)")
        #expect(first.stderr.contains("not delivered") && first.stderr.contains("imap.uid=2"), "\(first.stderr)")
        switch fault {
        case .garbled: #expect(first.stderr.contains("BODY[] NIL"), "the server's words are quoted: \(first.stderr)")
        case .no: #expect(first.stderr.contains("Some messages could not be FETCHed"), "\(first.stderr)")
        default: break
        }
        #expect(try desk.tickets().count == 2, "the messages around it are stored")
        #expect(imap.inbox() == [2], "only the stored ones are moved; UID 2 stays on the server")

        #expect(try desk.ticketd(["run", "--once"]).status == 75)
        let third = try desk.ticketd(["run", "--once"])
        #expect(third.status == 75)
        #expect(third.stderr.contains("still not delivered"), "reported as an error after repeated failures: \(third.stderr)")
        let reported = try undelivered(desk)
        #expect(reported.count == 1)
        #expect(reported.first?["uid"] as? Int == 2 && reported.first?["attempts"] as? Int == 3, "\(reported)")
        let text = try desk.ticketd(["status"])
        #expect(text.stdout.contains("UID 2 not delivered"), "\(text.stdout)")

        let fourth = try desk.ticketd(["run", "--once"])
        #expect(fourth.status == 0, "delivered at last: \(fourth.stderr)")
        #expect(try desk.tickets().count == 3, "the message was never skipped")
        #expect(imap.inbox().isEmpty)
        #expect(try undelivered(desk).isEmpty)
        let fetches = imap.commands().filter { $0.contains("UID FETCH") }
        #expect(fetches.count == 4 && fetches.dropFirst().allSatisfy { $0.contains("UID FETCH 2 ") }, "asked for on every poll: \(fetches)")
    }

    @Test("a BYE in the middle of a FETCH fails the run (69) naming the BYE and the server's words; the next run fetches everything")
    func byeMidFetch() throws {
        let imap = try ScriptedIMAPServer(messages: Self.mails(2), faults: [2: (.bye, 1)])
        let smtp = try SMTPSink(mode: .accept)
        let desk = try desk(imap, smtp)

        let first = try desk.ticketd(["run", "--once"])
        #expect(first.status == 69, "\(first.stderr)")
        #expect(first.stderr.contains("BYE") && first.stderr.contains("Internal error occurred"), "\(first.stderr)")
        #expect(!first.stderr.contains("errno"), "\(first.stderr)")
        #expect(try desk.tickets().count == 1, "what arrived before the BYE is stored")

        let second = try desk.ticketd(["run", "--once"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try desk.tickets().count == 2)
        #expect(imap.inbox().isEmpty)
    }
}
