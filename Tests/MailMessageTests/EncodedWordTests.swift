import Testing
@testable import MailMessage

@Suite struct EncodedWordTests {
    @Test(arguments: [
        ("=?utf-8?Q?Hell=C3=B3_vil=C3=A1g?=", "Helló világ"),
        ("=?UTF-8?B?SGVsbMOzIHZpbMOhZw==?=", "Helló világ"),
        ("=?utf-8?b?SGVsbMOzIHZpbMOhZw?=", "Helló világ"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?utf-8?q?a?=\r\n =?utf-8?q?_b?=", "a b"),
        ("pre =?utf-8?q?a?= post", "pre a post"),
        ("=?utf-8?B?xQ==?= =?utf-8?B?kQ==?=", "ő"),
        ("=?iso-8859-2?q?=F5?= =?utf-8?q?=C5=91?=", "őő"),
        ("=?iso-8859-2*hu?Q?=B3?=", "ł"),
        ("=?windows-1250?Q?Kov=E1cs?= <x@y>", "Kovács <x@y>"),
        ("=?gb2312?B?1tDOxA==?=", "中文"),
        ("=?x-nonsense?q?caf=C3=A9?=", "café"),
        ("=?utf-8?x?abc?=", "=?utf-8?x?abc?="),
        ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
        ("=? broken ?= and =?utf-8?q?ok?=", "=? broken ?= and ok"),
        ("word=?utf-8?q?=C3=A9?=word", "wordéword"),
        ("plain text", "plain text"),
        ("=?utf-8?q?Re:_?= hi", "Re:  hi"),
    ])
    func decodes(input: String, expected: String) {
        #expect(EncodedWords.decode(input) == expected)
    }

    /// A quadratic decoder would run for minutes here and hit the time limit.
    @Test(.timeLimit(.minutes(1))) func pathologicalInputIsLinear() {
        let hostile = String(repeating: "=?a?q?x", count: 20_000) + " end"
        #expect(EncodedWords.decode(hostile) == hostile)
    }

    @Test(arguments: ["Árvíztűrő tükörfúrógép", "Zażółć gęślą jaźń", "🎉👨‍👩‍👧‍👦 emoji", "中文字符测试" + String(repeating: "長", count: 80),
                      String(repeating: "e\u{301}", count: 60), "plain = ? _ text"])
    func encodesWithinLimitsAndRoundTrips(text: String) {
        let words = EncodedWords.encode(text)
        #expect(words.allSatisfy { $0.utf8.count <= 75 })
        #expect(EncodedWords.decode(words.joined(separator: "\r\n ")) == text)
    }
}
