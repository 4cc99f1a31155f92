import Foundation
import Testing

/// Bounces of ticketd's own mail, produced by the real Postfix: mail to `@bounce.example` is
/// accepted, then fails for good, and Postfix returns a delivery status notification to the
/// envelope sender (see scripts/mailservers).
@Suite("Bounces of our mail", .serialized)
struct BounceTests {
    @Test("with verp = true the acknowledgement leaves as support+bounce-N and its DSN is noted on ticket N")
    func verpBounceIsNotedOnItsTicket() throws {
        let desk = try TestDesk(extraSections: "")
        try enableVERP(desk)
        try assertBounceNoted(desk: desk, expectEnvelopeSender: { "support-\(desk.id)+bounce-\($0)@example.com" })
    }

    @Test("without VERP the DSN is matched by our Message-ID in the returned message")
    func returnedMessageIDFindsTheTicket() throws {
        let desk = try TestDesk()
        try assertBounceNoted(desk: desk, expectEnvelopeSender: { _ in desk.support })
    }

    private func enableVERP(_ desk: TestDesk) throws {
        let config = try String(contentsOfFile: desk.configPath, encoding: .utf8)
            .replacingOccurrences(of: "[smtp]\n", with: "[smtp]\nverp = true\n")
        try config.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
    }

    /// A customer whose mailbox bounces writes in; the ack bounces; the DSN becomes a note.
    private func assertBounceNoted(desk: TestDesk, expectEnvelopeSender: (Int) -> String) throws {
        let other = desk.customer("zoe")
        let gone = desk.customer("gone", domain: "bounce.example")
        try desk.send(from: other, subject: "Unrelated request", body: "Please call me back.")
        try desk.send(from: gone, subject: "Nyomtató hiba", body: "A nyomtató nem működik.")

        let first = try desk.ticketd(["run", "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        let tickets = try desk.tickets()
        #expect(tickets.count == 2)
        let number = try #require(tickets.first { ($0["customer"] as? [String: Any])?["address"] as? String == gone }?["number"] as? Int)
        let ack = try #require(desk.outbox().first { $0["ticket"] as? Int == number })
        #expect(ack["envelope_sender"] as? String == expectEnvelopeSender(number))

        let dsn = try desk.servers.messages(of: desk.support, atLeast: 1)
        #expect(dsn.contains { String(decoding: $0.bytes, as: UTF8.self).contains("Undelivered Mail Returned to Sender") })
        let second = try desk.ticketd(["run", "--once"])
        #expect(second.status == 0, "\(second.stderr)")

        #expect(try desk.tickets().count == 2, "the DSN opened no ticket")
        #expect(try desk.outbox().count == 2, "the DSN was not answered")
        let bounced = try desk.ticket(number)
        let messages = try #require(bounced["messages"] as? [[String: Any]])
        let note = try #require(messages.first { ($0["from"] as? String)?.lowercased().hasPrefix("mailer-daemon@") == true })
        #expect(note["kind"] as? String == "notice")
        #expect((note["text"] as? String)?.contains("could not") == true)
        let untouched = try desk.ticket(tickets.first { $0["number"] as? Int != number }?["number"] as? Int ?? 0)
        #expect((untouched["messages"] as? [[String: Any]])?.count == 2, "only the customer mail and our ack")
        #expect(try desk.servers.messages(of: desk.support, folder: "Processed").count == 3)
    }
}
