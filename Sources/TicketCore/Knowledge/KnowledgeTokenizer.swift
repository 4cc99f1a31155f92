import Foundation
/// Turns text into search terms for one language: lower-case words, stop-words dropped, and each
/// word cut to a light stem so inflected forms meet.
///
/// Hungarian and Polish inflect by suffix, so a word first loses the longest of its language's
/// common endings (keeping at least three letters), then is cut to its first ``stemLength``
/// letters: `számlát` and `számla` both become `szaml`, `faktury` and `faktura` both `faktu`,
/// `hasła` and `hasło` both `hasl`. English loses plural and verb endings the same way
/// (`invoices`, `invoice` → `invoi`). Stems are folded to letters without diacritics, because
/// customers often type without them (`szamlat` finds `számla`, `haslo` finds `hasło`).
/// Polish verbs take aspect prefixes (`zalogować` next to `logowanie`): a word with one also
/// yields the stem of the rest when that is long enough to stand alone.
enum KnowledgeTokenizer {
    /// Letters a stem keeps: long enough to tell words apart in a small help-desk vocabulary,
    /// short enough to join a Hungarian or Polish stem with its inflections.
    static let stemLength = 5

    static let suffixes: [String: [String]] = [
        "en": ["ing", "ed", "es", "s"],
        "hu": [
            "okat", "eket", "ükat", "akat", "nak", "nek", "ban", "ben", "ból", "ből", "ról", "ről", "hoz", "hez", "höz",
            "val", "vel", "ért", "kor", "ot", "et", "öt", "at", "ok", "ek", "ök", "ak", "om", "em", "am", "ja", "je", "t", "k",
        ],
        "pl": [
            "ami", "ach", "owi", "iem", "em", "om", "ów", "ie", "ii", "ą", "ę", "y", "i", "u", "a", "e", "o",
        ],
    ]

    static let stopWords: [String: Set<String>] = [
        "en": [
            "a", "an", "the", "and", "or", "is", "are", "was", "be", "to", "of", "in", "on", "at", "for", "with", "my", "me", "i",
            "you", "your", "we", "our", "it", "this", "that", "can", "could", "would", "please", "hello", "hi", "thanks", "thank",
            "regards", "do", "does", "not", "how", "what", "have", "has", "get", "from",
        ],
        "hu": [
            "a", "az", "és", "hogy", "nem", "van", "egy", "kérem", "köszönöm", "üdvözlettel", "tisztelt", "jó", "napot", "szia",
            "már", "még", "meg", "is", "de", "mert", "nekem", "ezt", "volt", "kell", "lenne", "hogyan", "tudok", "tudom", "nincs",
            "sem", "mi", "mit", "én", "ön", "ha", "ki", "le", "fel",
        ],
        "pl": [
            "i", "w", "nie", "się", "na", "jest", "że", "z", "do", "to", "proszę", "dziękuję", "pozdrawiam", "dzień", "dobry",
            "witam", "mam", "czy", "ale", "jak", "moje", "mój", "moja", "mi", "o", "a", "po", "od", "co", "mogę", "można",
        ],
    ]

    /// Polish verb prefixes, longest first.
    static let prefixes: [String: [String]] = [
        "pl": ["prze", "roz", "wy", "za", "po", "od", "do", "na", "u", "z", "s"],
    ]

    /// One language's word lists, with each ending and stop-word also in its form without
    /// diacritics (endings keep their order, so the longest still comes first).
    struct Language: Sendable {
        var stops: Set<String>
        var endings: [String]
        var prefixes: [String]

        init(_ language: String) {
            let stops = KnowledgeTokenizer.stopWords[language] ?? []
            self.stops = stops.union(stops.map(KnowledgeTokenizer.fold))
            var endings: [String] = []
            for ending in KnowledgeTokenizer.suffixes[language] ?? [] {
                for form in [ending, KnowledgeTokenizer.fold(ending)] where !endings.contains(form) { endings.append(form) }
            }
            self.endings = endings
            self.prefixes = KnowledgeTokenizer.prefixes[language] ?? []
        }
    }

    static let languages: [String: Language] = Dictionary(uniqueKeysWithValues: suffixes.keys.map { ($0, Language($0)) })

    /// The terms of `text` in `language`, in order; unknown languages only lower-case, cut and fold.
    static func terms(_ text: String, language: String) -> [String] {
        let words = languages[language] ?? Language(language)
        var terms: [String] = []
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let word = String(word)
            guard !words.stops.contains(word) else { continue }
            let whole = stem(word, endings: words.endings)
            terms.append(whole)
            if let prefix = words.prefixes.first(where: { word.hasPrefix($0) && word.count - $0.count >= stemLength + 1 }) {
                let rest = stem(String(word.dropFirst(prefix.count)), endings: words.endings)
                if rest != whole { terms.append(rest) }
            }
        }
        return terms
    }

    static func stem(_ word: String, endings: [String]) -> String {
        var stem = Substring(word)
        if let ending = endings.first(where: { stem.hasSuffix($0) && stem.count - $0.count >= 3 }) {
            stem = stem.dropLast(ending.count)
        }
        return fold(String(stem.prefix(stemLength)))
    }

    /// `word` without diacritics: `á` → `a`, `ő` → `o`, `ł` → `l` (which has no decomposition).
    static func fold(_ word: String) -> String {
        var folded = ""
        for scalar in word.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark: continue
            default: folded.unicodeScalars.append(scalar == "ł" ? "l" : scalar)
            }
        }
        return folded
    }
}
