/// A tolerant RFC 5322 address-list parser working on the raw (undecoded) header value.
enum AddressListParser {
    private enum Token {
        case atom([UInt8])
        case quoted([UInt8])
        case comment([UInt8])
        case angle([UInt8])
    }

    private struct Item {
        var token: Token
        var spaceBefore: Bool
    }

    private static let maxAddresses = 10_000

    static func parse(_ value: String) -> [MailAddress] {
        let bytes = Array(value.utf8)
        var result: [MailAddress] = []
        var segment: [Item] = []
        var pendingPhrase: String?
        var index = 0
        var sawSpace = false

        func finishSegment() {
            defer { segment.removeAll() }
            guard result.count < maxAddresses, !segment.isEmpty else { return }
            if let address = mailbox(from: segment, pendingPhrase: pendingPhrase) {
                result.append(address)
                pendingPhrase = nil
            } else if !segment.contains(where: { if case .angle = $0.token { return true } else { return false } }) {
                let phrase = phraseText(segment)
                pendingPhrase = phrase.isEmpty ? nil : phrase
            } else {
                pendingPhrase = nil
            }
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                sawSpace = true
                index += 1
                continue
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                finishSegment()
                if byte == UInt8(ascii: ";") { pendingPhrase = nil }
                index += 1
            case UInt8(ascii: ":"):
                segment.removeAll()
                pendingPhrase = nil
                index += 1
            case UInt8(ascii: "\""):
                let (content, end) = MIMEHeaderValue.quoted(bytes, from: index)
                segment.append(Item(token: .quoted(content), spaceBefore: sawSpace))
                index = end
            case UInt8(ascii: "("):
                let end = HeaderComment.end(in: bytes, from: index)
                let inner = bytes[(index + 1)..<max(index + 1, end - (end <= bytes.count && bytes[end - 1] == UInt8(ascii: ")") ? 1 : 0))]
                segment.append(Item(token: .comment(Array(inner)), spaceBefore: sawSpace))
                index = end
            case UInt8(ascii: "<"):
                var end = index + 1
                var inQuote = false
                while end < bytes.count {
                    if bytes[end] == UInt8(ascii: "\"") { inQuote.toggle() }
                    if bytes[end] == UInt8(ascii: "\\") { end += 2; continue }
                    if !inQuote, bytes[end] == UInt8(ascii: ">") { break }
                    end += 1
                }
                let inner = bytes[(index + 1)..<min(end, bytes.count)]
                segment.append(Item(token: .angle(Array(inner)), spaceBefore: sawSpace))
                index = min(end + 1, bytes.count)
            case UInt8(ascii: ">"), UInt8(ascii: ")"):
                index += 1
            default:
                let start = index
                index = encodedWordEnd(bytes, from: index) ?? index
                while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
                segment.append(Item(token: .atom(Array(bytes[start..<index])), spaceBefore: sawSpace))
            }
            sawSpace = false
        }
        finishSegment()
        return result
    }

    /// The end of an RFC 2047 encoded word starting at `start`, so specials inside it (as broken encoders
    /// write them, e.g. `:`) do not split the phrase; nil when there is none within 256 bytes.
    private static func encodedWordEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start + 1 < bytes.count, bytes[start] == UInt8(ascii: "="), bytes[start + 1] == UInt8(ascii: "?") else { return nil }
        var questionMarks = 0
        var index = start + 2
        let limit = min(bytes.count, start + 256)
        while index < limit {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { return nil }
            if byte == UInt8(ascii: "?") {
                if questionMarks >= 2, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") { return index + 2 }
                questionMarks += 1
            }
            index += 1
        }
        return nil
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\""),
             UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return true
        default:
            return false
        }
    }

    /// Builds one mailbox from a segment's tokens, or nil when it holds no address.
    private static func mailbox(from items: [Item], pendingPhrase: String?) -> MailAddress? {
        if let angleIndex = items.firstIndex(where: { if case .angle = $0.token { return true } else { return false } }),
           case .angle(let inner) = items[angleIndex].token {
            let address = cleanAngle(inner)
            guard !address.isEmpty else { return nil }
            var phrase = phraseText(Array(items[..<angleIndex]))
            if let pendingPhrase { phrase = phrase.isEmpty ? pendingPhrase : pendingPhrase + ", " + phrase }
            if phrase.isEmpty { phrase = firstComment(items) ?? "" }
            return MailAddress(address: address, name: decodeName(phrase))
        }
        var groups: [[Item]] = []
        for item in items {
            if case .comment = item.token { continue }
            if let last = groups.last?.last, !item.spaceBefore || joins(last, item) {
                groups[groups.count - 1].append(item)
            } else {
                groups.append([item])
            }
        }
        guard let addressIndex = groups.lastIndex(where: { group in
            group.contains { if case .atom(let bytes) = $0.token { return bytes.contains(UInt8(ascii: "@")) } else { return false } }
        }) else { return nil }
        let address = groups[addressIndex].map { item -> String in
            switch item.token {
            case .atom(let bytes): return String(decoding: bytes.filter { $0 >= 0x20 && $0 != 0x7F }, as: UTF8.self)
            case .quoted(let bytes): return "\"" + String(decoding: bytes.filter { $0 >= 0x20 && $0 != 0x7F }, as: UTF8.self) + "\""
            default: return ""
            }
        }.joined()
        var nameItems = groups.enumerated().filter { $0.offset != addressIndex }.flatMap(\.element)
        if let first = nameItems.first { nameItems[0] = Item(token: first.token, spaceBefore: false) }
        var phrase = phraseText(nameItems)
        if phrase.isEmpty { phrase = firstComment(items) ?? "" }
        return MailAddress(address: address, name: decodeName(phrase))
    }

    /// Whether two tokens belong to the same obsolete dotted/at-joined word, like `john . doe @ example . com`.
    private static func joins(_ left: Item, _ right: Item) -> Bool {
        let joiners: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "@")]
        if case .atom(let bytes) = left.token, let last = bytes.last, joiners.contains(last) { return true }
        if case .atom(let bytes) = right.token, let first = bytes.first, joiners.contains(first) { return true }
        return false
    }

    /// The addr-spec inside `<…>`: obsolete route and `mailto:` removed, whitespace outside quotes and control bytes dropped.
    private static func cleanAngle(_ inner: [UInt8]) -> String {
        var text = inner
        if text.first == UInt8(ascii: "@"), let colon = text.lastIndex(of: UInt8(ascii: ":")) {
            text = Array(text[(colon + 1)...])
        }
        if text.starts(with: Array("mailto:".utf8)) || text.starts(with: Array("MAILTO:".utf8)) {
            text.removeFirst(7)
        }
        var out: [UInt8] = []
        var inQuote = false
        for byte in text {
            if byte == UInt8(ascii: "\"") { inQuote.toggle() }
            if !inQuote, byte == 0x20 || byte == 0x09 { continue }
            if byte < 0x20 || byte == 0x7F { continue }
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func phraseText(_ items: [Item]) -> String {
        var out = ""
        for item in items {
            let text: String
            switch item.token {
            case .atom(let bytes), .quoted(let bytes): text = String(decoding: bytes, as: UTF8.self)
            case .comment, .angle: continue
            }
            if !out.isEmpty, item.spaceBefore { out += " " }
            out += text
        }
        return out
    }

    private static func firstComment(_ items: [Item]) -> String? {
        for item in items {
            if case .comment(let bytes) = item.token {
                let text = String(decoding: bytes, as: UTF8.self).trimmingASCIIWhitespace()
                if !text.isEmpty { return text }
            }
        }
        return nil
    }

    private static func decodeName(_ phrase: String) -> String? {
        let decoded = EncodedWords.decode(phrase)
        let cleaned = decoded.neutralizingLineBreaks.trimmingASCIIWhitespace()
        return cleaned.isEmpty ? nil : cleaned
    }
}
