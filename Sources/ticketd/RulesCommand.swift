import ArgumentParser
import BusinessTime
import Foundation
import MailMessage
import TicketConfig
import TicketCore
import TicketStore

struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Try the [[rule]]s of the config before they go live: on one mail, or replayed over stored mail.",
        subcommands: [Test.self, Replay.self])

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every rule in order for one raw message: matched or not and why, and the resulting ticket fields. Stores and sends nothing.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The mailbox it arrives through (default: the first).") var mailbox: String?
        @Flag(help: "Print one JSON object.") var json = false
        @Argument(help: "The message file, or - for standard input.") var file: String

        func run() async throws {
            let loaded = try global.loadConfig()
            guard let box = mailbox.map({ name in loaded.config.mailboxes.first { $0.name == name } }) ?? loaded.config.mailboxes.first else {
                throw ValidationError("no mailbox named '\(mailbox ?? "")' in \(global.configPath)")
            }
            let message = MailMessage.parse(try readBytes(file))
            let rules = DeskRules(loaded: loaded, keyring: nil)
            let language = LanguageDetector.detect((message.subject ?? "") + "\n" + message.newText) ?? loaded.config.daemon.defaultLanguage
            let evaluation = DeskCore(rules: rules).evaluateRules(message, mailbox: box.name, queue: box.queue, language: language)
            if json {
                try printJSON(evaluation)
                return
            }
            for trace in evaluation.rules {
                let verdict = trace.skipped.map { "skipped (\($0))" } ?? (trace.matched ? "matched" : "no match")
                print("\(trace.name): \(verdict)\(trace.changes.isEmpty || !trace.matched ? "" : " → " + trace.changes.joined(separator: ", "))")
                for condition in trace.conditions {
                    print("  \(condition.matched ? "✓" : "✗") \(condition.detail)\(condition.error.map { " (error: \($0))" } ?? "")")
                }
                if let error = trace.error { print("  error: \(error)") }
            }
            let result = evaluation.result
            if let drop = result.drop {
                print("result: dropped as '\(drop)': no ticket, no answer")
            } else {
                let fields = [
                    "queue \(result.queue)", "priority \(result.priority.rawValue)", result.requestType.map { "request type \($0)" },
                    result.assignee.map { "assignee \($0)" }, result.assignSkill.map { "skill \($0)" }, "language \(result.language ?? language)",
                ].compactMap { $0 }
                print("result: \(fields.joined(separator: ", "))")
            }
        }
    }

    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The rules of the current config over the mail that opened stored tickets: what would change per ticket. Nothing is changed.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "First day (YYYY-MM-DD, desk time zone) or ISO 8601 time of tickets to replay.") var from: String?
        @Option(help: "Last day (inclusive) or ISO 8601 time.") var to: String?
        @Flag(help: "Print one JSON object.") var json = false

        struct Change: Encodable {
            var ticket: Int
            var field: String
            var from: String?
            var to: String?
        }

        struct Summary: Encodable {
            var tickets: Int
            var changed: Int
            var changes: [Change]
        }

        func run() async throws {
            let loaded = try global.loadConfig()
            let calendar = loaded.config.promises.calendar
            let start = try from.map { try ReportCommand.instant($0, option: "--from", calendar: calendar, endOfDay: false) }
            let end = try to.map { try ReportCommand.instant($0, option: "--to", calendar: calendar, endOfDay: true) }
            if let start, let end, end <= start { throw ValidationError("--to is before --from") }
            let storage = try global.openStorage(loaded)
            let core = DeskCore(rules: DeskRules(loaded: loaded, keyring: nil))
            let openings = try storage.openingMail(from: start, to: end)
            var changes: [Change] = []
            for opening in openings {
                let message = MailMessage.parse(opening.raw)
                let queue = loaded.config.mailboxes.first { $0.name == opening.mailbox }?.queue ?? loaded.config.mailboxes[0].queue
                let result = core.evaluateRules(message, mailbox: opening.mailbox, queue: queue, language: opening.language).result
                let now: [(String, String?, String?)] = [
                    ("drop", nil, result.drop),
                    ("queue", opening.queue, result.drop == nil ? result.queue : nil),
                    ("priority", opening.priority, result.drop == nil ? result.priority.rawValue : nil),
                    ("request_type", opening.requestType, result.drop == nil ? result.requestType : nil),
                    ("assignee", opening.assignee, result.drop == nil ? result.assignee ?? opening.assignee : nil),
                    ("language", opening.language, result.drop == nil ? result.language ?? opening.language : nil),
                ]
                for (field, before, after) in now where before != after && !(field != "drop" && result.drop != nil) {
                    changes.append(Change(ticket: opening.ticket, field: field, from: before, to: after))
                }
            }
            let summary = Summary(tickets: openings.count, changed: Set(changes.map(\.ticket)).count, changes: changes)
            if json {
                try printJSON(summary)
                return
            }
            let tag = loaded.config.daemon.tagFormat
            for change in changes {
                print("\(tag.tag(for: change.ticket)) \(change.field): \(change.from ?? "-") → \(change.to ?? "-")")
            }
            print("\(summary.changed) of \(summary.tickets) tickets would change")
        }
    }
}

/// The bytes of FILE, or of standard input for `-`.
func readBytes(_ file: String) throws -> [UInt8] {
    if file == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: file) else {
        printError("ticketd: cannot read \(file)")
        throw ExitCode(66)
    }
    return [UInt8](data)
}
