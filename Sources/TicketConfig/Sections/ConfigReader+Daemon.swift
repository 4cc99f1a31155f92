import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `[daemon]`.
extension ConfigReader {
    mutating func readDaemon(_ table: TOMLTable?, firstAddress: String?) -> DaemonSettings? {
        let key = "daemon"
        warnUnknown(table, prefix: key, known: [
            "state_dir", "timezone", "poll_interval", "default_language", "tag_prefix", "team_name",
            "message_id_domain", "staff", "templates_dir", "subject_window", "reopen_window", "fold_plus_addressing", "authserv_id",
        ])
        let timeZoneName = string(table, key, "timezone") ?? "UTC"
        let timeZone = TimeZone(identifier: timeZoneName)
        if timeZone == nil { error("\(key).timezone", "unknown time zone '\(timeZoneName)': use an IANA name such as Europe/Budapest") }
        let poll = interval(table, key, "poll_interval", default: 60)
        let window = interval(table, key, "subject_window", default: 30 * 86_400)
        let reopen = interval(table, key, "reopen_window", default: 30 * 86_400)
        let foldPlus = bool(table, key, "fold_plus_addressing", default: false)
        let language = string(table, key, "default_language") ?? "en"
        if !["en", "hu", "pl"].contains(language) {
            warn("\(key).default_language", "'\(language)' has no built-in templates; English is used unless templates_dir provides them")
        }
        let domain = string(table, key, "message_id_domain") ?? firstAddress.map { String($0.split(separator: "@").last ?? "localhost") } ?? "localhost"
        let staff = stringArray(table, key, "staff").map { $0.lowercased() }
        let authservID = string(table, key, "authserv_id")?.trimmingCharacters(in: .whitespaces)
        if let authservID, authservID.isEmpty || authservID.contains(where: { $0.isWhitespace || $0 == ";" }) {
            error("\(key).authserv_id", "'authserv_id' is the host name your MTA writes first in Authentication-Results, e.g. \"mx.example.com\"")
        }
        guard let timeZone else { return nil }
        return DaemonSettings(
            stateDirectory: resolve(string(table, key, "state_dir") ?? "/var/lib/ticketd"),
            timeZone: timeZone,
            pollInterval: max(poll, 1),
            defaultLanguage: language,
            tagFormat: TicketTagFormat(prefix: string(table, key, "tag_prefix") ?? ""),
            teamName: string(table, key, "team_name") ?? "Support",
            messageIDDomain: domain,
            staff: Set(staff),
            authservID: authservID.flatMap { $0.isEmpty ? nil : $0 },
            templatesDirectory: string(table, key, "templates_dir").map(resolve),
            subjectWindow: TimeInterval(window),
            reopenWindow: TimeInterval(reopen),
            foldPlusAddressing: foldPlus
        )
    }
}
