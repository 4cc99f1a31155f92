import ArgumentParser
import Foundation
import TicketConfig
import TicketStore
import TicketStorePostgres

/// `ticketd migrate --to postgres://…`: moves the SQLite installation in `state_dir` to PostgreSQL.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the SQLite installation in state_dir into an empty PostgreSQL database.",
        discussion: """
            Every table (tickets, messages, attachments' records, events, participants, message ids, promises, steps, time entries, \
            contract mail, the outbox, spam tokens, absences, sync state) is copied in one PostgreSQL transaction, and each table's \
            row count is checked against the source before it commits. Stop ticketd first; afterwards set [store] url (and \
            password_file) in the config. A target that holds any data is refused. Exit codes: 0 copied, 64 bad URL, 65 the copy \
            did not match (rolled back), 69 PostgreSQL unreachable, 73 the target is not empty, 78 bad config.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "The PostgreSQL database to fill: postgres://USER@HOST:PORT/DB[?sslmode=require].") var to: String

    @Option(help: "A file holding the PostgreSQL password (default: [store] password_file when [store] url is the same database).")
    var passwordFile: String?

    func run() async throws {
        let loaded = try global.loadConfig()
        var target: PostgresURL
        do {
            target = try PostgresURL(to)
        } catch {
            throw ValidationError("--to: \(error.description)")
        }
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("--password-file: cannot read '\(passwordFile)'")
            }
            target.password = text.trimmingCharacters(in: .newlines)
        } else if let configured = loaded.config.store.postgres, configured.description == target.description {
            target.password = configured.password
        }
        let databasePath = loaded.config.daemon.databasePath
        guard FileManager.default.fileExists(atPath: databasePath) else {
            printError("ticketd: there is no SQLite database at \(databasePath) to migrate (state_dir = \(loaded.config.daemon.stateDirectory))")
            throw ExitCode(66)
        }
        let source = try SQLiteStorage(path: databasePath, tagFormat: loaded.config.daemon.tagFormat)
        let destination: PostgresStorage
        do {
            destination = try PostgresStorage(url: target, tagFormat: loaded.config.daemon.tagFormat, instance: "ticketd-migrate")
        } catch {
            printError("ticketd: cannot open \(target): \(error)")
            throw ExitCode(69)
        }
        let copied: [PostgresStorage.CopiedTable]
        do {
            copied = try destination.importInstallation(from: source)
        } catch let error as PostgresStorage.ImportError {
            printError("ticketd: \(error)")
            if case .targetNotEmpty = error { throw ExitCode(73) }
            throw ExitCode(65)
        }
        for table in copied {
            print("\(table.table): \(table.source) rows copied, \(table.copied) in PostgreSQL")
        }
        print("migrated \(databasePath) to \(target); now set [store] url = \"\(target)\" in \(loaded.config.path) and start ticketd")
    }
}
