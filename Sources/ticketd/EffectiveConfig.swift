import ArgumentParser
import Foundation
import Logging
import MailTransport
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

/// The config with every default filled in, as TOML (passwords never printed).
struct EffectiveConfig {
    let config: TicketdConfig

    init(_ config: TicketdConfig) {
        self.config = config
    }

    func render() -> String {
        let daemon = config.daemon
        var lines = [
            "# effective configuration of \(config.path)",
            "[daemon]",
            "state_dir = \(quoted(daemon.stateDirectory))",
            "timezone = \(quoted(daemon.timeZone.identifier))",
            "poll_interval = \"\(daemon.pollInterval)s\"",
            "default_language = \(quoted(daemon.defaultLanguage))",
            "tag_prefix = \(quoted(daemon.tagFormat.prefix))",
            "team_name = \(quoted(daemon.teamName))",
            "message_id_domain = \(quoted(daemon.messageIDDomain))",
            "staff = [\(daemon.staff.sorted().map(quoted).joined(separator: ", "))]",
            "subject_window = \"\(Int(daemon.subjectWindow))s\"",
            "reopen_window = \"\(Int(daemon.reopenWindow))s\"",
            "fold_plus_addressing = \(daemon.foldPlusAddressing)",
        ]
        if let templates = daemon.templatesDirectory { lines.append("templates_dir = \(quoted(templates))") }
        for mailbox in config.mailboxes {
            lines += [
                "", "[[mailbox]]",
                "name = \(quoted(mailbox.name))",
                "url = \(quoted(mailbox.endpoint.url.absoluteString))",
                "user = \(quoted(mailbox.endpoint.user ?? ""))",
                "password = \(quoted(mailbox.endpoint.password == nil ? "(none)" : "(hidden)"))",
                "address = \(quoted(mailbox.address))",
                "tls = \(quoted(mailbox.endpoint.tls.rawValue))",
                "queue = \(quoted(mailbox.queue))",
                "processed_folder = \(quoted(mailbox.processedFolder))",
                "dropped_folder = \(quoted(mailbox.droppedFolder))",
            ]
        }
        lines += [
            "", "[smtp]",
            "url = \(quoted(config.smtp.endpoint.url.absoluteString))",
            "tls = \(quoted(config.smtp.endpoint.tls.rawValue))",
            "envelope_sender = \(quoted(config.smtp.envelopeSender ?? "(the mailbox address)"))",
            "verp = \(config.smtp.verpDelimiter != nil)",
        ] + (config.smtp.verpDelimiter.map { ["recipient_delimiter = \(quoted(String($0)))"] } ?? [])
        if let metrics = config.metrics { lines += ["", "[metrics]", "listen = \(quoted(metrics.listen))"] }
        if let postgres = config.store.postgres {
            lines += ["", "[store]", "url = \(quoted(postgres.description))"] + (postgres.password == nil ? [] : ["# password: from password_file"])
        } else {
            lines += ["", "# [store]: SQLite at \(config.daemon.databasePath)"]
        }
        return lines.joined(separator: "\n")
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
