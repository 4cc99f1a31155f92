import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `[metrics]`.
extension ConfigReader {
    /// `[metrics]`: `listen`, a loopback `IP:PORT`; without it there is no metrics endpoint.
    mutating func readMetrics(_ table: TOMLTable?) -> MetricsSettings? {
        warnUnknown(table, prefix: "metrics", known: ["listen"])
        guard let listen = string(table, "metrics", "listen") else { return nil }
        do {
            return try MetricsSettings(listen: listen)
        } catch {
            self.error("metrics.listen", error.description)
            return nil
        }
    }
}
