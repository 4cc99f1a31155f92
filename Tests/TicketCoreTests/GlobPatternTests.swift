import Testing
@testable import TicketCore

@Suite("GlobPattern")
struct GlobPatternTests {
    @Test(arguments: [
        ("*", "", true),
        ("*", "anything", true),
        ("", "", true),
        ("", "a", false),
        ("a*b*c", "abc", true),
        ("a*b*c", "axxbyyc", true),
        ("a*b*c", "axxbyy", false),
        ("*@example.com", "x@example.com", true),
        ("*@example.com", "x@example.com.evil", false),
        ("?", "ő", true),
        ("?", "ab", false),
        ("*ő*", "vőlegény", true),
        ("\\*", "*", true),
        ("\\*", "a", false),
        ("a\\?", "a?", true),
        ("a\\?", "ab", false),
        ("a\\", "a\\", true),
        ("**a", "bba", true),
        ("*?b", "ab", true),
        ("*?b", "b", false),
        ("a*?*c", "abc", true),
        ("a*?*c", "ac", false),
        ("*ó?ź", "łódź", true),
        ("*ó?ź", "łóź", false),
        ("a*a", "a", false),
        ("*ab*ab*", "xabyab", true),
        ("*ab*ab*", "xaby", false),
    ])
    func matches(pattern: String, value: String, expected: Bool) {
        #expect(GlobPattern(folded: Array(pattern.utf8)).matches(Array(value.utf8)) == expected)
    }

    @Test func manyStarsOnALongValueStayFast() {
        let pattern = GlobPattern(folded: Array((String(repeating: "*a", count: 20) + "*b").utf8))
        let value = Array(String(repeating: "a", count: 20_000).utf8)
        let clock = ContinuousClock()
        var result = true
        let elapsed = clock.measure { result = pattern.matches(value) }
        #expect(!result)
        #expect(elapsed < .seconds(1))
    }
}

@Suite("TextFolding")
struct TextFoldingTests {
    @Test(arguments: [
        ("ABC xyz", "abc xyz"),
        ("ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP", "árvíztűrő tükörfúrógép"),
        ("ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "zażółć gęślą jaźń"),
        ("SZA\u{301}MLA", "számla"),
        ("Straße", "strasse"),
        ("ẞ", "ss"),
    ])
    func folds(text: String, expected: String) {
        #expect(TextFolding.folded(text) == Array(expected.utf8))
    }

    @Test func normalizesToNFC() {
        #expect(Array(TextFolding.normalized("Sza\u{301}mla").utf8) == Array("Számla".utf8))
        #expect(TextFolding.normalized("Łódź") == "Łódź")
    }
}
