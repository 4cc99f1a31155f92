extension String {
    /// Removes leading and trailing ASCII spaces, tabs, CR and LF (plus any `extra` ASCII characters).
    func trimmingASCIIWhitespace(extra: String = "") -> String {
        let trimmed = self[...].trimmingASCIIWhitespace(extra: extra)
        if trimmed.startIndex == startIndex, trimmed.endIndex == endIndex { return self }
        return String(trimmed)
    }

    /// Replaces every CR, LF and NUL with a space so the value can never start a new header line.
    var neutralizingLineBreaks: String {
        guard utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else { return self }
        return String(decoding: utf8.map { ($0 == 0x0D || $0 == 0x0A || $0 == 0x00) ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Converts CRLF and lone CR line ends to LF.
    var normalizingNewlines: String {
        var text = self
        return text.withUTF8 { source -> String in
            guard let firstCR = source.firstIndex(of: 0x0D) else { return self }
            return String(unsafeUninitializedCapacity: source.count) { out -> Int in
                var written = 0
                var index = 0
                while index < firstCR {
                    out[written] = source[index]
                    written += 1
                    index += 1
                }
                while index < source.count {
                    let byte = source[index]
                    index += 1
                    if byte == 0x0D {
                        out[written] = 0x0A
                        if index < source.count, source[index] == 0x0A { index += 1 }
                    } else {
                        out[written] = byte
                    }
                    written += 1
                }
                return written
            }
        }
    }

    /// Removes trailing ASCII whitespace (spaces, tabs, CR, LF) at the end only.
    var trimmingTrailingWhitespace: String {
        let view = utf8
        var end = view.endIndex
        while end > view.startIndex {
            let before = view.index(before: end)
            let byte = view[before]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { break }
            end = before
        }
        if end == view.endIndex { return self }
        return String(self[..<end])
    }

    /// Splits on LF using the UTF-8 view (no grapheme breaking), keeping empty lines.
    var lineSlices: [Substring] {
        var result: [Substring] = []
        let view = utf8
        var text = self
        text.withUTF8 { buffer in
            var lineStart = view.startIndex
            for (position, byte) in buffer.enumerated() where byte == 0x0A {
                let newline = view.index(view.startIndex, offsetBy: position)
                result.append(self[lineStart..<newline])
                lineStart = view.index(after: newline)
            }
            result.append(self[lineStart...])
        }
        return result
    }

    /// Whether the text contains `=?`, the start of an RFC 2047 encoded word.
    var mayContainEncodedWord: Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if previous == UInt8(ascii: "="), byte == UInt8(ascii: "?") { return true }
            previous = byte
        }
        return false
    }
}

extension Substring {
    /// Removes leading and trailing ASCII spaces, tabs, CR and LF (plus any `extra` ASCII characters), without copying.
    func trimmingASCIIWhitespace(extra: String = "") -> Substring {
        let view = utf8
        let extraBytes = extra.utf8
        func isTrimmed(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || (!extraBytes.isEmpty && extraBytes.contains(byte))
        }
        var start = view.startIndex
        var end = view.endIndex
        while start < end, isTrimmed(view[start]) { start = view.index(after: start) }
        while end > start {
            let before = view.index(before: end)
            guard isTrimmed(view[before]) else { break }
            end = before
        }
        return self[start..<end]
    }
}
