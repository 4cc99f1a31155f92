/// Turns text into search terms for one language: lower-case words, stop-words dropped, and each
/// word cut to a light stem so inflected forms meet.
///
/// Diacritics are kept (`számla` and `szamla` stay different words). Hungarian and Polish inflect
/// by suffix, so a word first loses the longest of its language's common endings (keeping at least
/// three letters), then is cut to its first ``stemLength`` letters: `számlát` and `számla` both
/// become `száml`, `faktury` and `faktura` both `faktu`, `hasła` and `hasło` both `hasł`. English
/// loses plural and verb endings the same way (`invoices`, `invoice` → `invoi`).
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

    /// The terms of `text` in `language`, in order; unknown languages only lower-case and cut.
    static func terms(_ text: String, language: String) -> [String] {
        let stops = stopWords[language] ?? []
        let endings = suffixes[language] ?? []
        return text.lowercased().split { !$0.isLetter && !$0.isNumber }.compactMap { word in
            let word = String(word)
            guard !stops.contains(word) else { return nil }
            return stem(word, endings: endings)
        }
    }

    static func stem(_ word: String, endings: [String]) -> String {
        var stem = Substring(word)
        if let ending = endings.first(where: { stem.hasSuffix($0) && stem.count - $0.count >= 3 }) {
            stem = stem.dropLast(ending.count)
        }
        return String(stem.prefix(stemLength))
    }
}
