import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// A config ready to run with: settings, templates, and warnings worth showing the admin.
public struct LoadedConfig: Sendable {
    public var config: TicketdConfig
    public var templates: TemplateSet
    public var warnings: [ConfigIssue]
}

/// Reads and validates `ticketd.toml`; the only place that knows the key names.
public enum ConfigLoader {
    /// The path used when neither `--config` nor `$TICKETD_CONFIG` is given.
    public static let defaultPath = "/etc/ticketd/ticketd.toml"

    /// Loads and validates the config at `path`, with templates; every problem found is reported at once.
    public static func load(path: String) throws(ConfigError) -> LoadedConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(issues: [ConfigIssue(file: path, line: 0, column: 0, message: "cannot read the config file (missing or not readable)")])
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw ConfigError(issues: [ConfigIssue(file: path, line: 1, column: 1, message: "the config file is not UTF-8 text")])
        }
        return try parse(source: source, path: path)
    }

    /// Validates config text; `path` names it in messages and anchors relative paths.
    public static func parse(source: String, path: String) throws(ConfigError) -> LoadedConfig {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ConfigError(issues: [ConfigIssue(file: path, line: error.source.begin.line, column: error.source.begin.column, message: error.description)])
        } catch {
            throw ConfigError(issues: [ConfigIssue(file: path, line: 1, column: 1, message: "\(error)")])
        }
        var reader = TableReader(path: path, map: ConfigSourceMap(source: source), baseDirectory: (path as NSString).deletingLastPathComponent)
        let config = reader.readConfig(root)
        var templates = TemplateSet.builtIn(fallbackLanguage: config?.daemon.defaultLanguage ?? "en")
        if let directory = config?.daemon.templatesDirectory {
            reader.loadTemplates(from: directory, into: &templates)
        }
        guard let config, reader.errors.isEmpty else { throw ConfigError(issues: reader.errors) }
        return LoadedConfig(config: config, templates: templates, warnings: reader.warnings)
    }
}

/// Walks the TOML tree, collecting errors and warnings with source positions.
private struct TableReader {
    let path: String
    let map: ConfigSourceMap
    let baseDirectory: String
    var errors: [ConfigIssue] = []
    var warnings: [ConfigIssue] = []

    mutating func error(_ key: String, _ message: String) {
        let (line, column) = map.position(of: key)
        errors.append(ConfigIssue(file: path, line: line, column: column, message: message))
    }

    mutating func warn(_ key: String, _ message: String) {
        let (line, column) = map.position(of: key)
        warnings.append(ConfigIssue(file: path, line: line, column: column, message: "warning: \(message)"))
    }

    mutating func readConfig(_ root: TOMLTable) -> TicketdConfig? {
        warnUnknown(root, prefix: "", known: ["daemon", "mailbox", "smtp", "calendar", "sla", "absence", "spam", "limits", "organisations", "metrics", "attachments"])
        let daemonTable = table(root, "daemon")
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
        let smtp = readSMTP(table(root, "smtp"))
        let daemon = readDaemon(daemonTable, firstAddress: mailboxes.first?.address)
        guard let smtp, let daemon else { return nil }
        let promises = readPromisePolicy(root, daemon: daemon)
        let queuePromises = readQueuePolicies(table(root, "sla"), group: "queue", base: promises, daemon: daemon)
        let channelPromises = readQueuePolicies(table(root, "sla"), group: "channel", base: promises, daemon: daemon)
        var organisations: [String: String] = [:]
        if let table = table(root, "organisations") {
            for domain in table.keys {
                if let name = table[domain]?.string { organisations[domain.lowercased()] = name } else {
                    error("organisations.\(domain)", "organisations map a mail domain to a name: \"acme.example\" = \"ACME Ltd\"")
                }
            }
        }
        let spam = readSpam(table(root, "spam"))
        let limits = readLimits(table(root, "limits"))
        let metrics = readMetrics(table(root, "metrics"))
        let attachments = readAttachments(table(root, "attachments"), stateDirectory: daemon.stateDirectory)
        return TicketdConfig(path: path, daemon: daemon, mailboxes: mailboxes, smtp: smtp, promises: promises, spam: spam, queuePromises: queuePromises,
            channelPromises: channelPromises, organisations: organisations, limits: limits, metrics: metrics,
            attachments: attachments)
    }

    mutating func readDaemon(_ table: TOMLTable?, firstAddress: String?) -> DaemonSettings? {
        let key = "daemon"
        warnUnknown(table, prefix: key, known: [
            "state_dir", "timezone", "poll_interval", "default_language", "tag_prefix", "team_name",
            "message_id_domain", "staff", "templates_dir", "subject_window", "reopen_window", "fold_plus_addressing",
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
            templatesDirectory: string(table, key, "templates_dir").map(resolve),
            subjectWindow: TimeInterval(window),
            reopenWindow: TimeInterval(reopen),
            foldPlusAddressing: foldPlus
        )
    }

    /// `[calendar]`, `[sla]` and `[[absence]]`, on top of `PromisePolicy.standard` for the time zone.
    mutating func readPromisePolicy(_ root: TOMLTable, daemon: DaemonSettings) -> PromisePolicy {
        var policy = PromisePolicy.standard(timeZone: daemon.timeZone, staff: daemon.staff.sorted())
        let calendar = table(root, "calendar")
        warnUnknown(calendar, prefix: "calendar", known: ["hours", "holidays", "closures", "working_days"])
        var schedule = policy.calendar.schedule
        if let hours = string(calendar, "calendar", "hours") {
            do {
                schedule = try WeeklySchedule(parsing: hours)
            } catch {
                self.error("calendar.hours", "\(error)")
            }
        }
        var holidays = policy.calendar.holidays
        if let name = string(calendar, "calendar", "holidays") {
            do {
                holidays = try HolidayRules(named: name)
            } catch {
                self.error("calendar.holidays", "\(error)")
            }
        }
        let closures = dates(calendar, "calendar", "closures")
        let workingDays = dates(calendar, "calendar", "working_days")
        policy.calendar = BusinessCalendar(
            timeZone: daemon.timeZone, schedule: schedule, holidays: holidays, closures: closures, extraWorkingDays: workingDays)

        let sla = table(root, "sla")
        warnUnknown(sla, prefix: "sla", known: ["first_response", "update_interval", "warning", "follow_up_before", "throughput", "escalate_to", "queue", "channel"])
        if let value = businessDuration(sla, "sla", "first_response") { policy.firstResponse = value }
        if let value = businessDuration(sla, "sla", "update_interval") { policy.updateInterval = value }
        if let value = sla?["warning"] {
            if let ratio = value.double ?? value.int.map(Double.init), ratio > 0, ratio < 1 {
                policy.warningRatio = ratio
            } else {
                error("sla.warning", "'warning' is the share of the promise window after which staff are warned, between 0 and 1 (e.g. 0.75)")
            }
        }
        policy.followUpLead = TimeInterval(interval(sla, "sla", "follow_up_before", default: 0))
        if let value = sla?["throughput"] {
            if let rate = value.double ?? value.int.map(Double.init), rate > 0 {
                policy.throughputPerAgentPerDay = rate
            } else {
                error("sla.throughput", "'throughput' is tickets one agent closes per business day, a number above 0")
            }
        }
        policy.escalateTo = stringArray(sla, "sla", "escalate_to").map { $0.lowercased() }

        if let array = root["absence"]?.array {
            for (index, value) in array.enumerated() {
                let key = "absence[\(index)]"
                guard let entry = value.table else { continue }
                warnUnknown(entry, prefix: key, known: ["staff", "from", "to"])
                guard let staff = required(entry, key, "staff"), let from = required(entry, key, "from"), let to = required(entry, key, "to") else { continue }
                do {
                    policy.absences.append(try AbsenceCalendar.Absence(agent: staff.lowercased(), from: try LocalDate(parsing: from), through: try LocalDate(parsing: to)))
                } catch {
                    self.error(key, "\(error)")
                }
            }
        }
        return policy
    }

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

    /// `[attachments]`: where attachment files go and how large one may be.
    mutating func readAttachments(_ table: TOMLTable?, stateDirectory: String) -> AttachmentSettings {
        warnUnknown(table, prefix: "attachments", known: ["directory", "max_size"])
        let directory = string(table, "attachments", "directory").map(resolve)
            ?? (stateDirectory as NSString).appendingPathComponent("attachments")
        return AttachmentSettings(directory: directory, maxSize: byteSize(table, "attachments", "max_size", default: 25 << 20))
    }

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

    /// `[sla.queue.NAME]`: `hours`, `holidays`, `first_response`, `update_interval`, `throughput`,
    /// `escalate_to` over the global policy, for queues like a 24/7 line.
    mutating func readQueuePolicies(_ sla: TOMLTable?, group: String, base: PromisePolicy, daemon: DaemonSettings) -> [String: PromisePolicy] {
        guard let queues = sla?[group]?.table else { return [:] }
        var result: [String: PromisePolicy] = [:]
        for name in queues.keys {
            let key = "sla.\(group).\(name)"
            guard let entry = queues[name]?.table else {
                error(key, "[sla.\(group).\(name)] must be a table")
                continue
            }
            warnUnknown(entry, prefix: key, known: ["hours", "holidays", "first_response", "update_interval", "throughput", "escalate_to"])
            var policy = base
            var schedule = base.calendar.schedule
            var holidays = base.calendar.holidays
            if let hours = string(entry, key, "hours") {
                do { schedule = try WeeklySchedule(parsing: hours) } catch { self.error("\(key).hours", "\(error)") }
            }
            if let name = string(entry, key, "holidays") {
                do { holidays = try HolidayRules(named: name) } catch { self.error("\(key).holidays", "\(error)") }
            }
            policy.calendar = BusinessCalendar(
                timeZone: daemon.timeZone, schedule: schedule, holidays: holidays,
                closures: Array(base.calendar.closures), extraWorkingDays: Array(base.calendar.extraWorkingDays))
            if let value = businessDuration(entry, key, "first_response") { policy.firstResponse = value }
            if let value = businessDuration(entry, key, "update_interval") { policy.updateInterval = value }
            if let value = entry["throughput"] {
                if let rate = value.double ?? value.int.map(Double.init), rate > 0 { policy.throughputPerAgentPerDay = rate } else {
                    error("\(key).throughput", "'throughput' is tickets one agent closes per business day, a number above 0")
                }
            }
            let leads = stringArray(entry, key, "escalate_to")
            if !leads.isEmpty { policy.escalateTo = leads.map { $0.lowercased() } }
            result[name] = policy
        }
        return result
    }

    mutating func businessDuration(_ table: TOMLTable?, _ prefix: String, _ key: String) -> BusinessDuration? {
        guard let text = string(table, prefix, key) else { return nil }
        do {
            return try BusinessDuration(parsing: text)
        } catch {
            self.error("\(prefix).\(key)", "\(error)")
            return nil
        }
    }

    mutating func dates(_ table: TOMLTable?, _ prefix: String, _ key: String) -> [LocalDate] {
        stringArray(table, prefix, key).compactMap { text in
            do {
                return try LocalDate(parsing: text)
            } catch {
                self.error("\(prefix).\(key)", "\(error)")
                return nil
            }
        }
    }

    mutating func readMailbox(_ table: TOMLTable, key: String) -> MailboxSettings? {
        warnUnknown(table, prefix: key, known: [
            "name", "url", "user", "password", "password_file", "address", "tls", "ca_file", "queue",
            "processed_folder", "dropped_folder", "spam_folder", "batch_size", "connect_timeout", "stall_timeout",
            "pinned_public_key", "oauth_token_file", "oauth_token_command",
        ])
        let name = required(table, key, "name")
        let address = required(table, key, "address")
        if let address, !address.contains("@") { error("\(key).address", "'\(address)' is not a mail address") }
        guard let endpoint = endpoint(table, key, schemes: ["imap", "imaps"], requireUser: true), let name, let address else {
            return nil
        }
        return MailboxSettings(
            name: name, endpoint: endpoint, address: address.lowercased(),
            queue: string(table, key, "queue") ?? name,
            processedFolder: string(table, key, "processed_folder") ?? "Processed",
            droppedFolder: string(table, key, "dropped_folder") ?? "Dropped"
        )
    }

    mutating func readSMTP(_ table: TOMLTable?) -> SMTPSettings? {
        guard let table else {
            error("smtp", "missing [smtp] section: set url = \"smtp://127.0.0.1:25\"")
            return nil
        }
        warnUnknown(table, prefix: "smtp", known: [
            "url", "user", "password", "password_file", "tls", "ca_file", "envelope_sender", "connect_timeout", "stall_timeout",
            "send_timeout", "pinned_public_key", "oauth_token_file", "oauth_token_command", "verp", "recipient_delimiter",
        ])
        let verp = bool(table, "smtp", "verp", default: false)
        let delimiter = string(table, "smtp", "recipient_delimiter") ?? "+"
        if delimiter.count != 1 || delimiter.first.map({ $0.isLetter || $0.isNumber || $0 == "@" || $0.isWhitespace }) != false {
            error("smtp.recipient_delimiter", "'recipient_delimiter' must be one character that is not a letter, digit, space or '@', as in Postfix (usually \"+\")")
        }
        guard let endpoint = endpoint(table, "smtp", schemes: ["smtp", "smtps"], requireUser: false) else { return nil }
        return SMTPSettings(
            endpoint: endpoint, envelopeSender: string(table, "smtp", "envelope_sender"),
            verpDelimiter: verp ? delimiter.first : nil)
    }

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

    mutating func loadTemplates(from directory: String, into templates: inout TemplateSet) {
        let manager = FileManager.default
        guard let languages = try? manager.contentsOfDirectory(atPath: directory) else {
            error("daemon.templates_dir", "cannot read templates directory '\(directory)'")
            return
        }
        for language in languages.sorted() {
            for kind in TemplateKind.allCases {
                let file = "\(directory)/\(language)/\(kind.rawValue).mustache"
                guard let data = manager.contents(atPath: file) else { continue }
                do {
                    templates.set(try MailTemplate(source: String(decoding: data, as: UTF8.self), name: file), kind: kind, language: language)
                } catch {
                    errors.append(ConfigIssue(file: error.file, line: error.line, column: error.column, message: error.message))
                }
            }
        }
    }

    // MARK: - Typed access

    func table(_ root: TOMLTable, _ key: String) -> TOMLTable? { root[key]?.table }

    mutating func string(_ table: TOMLTable?, _ prefix: String, _ key: String) -> String? {
        guard let value = table?[key] else { return nil }
        guard let string = value.string else {
            error("\(prefix).\(key)", "'\(key)' must be a string")
            return nil
        }
        return string
    }

    mutating func required(_ table: TOMLTable, _ prefix: String, _ key: String) -> String? {
        guard table[key] != nil else {
            error(prefix, "missing required key '\(key)' in \(prefix)")
            return nil
        }
        return string(table, prefix, key)
    }

    mutating func bool(_ table: TOMLTable?, _ prefix: String, _ key: String, default fallback: Bool) -> Bool {
        guard let value = table?[key] else { return fallback }
        guard let flag = value.bool else {
            error("\(prefix).\(key)", "'\(key)' must be true or false")
            return fallback
        }
        return flag
    }

    mutating func stringArray(_ table: TOMLTable?, _ prefix: String, _ key: String) -> [String] {
        guard let value = table?[key] else { return [] }
        guard let array = value.array, array.allSatisfy({ $0.string != nil }) else {
            error("\(prefix).\(key)", "'\(key)' must be an array of strings")
            return []
        }
        return array.compactMap(\.string)
    }

    /// Bytes from `"512KB"`, `"25MB"`, `"1GB"` (binary multiples) or a plain integer.
    mutating func byteSize(_ table: TOMLTable?, _ prefix: String, _ key: String, default fallback: Int) -> Int {
        guard let value = table?[key] else { return fallback }
        if let bytes = value.int, bytes >= 0 { return bytes }
        let units: [String: Int] = ["KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30]
        if let text = value.string?.uppercased().replacingOccurrences(of: " ", with: ""), text.count > 2,
            let factor = units[String(text.suffix(2))], let number = Int(text.dropLast(2)), number >= 0, number < 1 << 20
        {
            return number * factor
        }
        error("\(prefix).\(key)", "'\(key)' must be a size such as \"512KB\", \"25MB\" or \"1GB\", or a number of bytes")
        return fallback
    }

    /// Seconds from `"90s"`, `"5m"`, `"2h"`, `"1d"` or a plain integer.
    mutating func interval(_ table: TOMLTable?, _ prefix: String, _ key: String, default fallback: Int) -> Int {
        guard let value = table?[key] else { return fallback }
        if let seconds = value.int { return seconds }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let text = value.string, let unit = text.last, let factor = units[unit], let number = Int(text.dropLast()), number >= 0 {
            return number * factor
        }
        error("\(prefix).\(key)", "'\(key)' must be a duration such as \"60s\", \"5m\", \"2h\" or \"1d\"")
        return fallback
    }

    mutating func warnUnknown(_ table: TOMLTable?, prefix: String, known: Set<String>) {
        guard let table else { return }
        for key in table.keys where !known.contains(key) {
            warn(prefix.isEmpty ? key : "\(prefix).\(key)", "unknown key '\(key)'\(prefix.isEmpty ? "" : " in [\(prefix)]") is ignored")
        }
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") || baseDirectory.isEmpty ? path : (baseDirectory as NSString).appendingPathComponent(path)
    }
}
