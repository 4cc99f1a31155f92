import ArgumentParser
import Foundation
import Logging
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Process one RFC 5322 message from FILE or standard input (-), as an MTA pipe.",
        discussion: "Exit 0 when stored (ugly mail is stored as-is), 75 when it should be retried later."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "The configured mailbox the message arrived for (default: the first).")
    var mailbox: String?

    @Option(help: "The clock for this run (ISO 8601).")
    var now: String?

    @Argument(help: "The message file, or - for standard input.")
    var file: String

    func run() async throws {
        let clock = try parseNow(now)
        let loaded = try global.loadConfig()
        if let mailbox, !loaded.config.mailboxes.contains(where: { $0.name == mailbox }) {
            throw ValidationError("no mailbox named '\(mailbox)' in \(global.configPath)")
        }
        let raw: [UInt8]
        if file == "-" {
            raw = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else if let data = FileManager.default.contents(atPath: file) {
            raw = [UInt8](data)
        } else {
            printError("ticketd: cannot read \(file)")
            throw ExitCode(66)
        }
        let logger = global.makeLogger()
        let daemon = TicketDaemon(loaded: loaded, storage: try global.openStorage(loaded, lostDatabaseExit: 75), clock: clock, logger: logger)
        do {
            let report = try await daemon.ingest(raw: raw, mailbox: mailbox)
            if let error = report.outbox.unreachable {
                logger.warning("stored; the acknowledgement waits in the outbox", metadata: ["error": "\(error)"])
            }
        } catch {
            logger.error("could not store the message; the MTA should retry", metadata: ["error": "\(error)"])
            throw ExitCode(75)
        }
    }
}
