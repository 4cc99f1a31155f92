import Testing
@testable import TicketCore

/// The same-text guard signs only texts long enough to mean something (`same_text_min_words`).
@Suite("Same-text signature")
struct SameTextSignatureTests {
    @Test(arguments: [
        ("", 0, true), ("", 1, false), ("one", 1, true), ("  one\r\ntwo\tthree ", 3, true), ("one two", 3, false),
        ("jó\u{2003}napot\u{00A0}kérem", 3, true), ("a\u{0B}b\u{0C}c", 3, true), ("żółć", 2, false),
    ])
    func wordsAreCountedBetweenWhitespace(text: String, count: Int, expected: Bool) {
        #expect(DeskCore.hasWords(text, atLeast: count) == expected)
        #expect(DeskCore.hasWords(text, atLeast: count) == (text.split(whereSeparator: \.isWhitespace).count >= count), "as splitting on whitespace says")
    }

    @Test func aShortTextIsNotSigned() {
        #expect(DeskCore.signature("Please help.", minimumWords: 12).isEmpty)
        #expect(!DeskCore.signature(Array(repeating: "word", count: 12).joined(separator: " "), minimumWords: 12).isEmpty)
    }
}
