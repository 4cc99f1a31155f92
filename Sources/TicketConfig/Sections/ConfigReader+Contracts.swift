import BusinessTime
import Foundation
import TicketCore
import TOMLKit

/// `[[contract]]` and `[[reminder]]`: support contracts with free hours per period, and the
/// reminders their contacts get before renewal.
///
/// ```toml
/// [[contract]]
/// organisation = "ACME Ltd"        # a name from [organisations], or a mail domain
/// hours = 20                       # free hours per period; more than 0, at most 100000
/// period = "month"                 # month | quarter | year (default month)
/// start = "2026-01-01"             # the first day of the first period
/// renewal = "2027-01-01"           # optional; reminders count back from it
/// contact = "it@acme.example"      # gets notices and reminders
/// language = "hu"                  # optional: the contact's language (default: the desk's)
/// queue = "support"                # optional: where the contact's answers land (default: the first mailbox's)
/// notice_at = [0.8, 1.0]           # shares of the hours that send one notice per period
///
/// [[reminder]]
/// name = "renewal-30d"
/// before = "30d"                   # calendar days before each contract's renewal, 1d … 366d
/// template = "renewal"             # renewal | contract_notice
/// ```
extension ConfigReader {
    static let contractKeys: Set<String> = ["organisation", "hours", "period", "start", "renewal", "contact", "language", "queue", "notice_at"]
    static let reminderKeys: Set<String> = ["name", "before", "template"]
    /// More free hours than anyone sells per period: a typo, not a contract.
    static let maximumContractHours = 100_000.0

    /// Every valid `[[contract]]`; `organisations` (domain → name) and `queues` are what it may name.
    mutating func readContracts(_ root: TOMLTable, organisations: [String: String], queues: Set<String>, defaultQueue: String) -> [SupportContract] {
        var contracts: [SupportContract] = []
        var seen: Set<String> = []
        for (index, table) in tables(root, "contract") {
            let key = "contract[\(index)]"
            warnUnknown(table, prefix: key, known: Self.contractKeys)
            guard let organisation = required(table, key, "organisation"), let contact = required(table, key, "contact") else { continue }
            let names = Set(organisations.values.map { $0.lowercased() })
            if !names.contains(organisation.lowercased()) && !organisation.contains(".") {
                error("\(key).organisation", "'\(organisation)' is neither a name from [organisations] nor a mail domain such as \"acme.example\"")
                continue
            }
            if !seen.insert(organisation.lowercased()).inserted {
                error("\(key).organisation", "'\(organisation)' has a contract already; one [[contract]] per organisation")
                continue
            }
            let parts = contact.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !contact.contains(where: \.isWhitespace) else {
                error("\(key).contact", "'contact' must be a mail address such as \"it@acme.example\"")
                continue
            }
            guard let hours = contractHours(table, key) else { continue }
            let periodText = string(table, key, "period") ?? "month"
            guard let period = ContractPeriodLength(rawValue: periodText.lowercased()) else {
                error("\(key).period", "'period' must be month, quarter or year, not '\(periodText)'")
                continue
            }
            guard table["start"] != nil else {
                error(key, "missing required key 'start' in \(key): the first day of the first period, e.g. \"2026-01-01\"")
                continue
            }
            guard let start = date(table, key, "start") else { continue }
            let renewal = table["renewal"] == nil ? nil : date(table, key, "renewal")
            if table["renewal"] != nil && renewal == nil { continue }
            if let renewal, renewal <= start {
                error("\(key).renewal", "'renewal' (\(renewal)) must come after 'start' (\(start))")
                continue
            }
            let queue = string(table, key, "queue") ?? defaultQueue
            if !queues.contains(queue) {
                error("\(key).queue", "unknown queue '\(queue)'; add it as a [[mailbox]] queue or an [sla.queue.\(queue)] section")
                continue
            }
            guard let noticeAt = noticeShares(table, key) else { continue }
            contracts.append(SupportContract(
                organisation: organisation, hours: hours, period: period, start: start, renewal: renewal, contact: contact,
                language: string(table, key, "language")?.lowercased(), queue: queue, noticeAt: noticeAt))
        }
        return contracts
    }

    /// Every valid `[[reminder]]`.
    mutating func readReminders(_ root: TOMLTable) -> [ContractReminder] {
        var reminders: [ContractReminder] = []
        var seen: Set<String> = []
        for (index, table) in tables(root, "reminder") {
            let key = "reminder[\(index)]"
            warnUnknown(table, prefix: key, known: Self.reminderKeys)
            guard let name = required(table, key, "name"), let before = required(table, key, "before") else { continue }
            if !seen.insert(name).inserted {
                error("\(key).name", "a [[reminder]] named '\(name)' exists already; names must be unique")
                continue
            }
            guard let days = Self.days(before), (1...366).contains(days) else {
                error("\(key).before", "'before' must be calendar days before the renewal such as \"30d\" or \"2w\", from 1d to 366d")
                continue
            }
            let templateName = string(table, key, "template") ?? TemplateKind.renewal.rawValue
            guard let template = TemplateKind(rawValue: templateName), TemplateKind.reminders.contains(template) else {
                error("\(key).template", "unknown reminder template '\(templateName)'; one of \(TemplateKind.reminders.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            reminders.append(ContractReminder(name: name, daysBefore: days, template: template))
        }
        return reminders
    }

    /// `"30d"` → 30, `"2w"` → 14, `30` → 30.
    static func days(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let days = Int(trimmed) { return days }
        guard let unit = trimmed.last, let number = Int(trimmed.dropLast()) else { return nil }
        switch unit {
        case "d": return number
        case "w": return number.multipliedReportingOverflow(by: 7).overflow ? nil : number * 7
        default: return nil
        }
    }

    /// The tables of `[[name]]`, with their index; an error when `name` is not an array of tables.
    private mutating func tables(_ root: TOMLTable, _ name: String) -> [(Int, TOMLTable)] {
        guard let value = root[name] else { return [] }
        guard let array = value.array else {
            error(name, "'\(name)' must be an array of tables: write [[\(name)]]")
            return []
        }
        return array.enumerated().compactMap { index, entry in
            guard let table = entry.table else {
                error(name, "[[\(name)]] entries must be tables")
                return nil
            }
            return (index, table)
        }
    }

    private mutating func contractHours(_ table: TOMLTable, _ key: String) -> Double? {
        guard let value = table["hours"] else {
            error(key, "missing required key 'hours' in \(key): the free hours per period, e.g. 20")
            return nil
        }
        guard let hours = value.double ?? value.int.map(Double.init), hours.isFinite, hours > 0, hours <= Self.maximumContractHours else {
            error("\(key).hours", "'hours' must be a number of hours above 0 and at most \(Int(Self.maximumContractHours)), e.g. 20 or 7.5")
            return nil
        }
        return hours
    }

    private mutating func noticeShares(_ table: TOMLTable, _ key: String) -> [Double]? {
        guard let value = table["notice_at"] else { return SupportContract.defaultNoticeAt }
        let shares = value.array?.compactMap { $0.double ?? $0.int.map(Double.init) }
        guard let shares, shares.count == value.array?.count, !shares.isEmpty, shares.allSatisfy({ $0.isFinite && $0 > 0 && $0 <= 10 }),
            Set(shares.map(ContractWatch.percent)).count == shares.count
        else {
            error("\(key).notice_at", "'notice_at' must be an array of distinct shares of the hours above 0 and at most 10, e.g. [0.8, 1.0]")
            return nil
        }
        return shares
    }

    /// A `YYYY-MM-DD` date, written as a string or a TOML date.
    private mutating func date(_ table: TOMLTable, _ key: String, _ name: String) -> LocalDate? {
        let text = table[name]?.string ?? table[name]?.date.map { String(format: "%04d-%02d-%02d", $0.year, $0.month, $0.day) }
        guard let text else {
            error("\(key).\(name)", "'\(name)' must be a date such as \"2026-01-01\"")
            return nil
        }
        do {
            return try LocalDate(parsing: text)
        } catch {
            self.error("\(key).\(name)", "\(error)")
            return nil
        }
    }
}
