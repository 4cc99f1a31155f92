import ArgumentParser
import Foundation
import TicketConfig
import TicketStore

struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "Customer history.", subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every ticket of a customer and of their organisation, newest first, across years.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The customer's address.") var address: String
        @Flag(help: "Print one JSON object.") var json = false

        func validate() throws {
            try ArgumentValidation.address(address, argument: "ADDRESS")
        }

        func run() async throws {
            let loaded = try global.loadConfig()
            let customer = try global.openStorage(loaded).customerHistory(address: address, organisations: loaded.config.organisations)
            if json {
                try printJSON(customer)
                return
            }
            print("\(customer.name.map { "\($0) " } ?? "")<\(customer.address)>\(customer.organisation.map { "  organisation: \($0)" } ?? "")")
            for ticket in customer.tickets {
                let promise = ticket.promisedBy.map { "  promised by \($0.formatted(.iso8601))" } ?? ""
                print("  \(ticket.tag)\t\(ticket.createdAt.formatted(.iso8601))\t\(ticket.state)\t\(ticket.customer.address)\t\(ticket.subject)\(promise)")
            }
        }
    }
}
