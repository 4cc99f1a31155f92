import Foundation
import MailMessage
import TicketCore

/// Builds small test messages from header lines and a body.
func mail(_ headers: [String], body: String = "Hello") -> MailMessage {
    MailMessage.parse(Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n").utf8))
}

/// A threading index backed by plain arrays.
struct MemoryIndex: ThreadingIndex {
    var tickets: [ThreadCandidate] = []
    var messageIDs: [String: Int] = [:]
    var subjects: [Int: String] = [:]

    func candidate(number: Int) throws -> ThreadCandidate? { tickets.first { $0.number == number } }

    func ticketNumber(forAnyOf ids: [String]) throws -> Int? { ids.compactMap { messageIDs[$0] }.max() }

    func candidates(customer: String, normalizedSubject: String, since: Date) throws -> [ThreadCandidate] {
        tickets.filter { $0.customer == customer && subjects[$0.number] == normalizedSubject && $0.updatedAt >= since }
    }

    var languages: [String: String] = [:]

    func preferredLanguage(customer: String) throws -> String? { languages[customer] }
}

let referenceNow = Date(timeIntervalSince1970: 1_795_000_000)
