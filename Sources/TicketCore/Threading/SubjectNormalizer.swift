import Foundation

/// Reduces a subject to what stays the same across a conversation, for the subject fallback of threading.
///
/// Reply and forward prefixes come from one table each, in the languages our customers' clients
/// use (English, German, Nordic, Dutch, Hungarian, Polish, Italian, French, Spanish, Czech);
/// repeated and counted forms (`Re: Re:`, `Re[2]:`, `RE(3):`) and mailing-list tags (`[list]`) go too.
public enum SubjectNormalizer {
    /// Prefixes of replies.
    static let replyPrefixes = ["re", "aw", "sv", "vs", "odp", "odp.", "rif", "r", "antw", "antwort", "vá", "va", "válasz", "ref", "res", "ynt", "atb", "odg"]
    /// Prefixes of forwards.
    static let forwardPrefixes = ["fw", "fwd", "wg", "tr", "pd", "továbbítás", "továbbítva", "tov", "enc", "i", "doorst", "vl", "rv", "fs", "přeposlat", "fwd."]

    /// The lower-cased subject without prefixes, ticket tags, list tags and extra spaces.
    public static func normalize(_ subject: String, tagFormat: TicketTagFormat) -> String {
        var result = tagFormat.removingTags(from: subject)
        result = stripPrefixes(result)
        while result.hasPrefix("["), let close = result.firstIndex(of: "]") {
            result = String(result[result.index(after: close)...])
            result = stripPrefixes(result)
        }
        return result.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `subject` without leading reply/forward prefixes (any number of them), case kept.
    public static func stripPrefixes(_ subject: String) -> String {
        var rest = Substring(subject).drop { $0.isWhitespace }
        while let next = droppingOnePrefix(rest) {
            rest = next.drop { $0.isWhitespace }
        }
        return String(rest)
    }

    private static func droppingOnePrefix(_ text: Substring) -> Substring? {
        guard let colon = text.prefix(24).firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        var word = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        if let open = word.firstIndex(where: { $0 == "[" || $0 == "(" }), word.last == "]" || word.last == ")" {
            let count = word[word.index(after: open)..<word.index(before: word.endIndex)]
            guard count.allSatisfy(\.isNumber) else { return nil }
            word = String(word[..<open]).trimmingCharacters(in: .whitespaces)
        }
        guard replyPrefixes.contains(word) || forwardPrefixes.contains(word) else { return nil }
        return text[text.index(after: colon)...]
    }
}
