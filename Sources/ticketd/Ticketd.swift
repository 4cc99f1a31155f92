import ArgumentParser

/// `ticketd`: the help-desk mail daemon and its admin commands.
@main
struct Ticketd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticketd",
        abstract: "Turns a support mailbox into tickets, acknowledgements and kept promises.",
        subcommands: [
            RunCommand.self, IngestCommand.self, ConfigCommand.self, TicketsCommand.self, CustomersCommand.self,
            OutboxCommand.self, SpamCommand.self, StaffCommand.self, ReportCommand.self, StatusCommand.self, BackupCommand.self, RulesCommand.self, RequestTypesCommand.self,
            KnowledgeCommand.self, ContractsCommand.self, MigrateCommand.self,
        ]
    )

    /// Parses `argv` with the global options accepted before the subcommand too.
    static func main() async {
        await main(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
    }
}
