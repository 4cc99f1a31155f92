import Foundation
import TicketCore

/// Reads `<directory>/<lang>/<slug>.md` files into a ``KnowledgeBase``: the only code that touches
/// the knowledge-base folder.
///
/// Hidden entries and files not ending in `.md` are skipped. A file that is not UTF-8 or does not
/// start with `# Title` is an issue at that file's first line; the other files still load.
public struct KnowledgeBaseLoader {
    /// The folder holding one subfolder per language.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The articles found and the files that are not articles; nil when `directory` cannot be read.
    public func load() -> (base: KnowledgeBase, issues: [ConfigIssue])? {
        let manager = FileManager.default
        guard let languages = try? manager.contentsOfDirectory(atPath: directory) else { return nil }
        var articles: [KnowledgeArticle] = []
        var issues: [ConfigIssue] = []
        for language in languages.sorted() where !language.hasPrefix(".") {
            let folder = (directory as NSString).appendingPathComponent(language)
            guard let files = try? manager.contentsOfDirectory(atPath: folder) else { continue }
            for file in files.sorted() where file.hasSuffix(".md") && !file.hasPrefix(".") {
                let path = (folder as NSString).appendingPathComponent(file)
                guard let data = manager.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    issues.append(ConfigIssue(file: path, line: 1, column: 1, message: "cannot read the article as UTF-8 text"))
                    continue
                }
                do {
                    articles.append(try KnowledgeArticle(slug: String(file.dropLast(3)), language: language, markdown: text))
                } catch {
                    issues.append(ConfigIssue(file: path, line: 1, column: 1, message: error.description))
                }
            }
        }
        return (KnowledgeBase(articles: articles), issues)
    }
}
