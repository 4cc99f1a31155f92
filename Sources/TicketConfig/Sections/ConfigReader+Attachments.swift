import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `[attachments]`.
extension ConfigReader {
    /// `[attachments]`: where attachment files go and how large one may be.
    mutating func readAttachments(_ table: TOMLTable?, stateDirectory: String) -> AttachmentSettings {
        warnUnknown(table, prefix: "attachments", known: ["directory", "max_size"])
        let directory = string(table, "attachments", "directory").map(resolve)
            ?? (stateDirectory as NSString).appendingPathComponent("attachments")
        return AttachmentSettings(directory: directory, maxSize: byteSize(table, "attachments", "max_size", default: 25 << 20))
    }
}
