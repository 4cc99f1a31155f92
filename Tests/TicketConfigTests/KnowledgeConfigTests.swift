import Foundation
import Testing
import TicketCore
@testable import TicketConfig

@Suite("[kb]")
struct KnowledgeConfigTests {
    /// The minimal config takes 14 lines: `extra` starts on line 16.
    func load(_ extra: String) throws(ConfigError) -> LoadedConfig {
        try ConfigLoader.parse(source: ConfigLoaderTests.minimal + "\n\n" + extra, path: "/etc/ticketd/ticketd.toml")
    }

    func issues(_ extra: String) -> [String] {
        do {
            _ = try load(extra)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// The shipped sample articles, `config/kb`.
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/kb").standardized.path

    @Test func noKnowledgeBaseByDefault() throws {
        let knowledge = try load("").config.knowledge
        #expect(knowledge.directory == nil && knowledge.suggest == 0 && knowledge.base.articles.isEmpty)
    }

    @Test func readsTheShippedArticles() throws {
        let knowledge = try load("[kb]\ndirectory = \"\(Self.shipped)\"\nsuggest = 3\n").config.knowledge
        #expect(knowledge.suggest == 3)
        #expect(knowledge.base.slugs == ["invoice-download", "password-reset", "vpn-setup"])
        #expect(knowledge.base.slugs.allSatisfy { knowledge.base.languages(of: $0) == ["en", "hu", "pl"] })
        #expect(knowledge.base.article(slug: "invoice-download", language: "hu", fallback: "en")?.article.title == "Számlák letöltése")
    }

    @Test(arguments: ["11", "-1", "\"3\"", "2.5"])
    func suggestIsZeroToTen(_ value: String) {
        #expect(issues("[kb]\nsuggest = \(value)\n") == [
            "/etc/ticketd/ticketd.toml:17:1: 'suggest' is how many articles an acknowledgement suggests, a whole number from 0 to 10",
        ])
    }

    @Test func aMissingDirectoryIsAnError() {
        #expect(issues("[kb]\ndirectory = \"kb-nowhere\"\n") == [
            "/etc/ticketd/ticketd.toml:17:1: cannot read the knowledge base directory '/etc/ticketd/kb-nowhere' (missing or not readable)",
        ])
    }

    @Test func anArticleWithoutATitleIsAnErrorAtItsFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("en"), withIntermediateDirectories: true)
        try "# Fine\n\nbody".write(to: directory.appendingPathComponent("en/fine.md"), atomically: true, encoding: .utf8)
        try "no title\n".write(to: directory.appendingPathComponent("en/untitled.md"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("en/notes.txt"), atomically: true, encoding: .utf8)
        #expect(issues("[kb]\ndirectory = \"\(directory.path)\"\n") == [
            "\(directory.path)/en/untitled.md:1:1: the article 'untitled' (en) must start with its title on the first line, as '# Title'",
        ])
    }
}
