import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `[smtp]`.
extension ConfigReader {
    mutating func readSMTP(_ table: TOMLTable?) -> SMTPSettings? {
        guard let table else {
            error("smtp", "missing [smtp] section: set url = \"smtp://127.0.0.1:25\"")
            return nil
        }
        warnUnknown(table, prefix: "smtp", known: [
            "url", "user", "password", "password_file", "tls", "ca_file", "envelope_sender", "connect_timeout", "stall_timeout",
            "send_timeout", "pinned_public_key", "oauth_token_file", "oauth_token_command", "verp", "recipient_delimiter", "connections",
        ])
        let verp = bool(table, "smtp", "verp", default: false)
        let delimiter = string(table, "smtp", "recipient_delimiter") ?? "+"
        if delimiter.count != 1 || delimiter.first.map({ $0.isLetter || $0.isNumber || $0 == "@" || $0.isWhitespace }) != false {
            error("smtp.recipient_delimiter", "'recipient_delimiter' must be one character that is not a letter, digit, space or '@', as in Postfix (usually \"+\")")
        }
        guard let endpoint = endpoint(table, "smtp", schemes: ["smtp", "smtps"], requireUser: false) else { return nil }
        var settings = SMTPSettings(
            endpoint: endpoint, envelopeSender: string(table, "smtp", "envelope_sender"),
            verpDelimiter: verp ? delimiter.first : nil)
        settings.recipientDelimiter = delimiter.first ?? "+"
        if let value = table["connections"] {
            if let connections = value.int, (1...SMTPSettings.maximumConnections).contains(connections) {
                settings.connections = connections
            } else {
                error("smtp.connections", "'connections' is how many SMTP connections send the outbox in parallel, 1 to \(SMTPSettings.maximumConnections)")
            }
        }
        return settings
    }
}
