import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// The server keys `[[mailbox]]` and `[smtp]` share: url, tls, credentials, timeouts.
extension ConfigReader {
    mutating func endpoint(_ table: TOMLTable, _ key: String, schemes: Set<String>, requireUser: Bool) -> MailServerEndpoint? {
        guard let urlText = required(table, key, "url") else { return nil }
        guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), schemes.contains(scheme), url.host != nil else {
            error("\(key).url", "'\(urlText)' is not a valid URL: expected \(schemes.sorted().map { "\($0)://host:port" }.joined(separator: " or "))")
            return nil
        }
        let tlsText = string(table, key, "tls") ?? "required"
        guard let tls = MailServerEndpoint.TLSMode(rawValue: tlsText) else {
            error("\(key).tls", "tls must be \"required\", \"starttls\" or \"none\", not '\(tlsText)'")
            return nil
        }
        if tls == .none { warn("\(key).tls", "tls = \"none\": passwords and mail cross the network unencrypted") }
        let user = requireUser ? required(table, key, "user") : string(table, key, "user")
        var password = string(table, key, "password")
        if password != nil { warn("\(key).password", "password in the config file: prefer password_file with mode 0600") }
        if let file = string(table, key, "password_file") {
            let resolved = resolve(file)
            if let data = FileManager.default.contents(atPath: resolved), let text = String(data: data, encoding: .utf8) {
                password = text.trimmingCharacters(in: .newlines)
            } else {
                error("\(key).password_file", "cannot read password file '\(resolved)'")
            }
        }
        var authentication = MailServerEndpoint.Authentication.password
        let tokenFile = string(table, key, "oauth_token_file").map(resolve)
        let tokenCommand = string(table, key, "oauth_token_command")
        if tokenFile != nil && tokenCommand != nil {
            error("\(key).oauth_token_command", "set oauth_token_file or oauth_token_command, not both")
        }
        if let tokenFile { authentication = .xoauth2(.file(tokenFile)) }
        if let tokenCommand { authentication = .xoauth2(.command(tokenCommand)) }
        if requireUser && password == nil && string(table, key, "password_file") == nil && authentication == .password {
            error(key, "set password_file (or password, or oauth_token_file / oauth_token_command) for \(key)")
        }
        var endpoint = MailServerEndpoint(
            url: url, user: user, password: password, tls: tls, caFile: string(table, key, "ca_file").map(resolve),
            pinnedPublicKey: string(table, key, "pinned_public_key"), authentication: authentication)
        endpoint.connectTimeout = interval(table, key, "connect_timeout", default: endpoint.connectTimeout)
        endpoint.stallTimeout = interval(table, key, "stall_timeout", default: endpoint.stallTimeout)
        endpoint.sendTimeout = interval(table, key, "send_timeout", default: endpoint.sendTimeout)
        if let value = table["batch_size"] {
            if let size = value.int, size > 0, size <= 10_000 { endpoint.batchSize = size } else {
                error("\(key).batch_size", "'batch_size' is messages per fetch, 1 to 10000")
            }
        }
        if let folder = string(table, key, "spam_folder") { endpoint.spamFolder = folder }
        return endpoint
    }
}
