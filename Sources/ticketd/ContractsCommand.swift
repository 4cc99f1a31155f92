import ArgumentParser
import BusinessTime
import Foundation
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct ContractsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts", abstract: "Support contracts: free hours per period, what is used, and the mail their contacts got.",
        subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every [[contract]] with its current period: hours spent, free, billable and remaining; notices and reminders sent.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false
        @Option(help: "The clock (ISO 8601): which period is current.") var now: String?

        struct Entry: Encodable {
            var organisation: String
            var hours: Double
            var period: String
            var start: String
            var renewal: String?
            var contact: String
            var language: String?
            var queue: String
            var noticeAt: [Double]
            var domains: [String]
            var currentPeriod: Period?
            var spent: Double
            var free: Double
            var billable: Double
            var remaining: Double
            var mailSent: [String: Date]

            struct Period: Encodable {
                var start: String
                var end: String
            }

            enum CodingKeys: String, CodingKey {
                case organisation, hours, period, start, renewal, contact, language, queue, noticeAt = "notice_at", domains
                case currentPeriod = "current_period", spent, free, billable, remaining, mailSent = "mail_sent"
            }
        }

        func run() async throws {
            let loaded = try global.loadConfig()
            let storage = try global.openStorage(loaded)
            let calendar = loaded.config.promises.calendar
            let now = try parseNow(now).now()
            let today = calendar.localDate(of: now)
            let sent = try storage.contractMail()
            let entries = try loaded.config.contracts.map { contract in
                let domains = contract.domains(organisations: loaded.config.organisations)
                let period = ContractPeriod.containing(today, start: contract.start, length: contract.period)
                let minutes = try period.map { period in
                    let span = period.instants(on: calendar)
                    return try storage.minutesLogged(domains: domains, from: span.from, to: span.to)
                } ?? 0
                let split = contract.split(minutes: minutes)
                let prefix = "contract:\(contract.organisation.lowercased()):"
                return Entry(
                    organisation: contract.organisation, hours: contract.hours, period: contract.period.rawValue, start: contract.start.description,
                    renewal: contract.renewal?.description, contact: contract.contact, language: contract.language, queue: contract.queue,
                    noticeAt: contract.noticeAt, domains: domains,
                    currentPeriod: period.map { .init(start: $0.first.description, end: $0.next.adding(days: -1).description) },
                    spent: HoursReport.round(Double(minutes) / 60), free: HoursReport.round(split.free), billable: HoursReport.round(split.billable),
                    remaining: HoursReport.round(max(0, contract.hours - Double(minutes) / 60)),
                    mailSent: sent.filter { $0.key.hasPrefix(prefix) }.reduce(into: [:]) { $0[String($1.key.dropFirst(prefix.count))] = $1.value })
            }
            if json {
                try printJSON(entries)
                return
            }
            if entries.isEmpty { print("no [[contract]] in \(loaded.config.path)") }
            for entry in entries {
                let period = entry.currentPeriod.map { "\($0.start)..\($0.end)" } ?? "not started (starts \(entry.start))"
                print("\(entry.organisation)\t\(entry.contact)\t\(period)\tspent \(entry.spent)h of \(entry.hours)h (free \(entry.free)h, billable \(entry.billable)h)\(entry.renewal.map { "\trenews \($0)" } ?? "")")
            }
        }
    }
}
