import Foundation
import Testing
@testable import TicketCore

/// The scalar word scanner gives the words the grapheme-based split gave, so signatures stored
/// before it still match, and the language detector still decides the same.
@Suite("Word scanning by Unicode scalar")
struct WordScanTests {
    /// The split the signatures were made with before: by Character.
    static func graphemeWords(_ text: String, foldingNumbers: Bool) -> [String] {
        text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !($0.isLetter || $0.isNumber) }
            .map { word in foldingNumbers && word.contains(where: \.isNumber) ? "0" : String(word) }
    }

    static let texts: [String] = [
        NearDuplicateTextTests.lottery, NearDuplicateTextTests.lotteryShouting, NearDuplicateTextTests.printer,
        NearDuplicateTextTests.hungarian, NearDuplicateTextTests.hungarianNoAccents, NearDuplicateTextTests.hungarianOther,
        NearDuplicateTextTests.polish, NearDuplicateTextTests.polishOther,
        "ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP, zażółć gęślą jaźń — ŁÓDŹ!",
        "Decomposed: A\u{301}rvi\u{301}ztu\u{30B}ro\u{30B} and e\u{328} and plain",
        "Numbers: order #A-4411/2026, 12.5%, ½ cup, Ⅻ chapter, ١٢٣ arabic, 一二三 kanji",
        "Emoji 🎉👍🏽 family 👨‍👩‍👧 flags 🇭🇺🇵🇱 keycap 1️⃣ done",
        "Tabs\tand\r\nCRLF\u{00A0}nbsp\u{200B}zwsp\u{FEFF}bom",
        "Ligatures ﬁne ﬂow, fullwidth ＡＢＣ１２３, superscript x² and ℌ",
        "Greek Καλημέρα, Cyrillic Здравствуйте, Hindi नमस्ते, Thai สวัสดี",
        "", "   ", "!!!", "a", "İstanbul ß STRASSE",
    ]

    @Test(arguments: texts)
    func theSameWordsAsByGrapheme(text: String) {
        for folding in [true, false] {
            #expect(NearDuplicateText.words(text, foldingNumbers: folding) == Self.graphemeWords(text, foldingNumbers: folding), "\(text)")
        }
    }

    @Test func everyASCIIByteIsScannedLikeTheGraphemeSplit() {
        let text = String(decoding: (0..<128).map { UInt8($0) } + Array(" Mixed CASE words 42x".utf8), as: UTF8.self)
        #expect(NearDuplicateText.words(text) == Self.graphemeWords(text, foldingNumbers: true))
    }

    @Test(arguments: [
        ("Hello, my printer is broken. Can you please help? Thanks", "en"),
        ("Jó napot! Kérem, nézzék meg a számlát, mert nem egyezik. Köszönöm", "hu"),
        ("Jo\u{301} napot! Ke\u{301}rem, ne\u{301}zze\u{301}k meg a sza\u{301}mla\u{301}t, mert nem egyezik o\u{30B}", "hu"),
        ("Dzień dobry, proszę o fakturę, nie mam jej. Pozdrawiam", "pl"),
        ("Dzien\u{301} dobry, prosze\u{328} o fakture\u{328}, nie mam jej. Pozdrawiam", "pl"),
    ])
    func decomposedTextIsDetectedLikeComposed(text: String, language: String) {
        #expect(LanguageDetector.detect(text) == language)
    }
}
