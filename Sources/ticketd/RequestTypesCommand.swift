import ArgumentParser
import Foundation
import TicketConfig
import TicketCore

struct RequestTypesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request-types", abstract: "The request types of the config and their steps.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every [request_type.NAME]: titles, steps (owner, due, notice) and the escalation ladder.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false

        struct Entry: Encodable {
            var name: String
            var titles: [String: String]
            var steps: [Step]
            var escalate: [Rung]

            struct Step: Encodable {
                var name: String
                var owner: String
                var due: String
                var notify: String?
            }

            struct Rung: Encodable {
                var after: Double
                var to: String
            }
        }

        func run() async throws {
            let loaded = try global.loadConfig()
            let entries = loaded.config.requestTypes.values.sorted { $0.name < $1.name }.map { type in
                Entry(
                    name: type.name, titles: type.titles,
                    steps: type.steps.map { .init(name: $0.name, owner: $0.owner.description, due: "\($0.due)", notify: $0.notify?.rawValue) },
                    escalate: type.escalation.map { .init(after: $0.after, to: $0.to.description) })
            }
            if json {
                try printJSON(entries)
                return
            }
            for entry in entries {
                print("\(entry.name)\t\(entry.titles.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))")
                for step in entry.steps {
                    print("  \(step.name)\towner \(step.owner)\tdue \(step.due)\(step.notify.map { "\tnotice \($0)" } ?? "")")
                }
                if !entry.escalate.isEmpty {
                    print("  escalate: " + entry.escalate.map { "\($0.after)× → \($0.to)" }.joined(separator: ", "))
                }
            }
        }
    }
}
