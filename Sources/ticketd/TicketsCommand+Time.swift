import ArgumentParser
import Foundation
import TicketCore
import TicketDaemon
import TicketStore

extension TicketsCommand {
    struct Time: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log work time on a ticket (counted against its organisation's contract), or remove an entry logged by mistake.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Argument(help: "The work time: 30m, 1h30m, 1.5h (more than 0, at most 24h).") var duration: String?
        @Option(help: "Who did the work (default: the ticket's assignee).") var staff: String?
        @Option(help: "What the work was.") var note: String?
        @Option(help: "When the work was done (ISO 8601; default: now).") var at: String?
        @Option(help: "Remove the time entry with this id (see `tickets show`) instead of logging.") var remove: Int64?
        @Option(help: "The clock (ISO 8601).") var now: String?

        func validate() throws {
            if remove == nil && duration == nil { throw ValidationError("give a DURATION such as 1h30m, or --remove ENTRY") }
            if remove != nil && duration != nil { throw ValidationError("give either a DURATION or --remove ENTRY, not both") }
            if let duration, StaffCommandParser.minutes(in: duration) == nil {
                throw ValidationError("'\(duration)' is not a work time: write 30m, 1h30m or 1.5h (more than 0, at most 24h)")
            }
        }

        func run() async throws {
            let clock = try parseNow(now)
            let context = try StaffContext(global: global, id: id, clock: clock)
            let rules = try context.daemon.currentRules()
            if let remove {
                do {
                    try context.storage.removeTime(ticket: context.number, entry: remove, actor: "staff:\(staff ?? "cli")", rules: rules, now: clock.now())
                } catch let error as DeskError {
                    printError("ticketd: \(error)")
                    throw ExitCode(65)
                }
                print("removed time entry \(remove) from \(context.tag)")
                return
            }
            guard let duration, let minutes = StaffCommandParser.minutes(in: duration) else { throw ExitCode(64) }
            let doneAt = try at.map { try ArgumentValidation.instant($0, argument: "--at") }
            let assignee = try context.storage.ticket(number: context.number)?.assignee
            let worker = staff?.lowercased() ?? assignee ?? "unattributed"
            let result = try context.storage.logTime(
                ticket: context.number, staff: worker, minutes: minutes, note: note, at: doneAt, actor: "staff:\(worker)", rules: rules, now: clock.now())
            let summary = try await context.daemon.flushOutbox()
            let notices = result.queued == 0 ? "" : "; \(result.queued) contract notice\(result.queued == 1 ? "" : "s") queued\(summary.sent >= result.queued ? " and sent" : "")"
            print("logged \(TimeEntry.describe(minutes: minutes)) for \(worker) on \(context.tag) (entry \(result.entry.id ?? 0))\(notices)")
        }
    }
}
