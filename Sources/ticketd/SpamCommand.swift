import ArgumentParser
import Foundation
import MailMessage
import SpamFilter
import TicketConfig
import TicketCore
import TicketDaemon
import TicketStore

struct SpamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spam", abstract: "The built-in spam filter: check, train, list and release.",
        subcommands: [Check.self, Train.self, List.self, Release.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Score messages against the trained filter.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "One JSON object per line: {\"file\", \"verdict\", \"score\", \"tokens\"}.") var json = false
        @Argument(help: "Message files.") var files: [String]

        struct Line: Encodable {
            var file: String
            var verdict: String
            var score: Double
            var tokens: [TokenEvidence]
        }

        /// Files classified per database lookup: their tokens' counts are fetched together.
        static let batchSize = 256

        func run() async throws {
            let loaded = try global.loadConfig()
            let storage = try global.openStorage(loaded)
            let totals = try storage.messageTotals()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var unreadable = false
            for start in stride(from: 0, to: files.count, by: Self.batchSize) {
                var batch: [(file: String, tokens: [String])] = []
                for file in files[start..<min(start + Self.batchSize, files.count)] {
                    guard let data = FileManager.default.contents(atPath: file) else {
                        printError("ticketd: cannot read \(file)")
                        unreadable = true
                        continue
                    }
                    batch.append((file, SpamTokenizer.default.tokens(for: MailMessage.parse([UInt8](data)))))
                }
                let counts = try storage.counts(for: Array(Set(batch.flatMap(\.tokens))))
                var output = ""
                for (file, tokens) in batch {
                    let result = SpamClassifier.default.classify(tokens, counts: counts, totals: totals)
                    if json {
                        let line = Line(file: file, verdict: result.verdict.rawValue, score: result.score, tokens: Array(result.tokens.prefix(10)))
                        output += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
                    } else {
                        let top = result.tokens.prefix(5).map { "\($0.token) \(String(format: "%.2f", $0.probability))" }.joined(separator: ", ")
                        output += "\(file)\t\(result.verdict.rawValue)\t\(String(format: "%.4f", result.score))\t\(top)\n"
                    }
                }
                print(output, terminator: "")
            }
            if unreadable { throw ExitCode(66) }
        }
    }

    struct Train: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Train the filter with messages known to be spam or ham.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "The files are spam.") var spam = false
        @Flag(help: "The files are ham (wanted mail).") var ham = false
        @Argument(help: "Message files (thousands are fine).") var files: [String]

        func validate() throws {
            guard spam != ham else { throw ValidationError("say exactly one of --spam or --ham") }
        }

        func run() async throws {
            let loaded = try global.loadConfig()
            let storage = try global.openStorage(loaded)
            var delta = TokenDelta()
            var trained = 0
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    printError("ticketd: cannot read \(file), skipped")
                    continue
                }
                delta.merge(TokenDelta(training: SpamTokenizer.default.tokens(for: MailMessage.parse([UInt8](data))), as: spam ? .spam : .ham))
                trained += 1
            }
            try storage.train(delta)
            let totals = try storage.messageTotals()
            print("trained \(trained) \(spam ? "spam" : "ham") messages; the filter now knows \(totals.spam) spam and \(totals.ham) ham")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Messages dropped as spam, newest first.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "How many.") var limit = 50
        @Flag(help: "Print a JSON array.") var json = false

        func run() async throws {
            let loaded = try global.loadConfig()
            let dropped = try global.openStorage(loaded).droppedMessages(key: "spam", limit: limit)
            if json {
                try printJSON(dropped)
                return
            }
            for message in dropped {
                print("\(message.id)\t\(message.receivedAt.formatted(.iso8601))\t\(message.from)\t\(message.subject)\t\(message.reason)")
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rescue a message dropped as spam: it becomes a ticket and trains the filter as ham.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The message id from `spam list`.") var id: Int64

        func run() async throws {
            let loaded = try global.loadConfig()
            let storage = try global.openStorage(loaded)
            guard let stored = try storage.rawMessage(id: id), stored.dropKey == "spam" else {
                printError("ticketd: message \(id) is not in the spam list (see `ticketd spam list`)")
                throw ExitCode(65)
            }
            try storage.forgetDropped(id: id)
            let daemon = TicketDaemon(loaded: loaded, storage: storage, clock: .system, logger: global.makeLogger())
            let outcome = try await daemon.release(raw: stored.raw, mailbox: stored.mailbox)
            _ = try await daemon.flushOutbox()
            if case let .stored(ticket?, _, _) = outcome {
                print("released message \(id) as ticket \(loaded.config.daemon.tagFormat.tag(for: ticket))")
            } else {
                print("released message \(id)")
            }
        }
    }
}
