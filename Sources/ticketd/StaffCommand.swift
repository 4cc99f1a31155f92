import ArgumentParser
import BusinessTime
import Foundation
import TicketConfig
import TicketDaemon
import TicketStore

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Staff availability, counted in every promise.", subcommands: [Away.self, Absences.self])

    struct Away: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record vacation or illness: ADDR is away from --from through --to (whole days).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff member's address.") var address: String
        @Option(help: "First day away (YYYY-MM-DD).") var from: String
        @Option(help: "Last day away (YYYY-MM-DD).") var to: String
        @Option(help: "The clock (ISO 8601).") var now: String?

        func run() async throws {
            let clock = try parseNow(now)
            do {
                _ = try AbsenceCalendar.Absence(agent: address, from: try LocalDate(parsing: from), through: try LocalDate(parsing: to))
            } catch {
                throw ValidationError("\(error)")
            }
            let loaded = try global.loadConfig()
            if !loaded.config.daemon.staff.contains(address.lowercased()) {
                printError("ticketd: warning: \(address) is not in [daemon] staff; the absence only counts for listed staff")
            }
            try global.openStorage(loaded).addAbsence(staff: address, firstDay: from, lastDay: to, now: clock.now())
            print("\(address.lowercased()) is away \(from) – \(to); new promises count with it")
        }
    }

    struct Absences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List absences entered with `staff away`.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let loaded = try global.loadConfig()
            for absence in try global.openStorage(loaded).absences() {
                print("\(absence.staff)\t\(absence.firstDay)\t\(absence.lastDay)")
            }
        }
    }
}
