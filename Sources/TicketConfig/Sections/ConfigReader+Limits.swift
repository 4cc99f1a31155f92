import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `[limits]`: loop guards on acknowledgements.
extension ConfigReader {
    mutating func readLimits(_ table: TOMLTable?) -> AcknowledgementLimits {
        warnUnknown(table, prefix: "limits", known: ["per_sender", "per_sender_window", "acks_per_recipient_per_day"])
        var limits = AcknowledgementLimits()
        if let value = table?["per_sender"] {
            if let count = value.int, count > 0 { limits.messagesPerSender = count } else { error("limits.per_sender", "'per_sender' must be a whole number above 0") }
        }
        limits.senderWindow = TimeInterval(interval(table, "limits", "per_sender_window", default: Int(limits.senderWindow)))
        if let value = table?["acks_per_recipient_per_day"] {
            if let count = value.int, count > 0 { limits.acknowledgementsPerRecipientPerDay = count } else {
                error("limits.acks_per_recipient_per_day", "'acks_per_recipient_per_day' must be a whole number above 0")
            }
        }
        return limits
    }
}
