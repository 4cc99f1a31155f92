/// RFC 2047 encoded words: tolerant decoding of `=?charset?B|Q?text?=` and UTF-8 encoding for outgoing headers.
enum EncodedWords {
    private enum Scan {
        case word(charset: String, bytes: [UInt8], end: Int)
        case notWord(failedUntil: Int)
        case noTerminator
    }

    /// Decodes every encoded word in `value`.
    ///
    /// Whitespace between adjacent encoded words is dropped; adjacent words in the same charset are joined
    /// before decoding so multi-byte characters split across words survive. Unknown charsets fall back to
    /// UTF-8 → Windows-1250 → ISO-8859-1; malformed words are kept as written.
    static func decode(_ value: String) -> String {
        guard value.utf8.count >= 8, value.mayContainEncodedWord else { return value }
        let bytes = Array(value.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        var pendingWhitespace: [UInt8] = []
        var afterWord = false
        var searchDisabled = false
        var failedUntil = 0
        var index = 0

        func flush() {
            guard let charset = pendingCharset else { return }
            out.append(contentsOf: Charsets.decode(pendingBytes, declared: charset).text.utf8)
            pendingCharset = nil
            pendingBytes.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="), !searchDisabled, index >= failedUntil, index + 1 < bytes.count,
               bytes[index + 1] == UInt8(ascii: "?") {
                switch scanWord(bytes, at: index) {
                case .word(let charset, let decoded, let end):
                    if let current = pendingCharset, !Charsets.sameCharset(current, charset) {
                        flush()
                    }
                    if pendingCharset == nil { pendingCharset = charset }
                    pendingBytes.append(contentsOf: decoded)
                    pendingWhitespace.removeAll(keepingCapacity: true)
                    afterWord = true
                    index = end
                    continue
                case .notWord(let until):
                    failedUntil = until
                case .noTerminator:
                    searchDisabled = true
                }
            }
            if afterWord {
                if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A {
                    pendingWhitespace.append(byte)
                    index += 1
                    continue
                }
                flush()
                out.append(contentsOf: pendingWhitespace)
                pendingWhitespace.removeAll(keepingCapacity: true)
                afterWord = false
            }
            out.append(byte)
            index += 1
        }
        flush()
        out.append(contentsOf: pendingWhitespace)
        return String(decoding: out, as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Scans one encoded word starting at `start` (which holds `=?`).
    private static func scanWord(_ bytes: [UInt8], at start: Int) -> Scan {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            if isSpace(bytes[index]) || index - charsetStart > 64 { return .notWord(failedUntil: index) }
            index += 1
        }
        guard index > charsetStart, index + 2 < bytes.count else {
            return index >= bytes.count ? .noTerminator : .notWord(failedUntil: index)
        }
        let charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"), bytes[index + 2] == UInt8(ascii: "?") else {
            return .notWord(failedUntil: index)
        }
        let textStart = index + 3
        index = textStart
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "?"), bytes[index + 1] == UInt8(ascii: "=") {
                let text = bytes[textStart..<index]
                let decoded = encoding == UInt8(ascii: "b")
                    ? TransferCoding.decodeBase64(text).bytes
                    : TransferCoding.decodeQuotedPrintable(text, underscoreIsSpace: true).bytes
                return .word(charset: charset, bytes: decoded, end: index + 2)
            }
            if isSpace(bytes[index]) { return .notWord(failedUntil: index) }
            index += 1
        }
        return .noTerminator
    }

    /// Whether `text` must be sent as encoded words: non-ASCII, controls, `=?`, or a word too long to fold.
    static func needsEncoding(_ text: String) -> Bool {
        var wordLength = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte >= 0x7F || (byte < 0x20 && byte != 0x09) { return true }
            if previous == UInt8(ascii: "="), byte == UInt8(ascii: "?") { return true }
            wordLength = byte == 0x20 ? 0 : wordLength + 1
            if wordLength > 70 { return true }
            previous = byte
        }
        return false
    }

    private static let qSafe: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/".utf8))
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes `text` as UTF-8 encoded words of at most 75 characters each, split on character boundaries.
    ///
    /// Chooses Q for mostly-ASCII text and B otherwise. Q output is safe in phrases (display names) too.
    /// `firstWordLimit` caps the length of the first word so it fits after a header name.
    static func encode(_ text: String, firstWordLimit: Int = 75) -> [String] {
        let bytes = Array(text.utf8)
        let unsafeCount = bytes.reduce(0) { $0 + (qSafe.contains($1) || $1 == 0x20 ? 0 : 1) }
        let useB = unsafeCount * 3 > bytes.count
        let prefix = useB ? "=?utf-8?B?" : "=?utf-8?Q?"
        let overhead = prefix.utf8.count + 2
        var budget = max(min(firstWordLimit, 75), overhead + 12) - overhead
        var words: [String] = []
        var chunk: [UInt8] = []

        func encodedLength(_ piece: [UInt8]) -> Int {
            useB ? (piece.count + 2) / 3 * 4 : piece.reduce(0) { $0 + (qSafe.contains($1) || $1 == 0x20 ? 1 : 3) }
        }
        func emit() {
            guard !chunk.isEmpty else { return }
            let body = useB ? TransferCoding.encodeBase64(chunk) : qEncode(chunk)
            words.append(prefix + body + "?=")
            chunk.removeAll(keepingCapacity: true)
            budget = 75 - overhead
        }
        func add(_ piece: [UInt8]) {
            if encodedLength(chunk + piece) > budget {
                if chunk.isEmpty { budget = 75 - overhead } else { emit() }
            }
            chunk.append(contentsOf: piece)
        }

        for character in text {
            let piece = Array(String(character).utf8)
            if encodedLength(piece) <= 75 - overhead {
                add(piece)
            } else {
                for scalar in character.unicodeScalars {
                    add(Array(String(scalar).utf8))
                }
            }
        }
        emit()
        return words
    }

    private static func qEncode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            if byte == 0x20 {
                out.append(UInt8(ascii: "_"))
            } else if qSafe.contains(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "="))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
