import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `[[mailbox]]`.
extension ConfigReader {
    /// Every `[[mailbox]]`, with unique names; at least one is required.
    mutating func readMailboxes(_ root: TOMLTable) -> [MailboxSettings] {
        var mailboxes: [MailboxSettings] = []
        if let array = root["mailbox"]?.array {
            for (index, value) in array.enumerated() {
                guard let table = value.table else {
                    error("mailbox", "[[mailbox]] entries must be tables")
                    continue
                }
                if let mailbox = readMailbox(table, key: "mailbox[\(index)]") { mailboxes.append(mailbox) }
            }
        } else if root["mailbox"] != nil {
            error("mailbox", "'mailbox' must be an array of tables: write [[mailbox]]")
        }
        if mailboxes.isEmpty && errors.isEmpty {
            error("", "no [[mailbox]] configured: add one with name, url, user, password_file and address")
        }
        let names = mailboxes.map(\.name)
        for (index, name) in names.enumerated() where names.firstIndex(of: name) != index {
            error("mailbox[\(index)].name", "mailbox name '\(name)' is used twice")
        }
        return mailboxes
    }

    mutating func readMailbox(_ table: TOMLTable, key: String) -> MailboxSettings? {
        warnUnknown(table, prefix: key, known: [
            "name", "url", "user", "password", "password_file", "address", "tls", "ca_file", "queue",
            "processed_folder", "dropped_folder", "spam_folder", "batch_size", "connect_timeout", "stall_timeout",
            "pinned_public_key", "oauth_token_file", "oauth_token_command", "idle",
        ])
        let name = required(table, key, "name")
        let address = required(table, key, "address")
        if let address, !address.contains("@") { error("\(key).address", "'\(address)' is not a mail address") }
        guard let endpoint = endpoint(table, key, schemes: ["imap", "imaps"], requireUser: true), let name, let address else {
            return nil
        }
        var settings = MailboxSettings(
            name: name, endpoint: endpoint, address: address.lowercased(),
            queue: string(table, key, "queue") ?? name,
            processedFolder: string(table, key, "processed_folder") ?? "Processed",
            droppedFolder: string(table, key, "dropped_folder") ?? "Dropped"
        )
        settings.idle = bool(table, key, "idle", default: true)
        return settings
    }
}
