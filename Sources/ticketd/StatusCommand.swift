import ArgumentParser
import Foundation
import TicketConfig
import TicketDaemon
import TicketStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Last cycle, per-mailbox state, outbox depth and overdue tickets (for admins and monitoring).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print one JSON object.") var json = false
    @Option(help: "The clock for what counts as overdue (ISO 8601).") var now: String?

    struct Status: Encodable {
        var lastCycle: CycleStatus?
        var outboxQueued: Int
        var outboxFailed: Int
        var oldestQueuedAt: Date?
        var overdueTickets: [Int]
        /// With several daemons on one PostgreSQL: mailbox name → the daemon working it (absent: none now).
        var mailboxLocks: [String: String]

        enum CodingKeys: String, CodingKey {
            case lastCycle = "last_cycle", outboxQueued = "outbox_queued", outboxFailed = "outbox_failed"
            case oldestQueuedAt = "oldest_queued_at", overdueTickets = "overdue_tickets", mailboxLocks = "mailbox_locks"
        }
    }

    func run() async throws {
        let clock = try parseNow(now)
        let loaded = try global.loadConfig()
        let storage = try global.openStorage(loaded)
        let backlog = try storage.outboxBacklog()
        let status = Status(
            lastCycle: try storage.lastCycle(), outboxQueued: backlog.queued, outboxFailed: backlog.failed,
            oldestQueuedAt: backlog.oldestQueuedAt, overdueTickets: try storage.overdueTickets(now: clock.now()),
            mailboxLocks: try storage.mailboxHolders(loaded.config.mailboxes.map(\.name)))
        if json {
            try printJSON(status)
            return
        }
        if let cycle = status.lastCycle {
            print("last cycle: \(cycle.finishedAt.formatted(.iso8601)), \(cycle.mailsSent) mails sent")
            for mailbox in cycle.mailboxes {
                print("  mailbox \(mailbox.name): \(mailbox.state)\(mailbox.error.map { " (\($0))" } ?? "")")
                for message in mailbox.undelivered ?? [] {
                    print("    UID \(message.uid) not delivered by the server (\(message.attempts) attempts since \(message.firstFailedAt.formatted(.iso8601))): \(message.reason)")
                }
            }
            if let error = cycle.smtpError { print("  smtp: down (\(error))") }
        } else {
            print("last cycle: never")
        }
        for (mailbox, holder) in status.mailboxLocks.sorted(by: { $0.key < $1.key }) { print("mailbox \(mailbox) is worked by \(holder)") }
        print("outbox: \(status.outboxQueued) queued, \(status.outboxFailed) failed")
        print("overdue tickets: \(status.overdueTickets.isEmpty ? "none" : status.overdueTickets.map { "#\($0)" }.joined(separator: " "))")
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Online backup of the state database to FILE (restore: stop ticketd, copy FILE over state_dir/ticketd.sqlite).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Where to write the copy.") var file: String

    func run() async throws {
        try ArgumentValidation.newFile(file, argument: "FILE")
        let loaded = try global.loadConfig()
        do {
            try global.openStorage(loaded).backup(to: file)
        } catch let error as StorageError {
            guard case .backupUnavailable = error else { throw error }
            printError("ticketd: \(error)")
            throw ExitCode(69)
        }
        print("backed up \(loaded.config.daemon.databasePath) to \(file)")
    }
}
