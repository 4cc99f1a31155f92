import ArgumentParser
import Foundation
import Logging
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Inspect the configuration.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate config and templates; print the effective config, or FILE:LINE:COL errors (exit 78).")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let loaded = try global.loadConfig()
            for warning in loaded.warnings { printError(warning.description) }
            print(EffectiveConfig(loaded.config).render())
        }
    }
}
