import Foundation
import Testing
import TicketCore
@testable import TicketStore
import TestSupport

/// Threading accuracy on a generated corpus whose truth is known: 520 conversations with random
/// customers (companies and webmail), subjects in English, Hungarian and Polish (the same
/// subjects reused across customers), replies with and without references, tags, localized
/// prefixes, forwards, colleagues writing in, and duplicate deliveries — all through the real
/// store and planner. Printed: precision and recall of "same ticket" pairs.
@Suite("Threading accuracy")
struct ThreadingAccuracyTests {
    static let subjects = [
        "Invoice", "Printer does not print", "Password reset", "Számla", "Nem működik a belépés", "Szállítási határidő",
        "Faktura", "Nie mogę się zalogować", "Zamówienie nr 12", "VPN access", "Order status", "Hibás termék",
    ]
    static let replyPrefixes = ["Re: ", "RE: ", "AW: ", "Vá: ", "VÁ: ", "Odp: ", "Re[2]: ", "SV: "]
    static let domains = ["acme.example", "globex.example", "ceg.example", "firma.example", "gmail.com", "wp.pl", "freemail.hu"]

    struct Delivery {
        var conversation: Int
        var raw: String
    }

    @Test func generatedConversations() throws {
        var random = SplitMix64(seed: 4242)
        let rules = DeskRules.forTests(staff: ["agent@example.com"])
        let store = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        var truth: [Int: Int] = [:]  // message row order → conversation
        var stored: [(conversation: Int, messageID: String)] = []
        var now = ISO8601DateFormatter().date(from: "2026-10-01T08:00:00Z")!
        let conversations = 520

        for conversation in 0..<conversations {
            let domain = Self.domains.randomElement(using: &random)!
            let customer = "c\(conversation)@\(domain)"
            let subject = Self.subjects.randomElement(using: &random)!
            let firstID = "<c\(conversation).0@\(domain)>"
            now += Double.random(in: 60...1800, using: &random)
            try deliver(store, rules, from: customer, subject: subject, id: firstID, headers: [], now: now)
            stored.append((conversation, firstID))
            let ack = try #require(try store.outbox().last { $0.ticket == (try store.tickets(TicketFilter()).last?.number ?? 0) })
            let number = ack.ticket
            truth[number] = conversation
            let replies = Int.random(in: 0...3, using: &random)
            for reply in 1...max(replies, 1) where replies > 0 {
                now += Double.random(in: 60...7200, using: &random)
                let id = "<c\(conversation).\(reply)@\(domain)>"
                let prefix = Self.replyPrefixes.randomElement(using: &random)!
                let style = Int.random(in: 0..<6, using: &random)
                var from = customer
                var headers: [String] = []
                var replySubject = prefix + subject
                switch style {
                case 0: headers = ["In-Reply-To: \(ack.messageID)", "References: \(firstID) \(ack.messageID)"]
                case 1: replySubject = prefix + "[#\(number)] " + subject
                case 2: break  // Outlook-style: no references, same subject and sender
                case 3 where !FreemailDomains.contains(domain):
                    from = "colleague\(conversation)@\(domain)"  // a colleague CC'd, replying with references
                    headers = ["References: \(firstID)"]
                case 4: replySubject = "Fwd: " + subject; headers = ["References: \(firstID)"]
                default: headers = ["In-Reply-To: \(firstID)"]
                }
                try deliver(store, rules, from: from, subject: replySubject, id: id, headers: headers, now: now)
                stored.append((conversation, id))
                if Int.random(in: 0..<10, using: &random) == 0 {  // the same mail delivered again
                    try deliver(store, rules, from: from, subject: replySubject, id: id, headers: headers + ["X-Delivered-Again: yes"], now: now + 5)
                }
            }
        }

        // Map every stored customer message to its ticket, then compare pairs with the truth.
        var ticketOf: [String: Int] = [:]
        for ticket in try store.tickets(TicketFilter()) {
            for message in try #require(try store.ticket(number: ticket.number)).messages ?? [] where message.direction == "in" {
                if let id = message.messageID { ticketOf[id] = ticket.number }
            }
        }
        #expect(ticketOf.count == stored.count, "every message stored exactly once (duplicates recognised)")
        var truePairs = 0, predictedPairs = 0, correctPairs = 0
        for i in 0..<stored.count {
            for j in (i + 1)..<stored.count {
                let same = stored[i].conversation == stored[j].conversation
                let together = ticketOf[stored[i].messageID] != nil && ticketOf[stored[i].messageID] == ticketOf[stored[j].messageID]
                if same { truePairs += 1 }
                if together { predictedPairs += 1 }
                if same && together { correctPairs += 1 }
            }
        }
        let precision = Double(correctPairs) / Double(max(predictedPairs, 1))
        let recall = Double(correctPairs) / Double(max(truePairs, 1))
        print("threading: \(conversations) conversations, \(stored.count) messages, precision \(String(format: "%.4f", precision)), recall \(String(format: "%.4f", recall))")
        #expect(precision == 1.0)
        #expect(recall >= 0.99)
    }

    func deliver(_ store: SQLiteStorage, _ rules: DeskRules, from: String, subject: String, id: String, headers: [String], now: Date) throws {
        let raw = (["From: \(from)", "To: support@example.com", "Subject: \(subject)", "Message-ID: \(id)"] + headers)
            .joined(separator: "\r\n") + "\r\n\r\nHello, about \(subject). Thanks\r\n"
        _ = try store.ingest(IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: now), queue: "support", rules: rules, now: now)
    }
}
