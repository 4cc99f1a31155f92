import Foundation

/// A mail body made of plain text and knowledge-base articles.
///
/// The text/plain part joins every part as text. When at least one article is present the mail
/// also gets a text/html alternative: the text parts escaped into paragraphs, each article as the
/// HTML its Markdown renders to, so a mail reader shows the article's headings, lists and links.
///
/// ```swift
/// let body = MailBody([.text("Here is how:"), .article(text: article.plainText, html: article.html)])
/// body.text // "Here is how:\n\n" + the article as text
/// body.html // "<!DOCTYPE html>…<p>Here is how:</p>…<h1>…"
/// ```
public struct MailBody: Sendable, Equatable {
    /// One piece of the body.
    public enum Part: Sendable, Equatable {
        /// Text written by a person or a template, shown as is.
        case text(String)
        /// An article: its plain-text rendering and its HTML rendering (trusted: written by the desk's admins).
        case article(text: String, html: String)
    }

    public var parts: [Part]
    /// What `text` puts between parts.
    public var separator: String

    /// `parts`, with empty text parts left out, separated by an empty line in the text.
    public init(_ parts: [Part]) {
        self.parts = parts.filter { if case let .text(text) = $0 { !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } else { true } }
        self.separator = "\n\n"
    }

    /// Every part as text.
    public var text: String {
        parts.map { part in
            switch part {
            case let .text(text): text
            case let .article(text, _): text
            }
        }.joined(separator: separator)
    }

    /// The HTML alternative; nil when there is no article (a plain-text mail needs none).
    public var html: String? {
        guard parts.contains(where: { if case .article = $0 { true } else { false } }) else { return nil }
        let content = parts.map { part in
            switch part {
            case let .text(text): Self.paragraphs(text)
            case let .article(_, html): "<div style=\"border-left:3px solid #ccc;padding-left:1em;margin:1em 0\">\n\(html)\n</div>"
            }
        }.joined(separator: "\n")
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n<body>\n\(content)\n</body></html>\n"
    }

    /// A template's rendered text in which each article's text was replaced by its `marker`:
    /// the text between markers becomes text parts, each marker its article. Markers that are not
    /// in `rendered` (a template that leaves the articles out) add nothing. `text` is `rendered`
    /// with each marker replaced by its article's text, exactly as the template laid it out.
    public init(rendered: String, articles: [(marker: String, text: String, html: String)]) {
        var parts: [Part] = []
        var rest = Substring(rendered)
        while let next = articles.compactMap({ article in rest.range(of: article.marker).map { (article: article, range: $0) } })
            .min(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            parts.append(.text(String(rest[..<next.range.lowerBound])))
            parts.append(.article(text: next.article.text, html: next.article.html))
            rest = rest[next.range.upperBound...]
        }
        parts.append(.text(String(rest)))
        self.parts = parts
        self.separator = ""
    }

    /// `text` escaped for HTML: blank lines separate paragraphs, single line breaks stay breaks.
    static func paragraphs(_ text: String) -> String {
        text.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .newlines) }
            .filter { !$0.isEmpty }
            .map { "<p>" + escape($0).replacingOccurrences(of: "\n", with: "<br>\n") + "</p>" }
            .joined(separator: "\n")
    }

    /// `&`, `<`, `>` and `"` as HTML entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
