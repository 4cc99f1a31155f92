import Testing
@testable import MailMessage

@Suite struct CharsetTests {
    @Test(arguments: [
        ("utf8", [0xC5, 0x91], "ő"),
        ("UTF-8", [0x68, 0x69], "hi"),
        ("latin2", [0xF5, 0xFB, 0xB3], "őűł"),
        ("iso8859-2", [0xF5], "ő"),
        ("ISO_8859-2", [0xF5], "ő"),
        ("cp1250", [0xF5, 0x9C], "őś"),
        ("1250", [0x8A], "Š"),
        ("windows-1250", [0xB9], "ą"),
        ("1252", [0x93, 0x61, 0x94], "“a”"),
        ("iso-8859-1", [0x93, 0xE9, 0x94], "“é”"),
        ("us-ascii", [0x80], "€"),
        ("\"ISO-8859-1\"", [0xE9], "é"),
        ("gb2312", [0xD6, 0xD0, 0xCE, 0xC4], "中文"),
        ("GB2312", [0x81, 0x30, 0x81, 0x30], "\u{80}"),
        ("koi8-r", [0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4], "Привет"),
        ("shift_jis", [0x93, 0xFA, 0x96, 0x7B], "日本"),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42], "日本"),
    ] as [(String, [UInt8], String)])
    func decodesDeclaredCharsets(label: String, input: [UInt8], expected: String) {
        let decoded = Charsets.decode(input, declared: label)
        #expect(decoded.text == expected)
        #expect(decoded.defect == nil)
    }

    @Test func iso88591WithUndefinedWindowsBytesFallsBackToLatin1() {
        let decoded = Charsets.decode([0x81, 0xE9], declared: "iso-8859-1")
        #expect(decoded.text == "\u{81}é")
        #expect(decoded.defect == nil)
    }

    @Test func unknownCharsetFallsBackThroughChain() {
        let utf8 = Charsets.decode([0xC5, 0x91], declared: "x-klingon")
        #expect(utf8.text == "ő")
        #expect(utf8.defect == .unknownCharset("x-klingon", fallback: "UTF-8"))
        let cp1250 = Charsets.decode([0xF5, 0xFB], declared: "x-klingon")
        #expect(cp1250.text == "őű")
        #expect(cp1250.defect == .unknownCharset("x-klingon", fallback: "Windows-1250"))
        #expect(cp1250.defect?.description == "unknown charset \"x-klingon\" (fell back to Windows-1250)")
    }

    @Test func invalidUTF8FallsBack() {
        let decoded = Charsets.decode([0x66, 0xF5, 0x72], declared: "utf-8")
        #expect(decoded.text == "főr")
        #expect(decoded.defect == .charsetMismatch(declared: "utf-8", decodedAs: "Windows-1250"))
    }

    @Test func lyingSingleByteCharsetThatIsReallyUTF8() {
        let decoded = Charsets.decode(Array("Zażółć".utf8), declared: "iso-8859-2")
        #expect(decoded.text == "Zażółć")
        #expect(decoded.defect == .charsetMismatch(declared: "iso-8859-2", decodedAs: "UTF-8"))
    }

    @Test func undeclaredUsesChainWithoutDefect() {
        #expect(Charsets.decode([0xE1], declared: nil).text == "á")
        #expect(Charsets.decode([0xE1], declared: nil).defect == nil)
        #expect(Charsets.decode([0xE1], declared: "unknown-8bit").defect == nil)
    }

    @Test func invalidMultibyteFallsBack() {
        let decoded = Charsets.decode([0xD6, 0xFF], declared: "shift_jis")
        #expect(decoded.defect != nil)
        #expect(!decoded.text.isEmpty)
    }

    @Test func garbageLabelsNeverReachIconvAsOptions() {
        let decoded = Charsets.decode([0xE9], declared: "UTF-8//TRANSLIT")
        #expect(decoded.defect == .unknownCharset("utf-8//translit", fallback: "Windows-1250"))
    }

    @Test func bodyCharsetDefectIsReported() {
        let message = MailMessage.parse(bytes("Content-Type: text/plain; charset=x-martian\n\ncaf{E9}"))
        #expect(message.textBody == "café")
        #expect(message.defects.contains(.unknownCharset("x-martian", fallback: "Windows-1250")))
    }
}
