import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `[spam]`.
extension ConfigReader {
    mutating func readSpam(_ table: TOMLTable?) -> SpamSettings {
        warnUnknown(table, prefix: "spam", known: ["enabled", "min_training", "trusted_hosts"])
        let enabled = bool(table, "spam", "enabled", default: true)
        var minimum = 20
        if let value = table?["min_training"] {
            if let count = value.int, count >= 0 { minimum = count } else { error("spam.min_training", "'min_training' must be a whole number ≥ 0") }
        }
        let hosts = stringArray(table, "spam", "trusted_hosts").map { $0.lowercased() }
        return SpamSettings(enabled: enabled, minimumTraining: minimum, trustedHosts: Set(hosts))
    }

}
