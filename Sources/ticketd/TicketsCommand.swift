import ArgumentParser
import Foundation
import Logging
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "List and show tickets.", subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tickets, oldest first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only tickets in this state (new, open, waiting, resolved, closed).") var state: String?
        @Option(help: "Only tickets of this queue.") var queue: String?
        @Option(help: "Only tickets of this customer address.") var customer: String?
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            var filter = TicketFilter(queue: queue, customer: customer)
            if let state {
                guard let parsed = TicketState(rawValue: state) else {
                    throw ValidationError("unknown state '\(state)': use one of \(TicketState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                filter.state = parsed
            }
            let loaded = try global.loadConfig()
            let tickets = try global.openStorage(loaded).tickets(filter)
            if json {
                try printJSON(tickets)
                return
            }
            for ticket in tickets {
                print("\(ticket.tag)\t\(ticket.state)\t\(ticket.queue)\t\(ticket.customer.address)\t\(ticket.subject)")
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one ticket with its messages and events.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or its subject tag, e.g. 123 or [#123].") var id: String
        @Flag(help: "Print one JSON object.") var json = false

        func run() async throws {
            let loaded = try global.loadConfig()
            guard let number = Int(id) ?? loaded.config.daemon.tagFormat.number(in: id) else {
                throw ValidationError("'\(id)' is neither a ticket number nor a tag like \(loaded.config.daemon.tagFormat.tag(for: 123))")
            }
            guard let ticket = try global.openStorage(loaded).ticket(number: number) else {
                printError("ticketd: no ticket \(id)")
                throw ExitCode(65)
            }
            if json {
                try printJSON(ticket)
                return
            }
            print("\(ticket.tag) \(ticket.subject)")
            print("state: \(ticket.state)  queue: \(ticket.queue)  priority: \(ticket.priority)  language: \(ticket.language)")
            print("customer: \(ticket.customer.name.map { "\($0) " } ?? "")<\(ticket.customer.address)>")
            print("created: \(ticket.createdAt.formatted(.iso8601))  promised by: \(ticket.promisedBy?.formatted(.iso8601) ?? "-")")
            for message in ticket.messages ?? [] {
                print("\n--- \(message.direction) \(message.kind) from \(message.from) at \(message.receivedAt.formatted(.iso8601))")
                print("Subject: \(message.subject)\n")
                print(message.text)
            }
            print("\nevents:")
            for event in ticket.events ?? [] {
                print("  \(event.at.formatted(.iso8601))  \(event.type)  \(event.actor)  \(event.detail)")
            }
        }
    }
}
