extension String {
    /// Removes leading and trailing ASCII spaces, tabs, CR and LF (plus any `extra` ASCII characters).
    func trimmingASCIIWhitespace(extra: String = "") -> String {
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
        if start == view.startIndex, end == view.endIndex { return self }
        return String(self[start..<end])
    }

    /// Replaces every CR, LF and NUL with a space so the value can never start a new header line.
    var neutralizingLineBreaks: String {
        guard utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else { return self }
        return String(decoding: utf8.map { ($0 == 0x0D || $0 == 0x0A || $0 == 0x00) ? 0x20 : $0 }, as: UTF8.self)
    }

    /// Converts CRLF and lone CR line ends to LF.
    var normalizingNewlines: String {
        guard utf8.contains(0x0D) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for byte in utf8 {
            if byte == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if byte == 0x0A, previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
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
        var start = view.startIndex
        while let newline = view[start...].firstIndex(of: 0x0A) {
            result.append(self[start..<newline])
            start = view.index(after: newline)
        }
        result.append(self[start...])
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
