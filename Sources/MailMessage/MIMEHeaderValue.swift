/// A structured MIME header value such as `text/plain; charset="utf-8"` or `attachment; filename*=…`.
///
/// Parameters follow RFC 2045 with RFC 2231 continuations (`name*0*=`, `name*1=`) and charsets
/// (`utf-8''%C5%91`), and tolerate RFC 2047 encoded words and unquoted spaces inside values.
struct MIMEHeaderValue: Sendable, Equatable {
    /// The lower-cased main value with comments and whitespace removed, e.g. `"text/plain"`.
    var value: String
    /// Parameters by lower-cased name, values decoded.
    var parameters: [String: String]

    private static let maxSections = 1_000

    init(_ raw: String?) {
        guard let raw else {
            value = ""
            parameters = [:]
            return
        }
        let bytes = Array(raw.utf8)
        var index = 0
        var main: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: ";") {
            let byte = bytes[index]
            if byte == UInt8(ascii: "(") {
                index = HeaderComment.end(in: bytes, from: index)
                continue
            }
            if byte == UInt8(ascii: "\"") {
                let (content, end) = Self.quoted(bytes, from: index)
                main.append(contentsOf: content)
                index = end
                continue
            }
            if byte > 0x20 { main.append(byte) }
            index += 1
        }
        value = String(decoding: main, as: UTF8.self).lowercased()
        parameters = Self.parseParameters(bytes, from: index)
    }

    /// The parameter's value, if present and non-empty.
    func parameter(_ name: String) -> String? {
        guard let value = parameters[name], !value.isEmpty else { return nil }
        return value
    }

    private struct Section {
        var number: Int
        var extended: Bool
        var raw: [UInt8]
    }

    private static func parseParameters(_ bytes: [UInt8], from start: Int) -> [String: String] {
        var plain: [String: String] = [:]
        var sections: [String: [Section]] = [:]
        var sectionCount = 0
        var index = start
        while index < bytes.count {
            while index < bytes.count, bytes[index] == UInt8(ascii: ";") || isSpace(bytes[index]) { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "(") {
                index = HeaderComment.end(in: bytes, from: index)
                continue
            }
            let nameStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ";") { index += 1 }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).trimmingASCIIWhitespace().lowercased()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var raw: [UInt8] = []
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                let (content, end) = quoted(bytes, from: index)
                raw = content
                index = end
                while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
            } else {
                let valueStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
                raw = Array(String(decoding: bytes[valueStart..<index], as: UTF8.self).trimmingASCIIWhitespace().utf8)
            }
            guard !name.isEmpty else { continue }
            if let star = name.firstIndex(of: "*") {
                let base = String(name[..<star])
                var rest = name[name.index(after: star)...]
                let extended = rest.hasSuffix("*") || rest.isEmpty
                if rest.hasSuffix("*") { rest = rest.dropLast() }
                let number: Int
                if rest.isEmpty {
                    number = 0
                } else if rest.count <= 4, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let parsed = Int(rest) {
                    number = parsed
                } else {
                    continue
                }
                guard !base.isEmpty, sectionCount < maxSections else { continue }
                sectionCount += 1
                sections[base, default: []].append(Section(number: number, extended: extended, raw: raw))
            } else if plain[name] == nil {
                let text = String(decoding: raw, as: UTF8.self)
                plain[name] = text.mayContainEncodedWord ? EncodedWords.decode(text) : text
            }
        }
        for (name, parts) in sections {
            plain[name] = joinSections(parts.sorted { $0.number < $1.number })
        }
        return plain
    }

    /// Joins RFC 2231 sections in order: runs of extended sections are percent-decoded and decoded together
    /// with the charset named by the first section (so characters split across sections survive); plain
    /// sections are taken as written.
    private static func joinSections(_ sections: [Section]) -> String {
        var charset: String?
        var pending: [UInt8] = []
        var text = ""
        var seenNumbers: Set<Int> = []
        for (position, section) in sections.enumerated() where seenNumbers.insert(section.number).inserted {
            var raw = section.raw[...]
            guard section.extended else {
                text += Charsets.decode(pending, declared: charset).text + String(decoding: raw, as: UTF8.self)
                pending.removeAll()
                continue
            }
            if position == 0 {
                let quotes = raw.indices.filter { raw[$0] == UInt8(ascii: "'") }.prefix(2)
                if quotes.count == 2, let first = quotes.first, let second = quotes.last {
                    charset = String(decoding: raw[raw.startIndex..<first], as: UTF8.self)
                    raw = raw[(second + 1)...]
                }
            }
            pending.append(contentsOf: percentDecode(raw))
        }
        text += Charsets.decode(pending, declared: charset).text
        return text.mayContainEncodedWord ? EncodedWords.decode(text) : text
    }

    private static func percentDecode(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == UInt8(ascii: "%"), index + 2 < raw.endIndex,
               let high = TransferCoding.hexValue(raw[index + 1]), let low = TransferCoding.hexValue(raw[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(raw[index])
                index += 1
            }
        }
        return out
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// The unescaped content of the quoted string starting at `start`, and the index after its closing quote.
    static func quoted(_ bytes: [UInt8], from start: Int) -> ([UInt8], Int) {
        var content: [UInt8] = []
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                content.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") { return (content, index + 1) }
            if byte != 0x0D, byte != 0x0A { content.append(byte) }
            index += 1
        }
        return (content, index)
    }
}
