import Foundation
import Ink
import MailMessage

/// One knowledge-base article in one language: `<kb.directory>/<language>/<slug>.md`.
///
/// The same slug in several languages is one article; each language is its own value.
public struct KnowledgeArticle: Sendable, Equatable {
    /// The file name without `.md`, e.g. `invoice-download`; what `#kb SLUG` names.
    public var slug: String
    /// The folder it came from, e.g. `hu`.
    public var language: String
    /// The text of the first line, `# Title`, without the `#`.
    public var title: String
    /// The Markdown after the title line.
    public var body: String

    /// An article from the text of its file, whose first line must be `# Title`.
    ///
    /// ```swift
    /// let article = try KnowledgeArticle(slug: "vpn-setup", language: "en", markdown: "# Setting up the VPN\n\nInstall …")
    /// article.title // "Setting up the VPN"
    /// ```
    public init(slug: String, language: String, markdown: String) throws(KnowledgeArticleError) {
        var text = Substring(markdown)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        let firstLine = text.prefix { !$0.isNewline }
        let title = firstLine.dropFirst(2).trimmingCharacters(in: .whitespaces)
        guard firstLine.hasPrefix("# "), !title.isEmpty else {
            throw .missingTitle(slug: slug, language: language)
        }
        self.slug = slug
        self.language = language
        self.title = title
        self.body = String(text.dropFirst(firstLine.count).drop { $0.isNewline })
    }

    /// The whole article (title as a top-level heading, then the body) as HTML, rendered by Ink:
    /// the HTML part of a multipart/alternative message.
    public var html: String {
        MarkdownParser().html(from: markdown)
    }

    /// The body without the title as HTML: an article listed under its title in a mail.
    public var bodyHTML: String {
        MarkdownParser().html(from: body)
    }

    /// The whole article as plain text: Ink's HTML turned into text by the same converter that
    /// reads HTML-only mail (`HTMLText`), so paragraphs, lists and links (`text (url)`) come out
    /// the way customers' mail readers show them.
    public var plainText: String {
        HTMLText.convert(html)
    }

    /// The file's Markdown: `# Title`, a blank line, the body.
    public var markdown: String {
        "# \(title)\n\n\(body)"
    }
}

/// Why a knowledge-base file is not an article.
public enum KnowledgeArticleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The first line is not `# Title`.
    case missingTitle(slug: String, language: String)

    /// A message saying how to fix the file.
    public var description: String {
        switch self {
        case .missingTitle(let slug, let language):
            "the article '\(slug)' (\(language)) must start with its title on the first line, as '# Title'"
        }
    }
}
