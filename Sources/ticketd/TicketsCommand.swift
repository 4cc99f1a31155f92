import ArgumentParser
import Foundation
import Logging
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct TicketsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets", abstract: "List, show and work on tickets.",
        subcommands: [
            List.self, Show.self, Attachment.self, Reply.self, Close.self, Resolve.self, Reopen.self, Wait.self, Assign.self, Step.self, Time.self, Release.self, Create.self,
        ])

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
        @Flag(help: "Print every message whole; by default quoted history and signatures are left out.") var full = false

        func run() async throws {
            let loaded = try global.loadConfig()
            let number = try ticketNumber(id, loaded)
            guard var ticket = try global.openStorage(loaded).ticket(number: number) else {
                printError("ticketd: no ticket \(id)")
                throw ExitCode(65)
            }
            // Steps' owners come from the config's request type.
            let type = ticket.requestType.flatMap { loaded.config.requestTypes[$0] }
            let owner = ticket.step.flatMap { step in type?.step(named: step.name)?.owner.description }
            ticket.step?.owner = owner
            ticket.steps = ticket.steps?.map { step in
                var step = step
                step.owner = type?.step(named: step.name)?.owner.description
                return step
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
                if full || message.newText == message.text.trimmingCharacters(in: .whitespacesAndNewlines) {
                    print(message.text)
                } else {
                    print(message.newText)
                    print("[quoted history and signature left out; --full shows them]")
                }
                for attachment in message.attachments {
                    let size = AttachmentRecord.describe(size: attachment.size)
                    let state = attachment.stored ? "" : "  (not stored: \(attachment.reason ?? "unknown"))"
                    print("[attachment \(attachment.id)] \(attachment.name ?? "(unnamed)")  \(attachment.contentType)  \(size)\(state)")
                }
            }
            print("\nevents:")
            for event in ticket.events ?? [] {
                print("  \(event.at.formatted(.iso8601))  \(event.type)  \(event.actor)  \(event.detail)")
            }
        }
    }

    struct Attachment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the bytes of one attachment of a ticket (its id is in `tickets show`) to a file or standard output.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Argument(help: "The attachment id, as `tickets show` lists it.") var attachment: Int64
        @Option(name: .shortAndLong, help: "Write here instead of standard output.") var output: String?

        func run() async throws {
            let loaded = try global.loadConfig()
            let number = try ticketNumber(id, loaded)
            guard let found = try global.openStorage(loaded).attachment(id: attachment, ticket: number) else {
                printError("ticketd: ticket \(id) has no attachment \(attachment)")
                throw ExitCode(65)
            }
            guard let digest = found.sha256 else {
                printError("ticketd: attachment \(attachment) was not stored (\(found.reason ?? "no reason recorded")); it is still inside the raw message")
                throw ExitCode(65)
            }
            let settings = loaded.config.attachments
            let bytes = try AttachmentStore(directory: settings.directory, maxSize: settings.maxSize).read(digest: digest)
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
                    printError("ticketd: cannot write \(output)")
                    throw ExitCode(73)
                }
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    struct Reply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer the customer: the text from FILE or - goes out with the ticket tag; the ticket then waits on the customer.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Option(help: "The staff member answering.") var from: String
        @Option(help: "The clock (ISO 8601).") var now: String?
        @Argument(help: "The answer's text, or - for standard input.") var file: String

        func run() async throws {
            let clock = try parseNow(now)
            let context = try StaffContext(global: global, id: id, clock: clock)
            let text = try readText(file)
            let mail = try context.storage.staffReply(ticket: context.number, from: from, text: text, rules: try context.daemon.currentRules(), now: clock.now())
            let summary = try await context.daemon.flushOutbox()
            print("answered \(context.tag) to \(mail.recipients.joined(separator: ", "))\(summary.sent > 0 ? "" : " (queued; it goes out with the next cycle)")")
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a ticket for good (a later reply opens a new, linked ticket).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Option(help: "Who closes it.") var by: String = "staff"
        @Option(help: "The clock (ISO 8601).") var now: String?
        func run() async throws { try StaffContext.change(global: global, id: id, to: .closed, actor: by, now: now) }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a ticket resolved (a customer reply reopens it).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Option(help: "Who resolves it.") var by: String = "staff"
        @Option(help: "The clock (ISO 8601).") var now: String?
        func run() async throws { try StaffContext.change(global: global, id: id, to: .resolved, actor: by, now: now) }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a ticket again (with a new promise).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Option(help: "Who reopens it.") var by: String = "staff"
        @Option(help: "The clock (ISO 8601).") var now: String?
        func run() async throws { try StaffContext.change(global: global, id: id, to: .open, actor: by, now: now) }
    }

    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "wait", abstract: "Set a ticket waiting on the customer (its clock pauses).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Option(help: "Who sets it.") var by: String = "staff"
        @Option(help: "The clock (ISO 8601).") var now: String?
        func run() async throws { try StaffContext.change(global: global, id: id, to: .waiting, actor: by, now: now) }
    }

    struct Step: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a ticket with a request type to a step (by name) or to the next one; the step's notice goes to the customer once.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Argument(help: "A step name, or next (the default).") var step: String = "next"
        @Option(help: "Who moves it.") var by: String = "staff"
        @Option(help: "The clock (ISO 8601).") var now: String?

        func run() async throws {
            let clock = try parseNow(now)
            let context = try StaffContext(global: global, id: id, clock: clock)
            do {
                _ = try context.storage.step(
                    ticket: context.number, to: StepTarget(step.lowercased()), actor: "staff:\(by)", rules: try context.daemon.currentRules(), now: clock.now())
            } catch let error as DeskError {
                printError("ticketd: \(error)")
                throw ExitCode(65)
            }
            _ = try await context.daemon.flushOutbox()
            let view = try context.storage.ticket(number: context.number)
            print("\(context.tag) is in step \(view?.step?.name ?? step)\(view?.step.map { ", due \($0.dueAt.formatted(.iso8601))" } ?? "")")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Relay the staff mail held on a ticket (it proved nothing: no reply token, no trusted authentication) after you checked it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Option(help: "Who reviewed it.") var by: String = "staff"
        @Option(help: "The clock (ISO 8601).") var now: String?

        func run() async throws {
            let clock = try parseNow(now)
            let context = try StaffContext(global: global, id: id, clock: clock)
            let result = try context.storage.release(ticket: context.number, by: "staff:\(by)", rules: try context.daemon.currentRules(), now: clock.now())
            guard result.released > 0 else {
                printError("ticketd: \(context.tag) has no held mail (see the 'held' events in `ticketd tickets show \(context.number)`)")
                throw ExitCode(65)
            }
            let summary = try await context.daemon.flushOutbox()
            print("released \(result.released) held mail on \(context.tag)\(summary.sent >= result.queued ? "" : " (queued; it goes out with the next cycle)")")
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a ticket to a staff member (alarms then go to them).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The ticket number or tag.") var id: String
        @Argument(help: "The staff member's address.") var address: String
        @Option(help: "Who assigns it.") var by: String = "staff"
        @Option(help: "The clock (ISO 8601).") var now: String?

        func validate() throws {
            try ArgumentValidation.address(address, argument: "ADDRESS")
        }

        func run() async throws {
            let clock = try parseNow(now)
            let context = try StaffContext(global: global, id: id, clock: clock)
            try context.storage.assign(ticket: context.number, to: address, actor: "staff:\(by)", rules: try context.daemon.currentRules(), now: clock.now())
            print("\(context.tag) assigned to \(address.lowercased())")
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a ticket from another channel (phone, chat, walk-in); the customer gets the acknowledgement by mail.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The channel: phone, chat, …") var channel: String = "phone"
        @Option(help: "The customer's address.") var customer: String
        @Option(help: "The customer's name.") var name: String?
        @Option(help: "The subject.") var subject: String
        @Option(help: "The queue (default: the first mailbox's).") var queue: String?
        @Option(help: "The clock (ISO 8601).") var now: String?
        @Argument(help: "The request's text, or - for standard input.") var file: String

        func run() async throws {
            try ArgumentValidation.address(customer, argument: "--customer")
            let clock = try parseNow(now)
            let loaded = try global.loadConfig()
            let storage = try global.openStorage(loaded)
            let daemon = TicketDaemon(loaded: loaded, storage: storage, clock: clock, logger: global.makeLogger())
            let number = try storage.createTicket(
                channel: channel, customer: Customer(address: customer.lowercased(), name: name), subject: subject, text: try readText(file),
                queue: queue ?? loaded.config.mailboxes[0].queue, rules: try daemon.currentRules(), now: clock.now())
            _ = try await daemon.flushOutbox()
            print("created \(loaded.config.daemon.tagFormat.tag(for: number))")
        }
    }
}

/// What every staff action needs: the config, the store, the daemon (its rules and its outbox) and the ticket number.
struct StaffContext {
    let loaded: LoadedConfig
    let storage: any TicketStorage
    let daemon: TicketDaemon
    let clock: DaemonClock
    let number: Int
    var tag: String { loaded.config.daemon.tagFormat.tag(for: number) }

    init(global: GlobalOptions, id: String, clock: DaemonClock) throws {
        loaded = try global.loadConfig()
        let number = try ticketNumber(id, loaded)
        storage = try global.openStorage(loaded)
        guard try storage.ticket(number: number) != nil else {
            printError("ticketd: no ticket \(id)")
            throw ExitCode(65)
        }
        self.number = number
        self.clock = clock
        daemon = TicketDaemon(loaded: loaded, storage: storage, clock: clock, logger: global.makeLogger())
    }

    static func change(global: GlobalOptions, id: String, to state: TicketState, actor: String, now: String?) throws {
        let context = try StaffContext(global: global, id: id, clock: try parseNow(now))
        try context.storage.changeState(
            ticket: context.number, to: state, actor: "staff:\(actor)", rules: try context.daemon.currentRules(), now: context.clock.now())
        print("\(context.tag) is \(state.rawValue)")
    }
}

/// The ticket number in `id`: a plain number or a subject tag such as `[#123]`.
func ticketNumber(_ id: String, _ loaded: LoadedConfig) throws -> Int {
    let format = loaded.config.daemon.tagFormat
    guard let number = Int(id) ?? format.number(in: id) else {
        throw ValidationError("'\(id)' is neither a ticket number nor a tag like \(format.tag(for: 123))")
    }
    return number
}

/// The text of FILE, or of standard input for `-`.
func readText(_ file: String) throws -> String {
    String(decoding: try readBytes(file), as: UTF8.self)
}
