import ArgumentParser
import Foundation
import Logging
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Outgoing mail: queued, sent, failed.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List outgoing mail with its state and any error.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let loaded = try global.loadConfig()
            let entries = try global.openStorage(loaded).outbox()
            if json {
                try printJSON(entries)
                return
            }
            for entry in entries {
                let error = entry.lastError.map { "\t\($0)" } ?? ""
                print("\(entry.id)\t#\(entry.ticket)\t\(entry.kind)\t\(entry.state)\t\(entry.recipients.joined(separator: ","))\t\(entry.subject)\(error)")
            }
        }
    }
}
