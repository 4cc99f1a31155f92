import ArgumentParser
import TicketConfig
import TicketCore

/// `ticketd kb`: the articles of `[kb] directory`, as the desk sees them.
struct KnowledgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb", abstract: "The knowledge-base articles of [kb] directory: list them, or try a search before customers see its suggestions.",
        subcommands: [List.self, Search.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every article: its slug, languages and title in each.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print a JSON array of {\"slug\", \"languages\", \"titles\"}.") var json = false

        struct Entry: Encodable {
            var slug: String
            var languages: [String]
            /// Title by language.
            var titles: [String: String]
        }

        func run() async throws {
            let base = try global.loadConfig().config.knowledge.base
            let entries = base.slugs.map { slug in
                let articles = base.articles.filter { $0.slug == slug }
                return Entry(slug: slug, languages: articles.map(\.language), titles: Dictionary(uniqueKeysWithValues: articles.map { ($0.language, $0.title) }))
            }
            if json {
                try printJSON(entries)
                return
            }
            for entry in entries {
                print("\(entry.slug) (\(entry.languages.joined(separator: ", ")))")
                for language in entry.languages { print("  \(language): \(entry.titles[language] ?? "")") }
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The ten articles matching TEXT best, as acknowledgements would suggest them; nothing below the relevance threshold.")

        /// The most results printed.
        static let limit = 10

        @OptionGroup var global: GlobalOptions
        @Option(help: "Search only articles in this language (default: every language).") var lang: String?
        @Flag(help: "Print a JSON array of {\"slug\", \"language\", \"title\", \"score\"}.") var json = false
        @Argument(help: "The request text.") var text: String

        struct Entry: Encodable {
            var slug: String
            var language: String
            var title: String
            var score: Double
        }

        func run() async throws {
            let base = try global.loadConfig().config.knowledge.base
            let entries = base.search(text, language: lang, limit: Self.limit).map {
                Entry(slug: $0.article.slug, language: $0.article.language, title: $0.article.title, score: ($0.score * 1000).rounded() / 1000)
            }
            if json {
                try printJSON(entries)
                return
            }
            if entries.isEmpty { print("no article matches") }
            for entry in entries {
                print("\(entry.slug) [\(entry.language)] \(entry.title) (score \(entry.score))")
            }
        }
    }
}
