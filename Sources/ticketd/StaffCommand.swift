import ArgumentParser
import BusinessTime
import Foundation
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Staff availability, counted in every promise.", subcommands: [List.self, Away.self, Absences.self, RotateKey.self])

    struct Away: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record vacation or illness: ADDR is away from --from through --to (whole days).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff member's address.") var address: String
        @Option(help: "First day away (YYYY-MM-DD).") var from: String
        @Option(help: "Last day away (YYYY-MM-DD).") var to: String
        @Option(help: "Who takes their new tickets meanwhile (a staff address).") var standin: String?
        @Option(help: "The clock (ISO 8601).") var now: String?

        func run() async throws {
            let clock = try parseNow(now)
            do {
                _ = try AbsenceCalendar.Absence(agent: address, from: try LocalDate(parsing: from), through: try LocalDate(parsing: to))
            } catch {
                throw ValidationError("\(error)")
            }
            let loaded = try global.loadConfig()
            if !loaded.config.staff.contains(address) {
                printError("ticketd: warning: \(address) is not in [[staff]] or daemon.staff; the absence only counts for listed staff")
            }
            if let standin {
                guard loaded.config.staff.contains(standin), standin.lowercased() != address.lowercased() else {
                    throw ValidationError("--standin '\(standin)' must be another staff member ([[staff]] or daemon.staff)")
                }
            }
            try global.openStorage(loaded).addAbsence(staff: address, firstDay: from, lastDay: to, standIn: standin, now: clock.now())
            print("\(address.lowercased()) is away \(from) – \(to)\(standin.map { "; \($0.lowercased()) stands in" } ?? ""); new promises count with it")
        }
    }

    struct Absences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List absences entered with `staff away`.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let loaded = try global.loadConfig()
            for absence in try global.openStorage(loaded).absences() {
                print("\(absence.staff)\t\(absence.firstDay)\t\(absence.lastDay)\(absence.standIn.map { "\tstand-in \($0)" } ?? "")")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every staff member: open load, absence today, languages, skills and queues.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array.") var json = false
        @Option(help: "The clock (ISO 8601).") var now: String?

        struct Entry: Encodable {
            var address: String
            var name: String?
            var role: String
            var languages: [String]
            var skills: [String]
            var queues: [String]
            var region: String?
            var capacity: Int?
            /// Assigned tickets waiting on staff (new or open).
            var open: Int
            var away: Bool
            var absences: [Period]

            struct Period: Encodable {
                var from: String
                var to: String
            }
        }

        func run() async throws {
            let clock = try parseNow(now)
            let loaded = try global.loadConfig()
            let storage = try global.openStorage(loaded)
            let stored = try storage.absences().compactMap(\.absence)
            let absences = loaded.config.promises.absences + stored
            let today = loaded.config.promises.calendar.localDate(of: clock.now())
            let entries = try loaded.config.staff.members.map { member in
                let own = absences.filter { $0.agent.lowercased() == member.address }.sorted { $0.first < $1.first }
                let open = try storage.tickets(TicketFilter(assignee: member.address)).filter { ["new", "open"].contains($0.state) }.count
                return Entry(
                    address: member.address, name: member.name, role: member.role.rawValue, languages: member.languages, skills: member.skills.sorted(),
                    queues: member.queues.sorted(), region: member.region, capacity: member.capacity, open: open,
                    away: own.contains { $0.first <= today && today <= $0.last },
                    absences: own.filter { today <= $0.last }.map { .init(from: $0.first.description, to: $0.last.description) })
            }
            if json {
                try printJSON(entries)
                return
            }
            for entry in entries {
                let away = entry.away ? "away" : "present"
                print("\(entry.address)\t\(entry.name ?? "")\t\(entry.role)\topen \(entry.open)\t\(away)\tskills \(entry.skills.joined(separator: ","))")
            }
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Sign staff reply addresses with a new key; the old one still verifies for --keep (default 30d).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "How long replies to mail signed with the old key still verify, in days (e.g. 30d).") var keep: String = "30d"
        @Option(help: "The clock (ISO 8601).") var now: String?

        func run() async throws {
            let clock = try parseNow(now)
            guard keep.hasSuffix("d"), let days = Int(keep.dropLast()), (0...366).contains(days) else {
                throw ValidationError("--keep '\(keep)' must be whole days from 0d to 366d")
            }
            let loaded = try global.loadConfig()
            let file = StaffKeyFile(stateDirectory: loaded.config.daemon.stateDirectory)
            do {
                let keyring = try file.rotate(now: clock.now(), keepOld: TimeInterval(days) * 86_400)
                print("staff reply addresses are now signed with key \(keyring.currentID); older keys verify until \(keep) from now")
            } catch {
                printError("ticketd: \(error)")
                throw ExitCode(73)
            }
        }
    }
}
