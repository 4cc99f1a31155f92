import ArgumentParser
import Foundation
import Logging
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Volume figures: tickets by state, dropped mail by reason, promises kept and missed.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print one JSON object.") var json = false

    struct Report: Encodable {
        var tickets: Int
        var byState: [String: Int]
        var dropped: [String: Int]
        var outbox: [String: Int]
        var promises: PromiseOutcomes

        enum CodingKeys: String, CodingKey {
            case tickets, byState = "by_state", dropped, outbox, promises
        }
    }

    func run() async throws {
        let loaded = try global.loadConfig()
        let storage = try global.openStorage(loaded)
        let tickets = try storage.tickets(TicketFilter())
        let report = Report(
            tickets: tickets.count,
            byState: Dictionary(grouping: tickets, by: \.state).mapValues(\.count),
            dropped: try storage.droppedCounts(),
            outbox: Dictionary(grouping: try storage.outbox(), by: \.state).mapValues(\.count),
            promises: try storage.promiseOutcomes())
        if json {
            try printJSON(report)
            return
        }
        print("tickets: \(report.tickets)")
        for (state, count) in report.byState.sorted(by: { $0.key < $1.key }) { print("  \(state): \(count)") }
        print("dropped: \(report.dropped.values.reduce(0, +))")
        for (reason, count) in report.dropped.sorted(by: { $0.key < $1.key }) { print("  \(reason): \(count)") }
        print("promises: \(report.promises.kept) kept, \(report.promises.missed) missed")
    }
}
