import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `[limits]`: loop and backscatter guards on acknowledgements.
extension ConfigReader {
    mutating func readLimits(_ table: TOMLTable?) -> AcknowledgementLimits {
        warnUnknown(table, prefix: "limits", known: [
            "per_sender", "per_sender_window", "acks_per_recipient_per_day", "same_text_tickets", "same_text_window", "same_text_similarity", "same_text_min_words", "acks_per_window", "acks_window",
        ])
        var limits = AcknowledgementLimits()
        limits.messagesPerSender = count(table, "per_sender", default: limits.messagesPerSender)
        limits.senderWindow = TimeInterval(interval(table, "limits", "per_sender_window", default: Int(limits.senderWindow)))
        limits.acknowledgementsPerRecipientPerDay = count(table, "acks_per_recipient_per_day", default: limits.acknowledgementsPerRecipientPerDay)
        limits.sameTextTickets = count(table, "same_text_tickets", default: limits.sameTextTickets)
        limits.sameTextWindow = TimeInterval(interval(table, "limits", "same_text_window", default: Int(limits.sameTextWindow)))
        limits.sameTextMinimumWords = count(table, "same_text_min_words", default: limits.sameTextMinimumWords)
        if let value = table?["same_text_similarity"] {
            if let ratio = value.double ?? value.int.map(Double.init), ratio >= 0.5, ratio <= 1 {
                limits.sameTextSimilarity = ratio
            } else {
                error("limits.same_text_similarity", "'same_text_similarity' is how alike two texts must be, from 0.5 to 1 (1: identical)")
            }
        }
        limits.acknowledgementsPerWindow = count(table, "acks_per_window", default: limits.acknowledgementsPerWindow, allowingZero: true)
        limits.acknowledgementWindow = TimeInterval(interval(table, "limits", "acks_window", default: Int(limits.acknowledgementWindow)))
        return limits
    }

    /// A whole number from 1 (or 0, where 0 means no limit) to 1,000,000 under `[limits]`.
    private mutating func count(_ table: TOMLTable?, _ key: String, default fallback: Int, allowingZero: Bool = false) -> Int {
        guard let value = table?[key] else { return fallback }
        let lowest = allowingZero ? 0 : 1
        guard let count = value.int, (lowest...1_000_000).contains(count) else {
            error("limits.\(key)", "'\(key)' must be a whole number from \(lowest) to 1000000")
            return fallback
        }
        return count
    }
}
