import ArgumentParser
import Foundation
import Logging
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Config file (default: $TICKETD_CONFIG, else /etc/ticketd/ticketd.toml).")
    var config: String?

    @Flag(name: .long, help: "Log debug detail.")
    var verbose = false

    var configPath: String {
        config ?? ProcessInfo.processInfo.environment["TICKETD_CONFIG"] ?? ConfigLoader.defaultPath
    }

    /// Loads the config or exits 78 with every problem as `FILE:LINE:COL: message`.
    func loadConfig() throws -> LoadedConfig {
        do {
            return try ConfigLoader.load(path: configPath)
        } catch {
            printError(error.description)
            throw ExitCode(78)
        }
    }

    /// Opens the store or exits: 66 when the database was lost (see `StorageError.databaseLost`),
    /// else 75. `ingest` passes 75 for both, so the MTA keeps the mail queued instead of bouncing it.
    func openStorage(_ loaded: LoadedConfig, lostDatabaseExit: Int32 = 66) throws -> any TicketStorage {
        do {
            return try TicketDaemon.openStorage(for: loaded.config)
        } catch let error as StorageError {
            if case .databaseLost = error {
                printError("ticketd: \(error)")
                throw ExitCode(lostDatabaseExit)
            }
            printError("ticketd: \(error) (\(LocalStorageFailure.freeSpace(near: loaded.config.daemon.databasePath)))")
            throw ExitCode(75)
        } catch {
            printError("ticketd: \(error)")
            throw ExitCode(75)
        }
    }

    func makeLogger() -> Logger {
        let level: Logger.Level = verbose ? .debug : .info
        let journald = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] != nil
        LoggingSystem.bootstrap { _ in
            var handler = JournalLogHandler(journald: journald)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "ticketd")
    }
}

extension GlobalOptions {
    /// `argv` with the global options given before the subcommand (`ticketd --config F config
    /// check`, as admins type it) moved behind it, where every command declares them.
    static func hoisted(_ arguments: [String]) -> [String] {
        var moved: [String] = []
        var rest: [String] = []
        var index = 0
        var beforeSubcommand = true
        while index < arguments.count {
            let argument = arguments[index]
            if beforeSubcommand && argument == "--config" && index + 1 < arguments.count {
                moved += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if beforeSubcommand && (argument.hasPrefix("--config=") || argument == "--verbose") {
                moved.append(argument)
            } else {
                if !argument.hasPrefix("-") { beforeSubcommand = false }
                rest.append(argument)
            }
            index += 1
        }
        guard !moved.isEmpty else { return arguments }
        if let terminator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: moved, at: terminator)
            return rest
        }
        return rest + moved
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Parses `--now` values: ISO 8601 with or without fractional seconds, or a bare date.
func parseNow(_ text: String?) throws -> DaemonClock {
    guard let text else { return .system }
    return .fixed(try ArgumentValidation.instant(text, argument: "--now"))
}

/// An ISO 8601 time with or without fractional seconds, or a bare date (midnight UTC).
func parseInstant(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withFullDate]
    return formatter.date(from: text)
}

/// JSON output in the contract's shape: ISO 8601 dates, stable key order, one line.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    print(String(decoding: data, as: UTF8.self))
}
