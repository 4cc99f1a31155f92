import Foundation

/// Recognises ``CustomerCommand``s in a customer's subject and new text.
///
/// Words are compared after normalising: Unicode NFC, lower case, everything that is not a
/// letter or digit (punctuation, emoji) taken as a space, reply prefixes (`Re:`, `Vá:`, `Odp:`)
/// and our ticket tags removed from subjects. So `Re: [#42] CLOSE!`, `Lezárás.` and `zamknij`
/// all close.
///
/// Thanks must be all there is: greeting lines (`Hi Anna,`), closings (`Best regards`,
/// `Üdvözlettel`, `Pozdrawiam`) and a name (1–3 capitalised words) may stand around it, nothing
/// else — `Thanks, but it still fails` is a reply, `Köszönöm!\nPéter` is thanks.
public struct CustomerCommandReader: Sendable {
    /// The built-in close words per language.
    public static let builtInCloseWords: [String: [String]] = ["en": ["close"], "hu": ["lezárás"], "pl": ["zamknij"]]

    /// Thanks phrases in English, Hungarian and Polish, normalised.
    static let thanksPhrases: Set<String> = [
        "thanks", "thank you", "thanks a lot", "thanks so much", "thank you so much", "thank you very much", "many thanks",
        "thanks again", "thank you again", "thx", "ok thanks", "ok thank you", "great thanks", "perfect thanks",
        "köszönöm", "köszönöm szépen", "nagyon köszönöm", "köszönjük", "köszönjük szépen", "köszi", "köszi szépen", "köszike",
        "kösz", "rendben köszönöm", "ok köszönöm", "szuper köszönöm",
        "dziękuję", "dziękuję bardzo", "bardzo dziękuję", "dziękujemy", "serdecznie dziękuję", "dzięki", "dzięki wielkie",
        "wielkie dzięki", "ok dziękuję", "super dzięki",
    ]

    /// Sign-offs that may follow thanks, normalised.
    static let closings: Set<String> = [
        "regards", "best regards", "kind regards", "best", "br", "cheers", "all the best", "sent from my iphone",
        "üdvözlettel", "üdv", "tisztelettel", "további szép napot", "szép napot",
        "pozdrawiam", "z poważaniem", "pozdrowienia", "miłego dnia",
    ]

    /// First words of greeting lines that may precede thanks, normalised.
    static let greetings: Set<String> = ["hi", "hello", "dear", "hey", "szia", "sziasztok", "kedves", "jó", "üdv", "cześć", "witam", "dzień", "witaj"]

    /// The close words in effect (built-in and configured), normalised.
    public let closeWords: Set<String>
    /// The tag format whose tags are removed from subjects.
    public var tagFormat: TicketTagFormat

    /// A reader with the built-in close words plus `extraCloseWords` (language → words, `[customer_commands]`-style config).
    public init(extraCloseWords: [String: [String]] = [:], tagFormat: TicketTagFormat = TicketTagFormat()) {
        let all = Self.builtInCloseWords.merging(extraCloseWords) { $0 + $1 }.values.joined()
        closeWords = Set(all.map(Self.normalize).filter { !$0.isEmpty })
        self.tagFormat = tagFormat
    }

    /// The command in a customer's mail, or nil when it is an ordinary message.
    public func read(subject: String?, newText: String) -> CustomerCommand? {
        if let subject, closeWords.contains(Self.normalize(SubjectNormalizer.stripPrefixes(tagFormat.removingTags(from: subject)))) {
            return .close
        }
        let lines = newText.split(whereSeparator: \.isNewline).map { String($0) }.filter { !Self.normalize($0).isEmpty }
        if let first = lines.first, closeWords.contains(Self.normalize(first)) {
            return .close
        }
        return isBareThanks(lines) ? .thanks : nil
    }

    private func isBareThanks(_ lines: [String]) -> Bool {
        var rest = lines[...]
        if let first = rest.first, rest.count > 1, Self.isGreeting(first) { rest = rest.dropFirst() }
        while rest.count > 1, let last = rest.last {
            let normalized = Self.normalize(last)
            guard !Self.thanksPhrases.contains(normalized), Self.closings.contains(normalized) || Self.isName(Self.words(last)) else { break }
            rest = rest.dropLast()
        }
        guard rest.count == 1, let line = rest.first else { return false }
        let words = Self.words(line)
        let lowered = words.map { $0.lowercased() }
        for count in stride(from: min(lowered.count, 4), through: 1, by: -1)
        where Self.thanksPhrases.contains(lowered.prefix(count).joined(separator: " ")) {
            let after = Array(words.dropFirst(count))
            if after.isEmpty || Self.isName(after) || Self.closings.contains(after.joined(separator: " ").lowercased()) { return true }
        }
        return false
    }

    /// A name: one to three words, each a capital letter followed by letters.
    private static func isName(_ words: [String]) -> Bool {
        (1...3).contains(words.count) && words.allSatisfy { word in
            guard let first = word.first, first.isUppercase else { return false }
            return word.allSatisfy(\.isLetter)
        }
    }

    private static func isGreeting(_ line: String) -> Bool {
        let words = normalize(line).split(separator: " ")
        guard let first = words.first, words.count <= 4 else { return false }
        return greetings.contains(String(first))
    }

    /// The words of `text` in NFC, case kept, split at everything that is not a letter or digit.
    private static func words(_ text: String) -> [String] {
        text.precomposedStringWithCanonicalMapping
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
    }

    /// Lower-cased words of `text` joined by single spaces.
    static func normalize(_ text: String) -> String {
        words(text).joined(separator: " ").lowercased()
    }
}
