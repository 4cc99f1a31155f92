import Foundation

/// Guesses whether a text is English, Hungarian or Polish from frequent words and letters.
///
/// Small and predictable: counts stop-words and language-specific letters (ő/ű for Hungarian,
/// ł/ą/ę/ś/ć/ń/ź/ż for Polish); returns nil when the evidence is too thin to prefer one.
public enum LanguageDetector {
    static let stopWords: [String: Set<String>] = [
        "en": ["the", "and", "is", "are", "to", "of", "please", "thank", "thanks", "you", "my", "not", "with", "have", "this", "it", "for", "hello", "hi", "regards", "we", "our", "can", "would"],
        "hu": ["a", "az", "és", "hogy", "nem", "van", "egy", "kérem", "köszönöm", "üdvözlettel", "tisztelt", "jó", "napot", "szia", "már", "még", "meg", "is", "de", "mert", "nekem", "ezt", "volt", "kell", "lenne", "számla", "rendelés"],
        "pl": ["i", "w", "nie", "się", "na", "jest", "że", "z", "do", "to", "proszę", "dziękuję", "pozdrawiam", "dzień", "dobry", "witam", "mam", "czy", "ale", "jak", "moje", "zamówienie", "faktura", "problem"],
    ]
    static let letters: [String: Set<Unicode.Scalar>] = [
        "hu": ["ő", "ű", "Ő", "Ű"],
        "pl": ["ł", "ą", "ę", "ś", "ć", "ń", "ź", "ż", "Ł", "Ś", "Ż", "Ź"],
    ]

    /// The most likely of `en`, `hu`, `pl`, or nil.
    ///
    /// Looks at the first 400 words and 4,000 characters, scanned by Unicode scalar
    /// (``WordScalar``); decomposed text (some clients send "ő" as o + a combining accent) is
    /// composed first.
    public static func detect(_ text: String) -> String? {
        let text = text.unicodeScalars.contains { (0x300...0x36F).contains($0.value) } ? text.precomposedStringWithCanonicalMapping : text
        var scores: [String: Double] = ["en": 0, "hu": 0, "pl": 0]
        var counted = 0
        var word = String.UnicodeScalarView()
        func score() {
            guard !word.isEmpty else { return }
            let lowercased = String(word).lowercased()
            for (language, list) in stopWords where list.contains(lowercased) { scores[language, default: 0] += 1 }
            word.removeAll(keepingCapacity: true)
            counted += 1
        }
        for scalar in text.unicodeScalars {
            switch WordScalar(scalar) {
            case .letter: word.append(scalar)
            case .mark where !word.isEmpty: word.append(scalar)
            case .mark, .digit, .separator: score()
            }
            if counted == 400 { break }
        }
        if counted < 400 { score() }
        for scalar in text.unicodeScalars.prefix(4000) where scalar.value >= 0x80 {
            for (language, set) in letters where set.contains(scalar) { scores[language, default: 0] += 1.5 }
        }
        let ranked = scores.sorted { $0.value > $1.value }
        guard let best = ranked.first, best.value >= 2, best.value > ranked[1].value * 1.3 else { return nil }
        return best.key
    }
}
