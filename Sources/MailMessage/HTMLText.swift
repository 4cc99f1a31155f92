/// Turns HTML into readable plain text with a small bounded tokenizer.
///
/// Paragraphs and `<br>` become line breaks, list items start with `- `, links are kept as `text (url)`,
/// `<blockquote>` lines are prefixed with `> `, script/style/head are dropped, and entities (named and
/// numeric) are decoded. Runs in time linear in the input.
public enum HTMLText {
    private struct Writer {
        var out: [UInt8] = []
        var pendingNewlines = 0
        var pendingSpace = false
        var quoteDepth = 0
        var atLineStart = true

        mutating func requestBreak(_ count: Int) {
            guard !out.isEmpty else { return }
            pendingNewlines = max(pendingNewlines, count)
        }

        mutating func lineBreak() {
            guard !out.isEmpty else { return }
            pendingNewlines = min(pendingNewlines + 1, 2)
        }

        mutating func space() {
            if !atLineStart || pendingNewlines == 0 { pendingSpace = true }
        }

        mutating func flushPending() {
            if pendingNewlines > 0 {
                for _ in 0..<pendingNewlines {
                    out.append(0x0A)
                }
                pendingNewlines = 0
                pendingSpace = false
                atLineStart = true
            } else if pendingSpace {
                if !atLineStart { out.append(0x20) }
                pendingSpace = false
            }
            if atLineStart, quoteDepth > 0 {
                for _ in 0..<min(quoteDepth, 20) {
                    out.append(contentsOf: [UInt8(ascii: ">"), 0x20])
                }
            }
        }

        mutating func emit(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                if atLineStart || pendingNewlines > 0 || pendingSpace { flushPending() }
                out.append(byte)
                atLineStart = false
            }
        }

        mutating func emitPreformatted(_ byte: UInt8) {
            if byte == 0x0A {
                pendingNewlines = 0
                pendingSpace = false
                out.append(0x0A)
                atLineStart = true
                return
            }
            emit(CollectionOfOne(byte))
        }
    }

    private static let paragraphTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "hr", "dl", "blockquote", "figure",
    ]
    private static let lineTags: Set<String> = [
        "div", "tr", "section", "article", "header", "footer", "address", "form", "dt", "dd", "center", "nav",
        "aside", "main", "tbody", "thead", "tfoot", "caption", "fieldset", "legend", "details", "summary",
    ]
    private static let skippedTags: Set<String> = ["script", "style", "head", "template", "noscript", "title", "svg", "object"]

    public static func convert(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var writer = Writer()
        var index = 0
        var preDepth = 0
        var listDepth = 0
        var links: [(href: String, start: Int)] = []
        var memo = SearchMemo()
        let count = bytes.count

        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if matches(bytes, at: index, "<!--") {
                    index = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? count
                    continue
                }
                let next = index + 1 < count ? bytes[index + 1] : 0
                if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                    index = (bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? count - 1) + 1
                    continue
                }
                let isClosing = next == UInt8(ascii: "/")
                let nameStart = index + (isClosing ? 2 : 1)
                guard nameStart < count, isLetter(bytes[nameStart]) else {
                    writer.emit(CollectionOfOne(byte))
                    index += 1
                    continue
                }
                let tag = parseTag(bytes, nameStart: nameStart)
                index = tag.end
                let name = tag.name
                if !isClosing, skippedTags.contains(name), !tag.selfClosing {
                    index = skipElement(bytes, name: name, from: index, memo: &memo)
                    continue
                }
                switch name {
                case "br":
                    writer.lineBreak()
                case "li":
                    if !isClosing {
                        writer.requestBreak(1)
                        writer.flushPending()
                        writer.emit(Array(String(repeating: "  ", count: max(0, min(listDepth, 10) - 1)).utf8) + [0x2D, 0x20])
                    } else {
                        writer.requestBreak(1)
                    }
                case "ul", "ol":
                    listDepth = max(0, listDepth + (isClosing ? -1 : 1))
                    writer.requestBreak(listDepth > 0 && !isClosing ? 1 : 2)
                case "blockquote":
                    writer.requestBreak(1)
                    writer.quoteDepth = max(0, writer.quoteDepth + (isClosing ? -1 : 1))
                case "pre":
                    preDepth = max(0, preDepth + (isClosing ? -1 : 1))
                    writer.requestBreak(2)
                case "td", "th":
                    if isClosing { writer.space() }
                case "img":
                    if let alt = tag.attribute, !alt.isEmpty {
                        writer.emit(Array(decodeEntities(alt).utf8))
                    }
                case "a":
                    if isClosing {
                        if let link = links.popLast() { closeLink(link, writer: &writer) }
                    } else if links.count < 100 {
                        links.append((tag.attribute.map(decodeEntities) ?? "", writer.out.count))
                    }
                default:
                    if paragraphTags.contains(name) {
                        writer.requestBreak(2)
                    } else if lineTags.contains(name) {
                        writer.requestBreak(1)
                    }
                }
                continue
            }
            if byte == UInt8(ascii: "&") {
                let (decoded, end) = entity(bytes, at: index)
                if preDepth > 0 {
                    for decodedByte in decoded.utf8 { writer.emitPreformatted(decodedByte) }
                } else {
                    writer.emit(decoded.utf8)
                }
                index = end
                continue
            }
            if preDepth > 0 {
                if byte != 0x0D { writer.emitPreformatted(byte) }
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                writer.space()
            } else {
                writer.emit(CollectionOfOne(byte))
            }
            index += 1
        }
        while let link = links.popLast() { closeLink(link, writer: &writer) }
        return tidy(String(decoding: writer.out, as: UTF8.self).normalizingNewlines)
    }

    private static func closeLink(_ link: (href: String, start: Int), writer: inout Writer) {
        var href = link.href.trimmingASCIIWhitespace()
        guard !href.isEmpty, !href.hasPrefix("#"), !href.lowercased().hasPrefix("javascript:"),
              !href.lowercased().hasPrefix("cid:") else { return }
        let start = min(link.start, writer.out.count)
        let text = String(decoding: writer.out[start...], as: UTF8.self).trimmingASCIIWhitespace()
        if href.lowercased().hasPrefix("mailto:") { href = String(href.dropFirst(7)) }
        if text.isEmpty {
            writer.emit(Array(href.utf8))
        } else if text != href, text != link.href, !href.hasSuffix("/" + text) {
            writer.emit(Array(" (\(href))".utf8))
        }
    }

    /// Collapses runs of blank lines to one and trims trailing spaces on each line.
    private static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        var blank = 0
        for line in text.lineSlices {
            var trimmed = line
            while trimmed.last == " " || trimmed.last == "\t" || trimmed.last == "\u{A0}" { trimmed = trimmed.dropLast() }
            if trimmed.isEmpty {
                blank += 1
                if blank > 1 { continue }
            } else {
                blank = 0
            }
            lines.append(trimmed)
        }
        return lines.joined(separator: "\n").trimmingASCIIWhitespace()
    }

    private struct Tag {
        var name: String
        /// The one attribute the converter reads: `alt` of `img`, `href` of `a`.
        var attribute: String?
        var selfClosing: Bool
        var end: Int
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    /// Reads the tag whose name starts at `nameStart`, keeping only the attribute the converter reads.
    ///
    /// Attributes follow the first-one-wins rule among the first 64 distinct (lower-cased) names.
    private static func parseTag(_ bytes: [UInt8], nameStart: Int) -> Tag {
        var index = nameStart
        while index < bytes.count, isLetter(bytes[index]) || (bytes[index] >= 0x30 && bytes[index] <= 0x39)
            || bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: ":") { index += 1 }
        let name = String(decoding: bytes[nameStart..<index].map { $0 | (isLetter($0) ? 0x20 : 0) }, as: UTF8.self)
        let wanted: String? = name == "img" ? "alt" : name == "a" ? "href" : nil
        var attributes: [(name: Range<Int>, value: Range<Int>?)] = []
        var selfClosing = false
        func tag(end: Int) -> Tag {
            Tag(name: name, attribute: wanted.flatMap { attribute(named: $0, in: attributes, of: bytes) },
                selfClosing: selfClosing, end: end)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return tag(end: index + 1) }
            if byte == UInt8(ascii: "/") { selfClosing = true; index += 1; continue }
            if byte <= 0x20 { index += 1; continue }
            selfClosing = false
            let attributeStart = index
            while index < bytes.count, bytes[index] > 0x20, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">"),
                  bytes[index] != UInt8(ascii: "/") || index == attributeStart { index += 1 }
            let attributeName = attributeStart..<index
            while index < bytes.count, bytes[index] <= 0x20 { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                if wanted != nil { attributes.append((attributeName, nil)) }
                continue
            }
            index += 1
            while index < bytes.count, bytes[index] <= 0x20 { index += 1 }
            let value: Range<Int>
            if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let quote = bytes[index]
                let end = bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count
                value = (index + 1)..<end
                index = min(end + 1, bytes.count)
            } else {
                let start = index
                while index < bytes.count, bytes[index] > 0x20, bytes[index] != UInt8(ascii: ">") { index += 1 }
                value = start..<index
            }
            if wanted != nil { attributes.append((attributeName, value)) }
        }
        return tag(end: bytes.count)
    }

    /// The value of the first attribute called `wanted`, as long as it is among the first 64 distinct names;
    /// an attribute without a value reads as "".
    private static func attribute(named wanted: String, in attributes: [(name: Range<Int>, value: Range<Int>?)],
                                  of bytes: [UInt8]) -> String? {
        func text(_ range: Range<Int>?) -> String { range.map { String(decoding: bytes[$0], as: UTF8.self) } ?? "" }
        if attributes.count <= 64 {
            // Fewer than 64 names came before any of these, so the cap cannot apply.
            return attributes.first { text($0.name).lowercased() == wanted }.map { text($0.value) }
        }
        var seen: Set<String> = []
        for attribute in attributes where seen.count < 64 {
            let name = text(attribute.name).lowercased()
            if name == wanted { return text(attribute.value) }
            seen.insert(name)
        }
        return nil
    }

    /// Remembers where each searched-for tag text next occurs, so repeated searches never rescan the same bytes.
    private struct SearchMemo {
        private var found: [String: Int?] = [:]

        mutating func next(_ pattern: String, in bytes: [UInt8], from start: Int) -> Int? {
            if let cached = found[pattern] {
                guard let position = cached else { return nil }
                if position >= start { return position }
            }
            let position = find(bytes, pattern, from: start, caseInsensitive: true)
            found[pattern] = .some(position)
            return position
        }
    }

    /// Skips past the closing tag of a raw-text element such as `<script>`; `<head>` also ends at `<body`.
    private static func skipElement(_ bytes: [UInt8], name: String, from start: Int, memo: inout SearchMemo) -> Int {
        let closing = memo.next("</" + name, in: bytes, from: start)
        var end = closing ?? bytes.count
        if name == "head", let body = memo.next("<body", in: bytes, from: start), body < end {
            return body
        }
        if closing != nil {
            end = (bytes[end...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count - 1) + 1
        }
        return end
    }

    private static func matches(_ bytes: [UInt8], at index: Int, _ text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    private static func find(_ bytes: [UInt8], _ text: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        let pattern = Array(text.lowercased().utf8)
        guard let first = pattern.first, start < bytes.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            let byte = caseInsensitive ? lower(bytes[index]) : bytes[index]
            if byte == first {
                var matched = true
                for offset in 1..<pattern.count {
                    let candidate = caseInsensitive ? lower(bytes[index + offset]) : bytes[index + offset]
                    if candidate != pattern[offset] { matched = false; break }
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Decodes all entities in a short string such as an attribute value.
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&") {
                let (decoded, end) = entity(bytes, at: index)
                out.append(contentsOf: decoded.utf8)
                index = end
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes the entity at `index` (which holds `&`); unknown ones are returned as a literal `&`.
    private static func entity(_ bytes: [UInt8], at index: Int) -> (String, Int) {
        var end = index + 1
        if end < bytes.count, bytes[end] == UInt8(ascii: "#") {
            end += 1
            let isHex = end < bytes.count && (bytes[end] | 0x20) == UInt8(ascii: "x")
            if isHex { end += 1 }
            let digitsStart = end
            var value: UInt32 = 0
            while end < bytes.count, end - digitsStart < 8 {
                let digit: UInt32
                if isHex, let hex = TransferCoding.hexValue(bytes[end]) {
                    digit = UInt32(hex)
                } else if bytes[end] >= 0x30, bytes[end] <= 0x39 {
                    digit = UInt32(bytes[end] - 0x30)
                } else {
                    break
                }
                value = value * (isHex ? 16 : 10) + digit
                end += 1
            }
            guard end > digitsStart else { return ("&", index + 1) }
            if end < bytes.count, bytes[end] == UInt8(ascii: ";") { end += 1 }
            if (0x80...0x9F).contains(value) {
                return (Charsets.decode([UInt8(value)], declared: "windows-1252").text, end)
            }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (String(Character(scalar ?? "\u{FFFD}")), end)
        }
        let nameStart = end
        while end < bytes.count, end - nameStart < 10, isLetter(bytes[end]) || (bytes[end] >= 0x30 && bytes[end] <= 0x39) { end += 1 }
        let name = String(decoding: bytes[nameStart..<end], as: UTF8.self)
        guard let replacement = namedEntities[name] else { return ("&", index + 1) }
        if end < bytes.count, bytes[end] == UInt8(ascii: ";") { end += 1 }
        return (replacement, end)
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ensp": " ", "emsp": " ", "thinsp": " ",
        "shy": "", "zwnj": "", "zwj": "", "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "sbquo": "‚",
        "ldquo": "“", "rdquo": "”", "bdquo": "„", "hellip": "…", "bull": "•", "middot": "·", "laquo": "«", "raquo": "»",
        "lsaquo": "‹", "rsaquo": "›", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "copy": "©", "reg": "®",
        "trade": "™", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "para": "¶", "sect": "§", "iexcl": "¡",
        "iquest": "¿", "frac12": "½", "frac14": "¼", "frac34": "¾", "micro": "µ", "dagger": "†", "larr": "←",
        "rarr": "→", "uarr": "↑", "darr": "↓", "check": "✓",
        "aacute": "á", "Aacute": "Á", "eacute": "é", "Eacute": "É", "iacute": "í", "Iacute": "Í", "oacute": "ó",
        "Oacute": "Ó", "uacute": "ú", "Uacute": "Ú", "ouml": "ö", "Ouml": "Ö", "uuml": "ü", "Uuml": "Ü", "auml": "ä",
        "Auml": "Ä", "euml": "ë", "iuml": "ï", "szlig": "ß", "odblac": "ő", "Odblac": "Ő", "udblac": "ű", "Udblac": "Ű",
        "agrave": "à", "egrave": "è", "ccedil": "ç", "Ccedil": "Ç", "ntilde": "ñ", "Ntilde": "Ñ", "ecirc": "ê",
        "acirc": "â", "ocirc": "ô", "oslash": "ø", "aring": "å", "Aring": "Å", "aelig": "æ",
        "aogon": "ą", "Aogon": "Ą", "eogon": "ę", "Eogon": "Ę", "cacute": "ć", "Cacute": "Ć", "lstrok": "ł",
        "Lstrok": "Ł", "nacute": "ń", "Nacute": "Ń", "sacute": "ś", "Sacute": "Ś", "zacute": "ź", "Zacute": "Ź",
        "zdot": "ż", "Zdot": "Ż", "scaron": "š", "Scaron": "Š", "zcaron": "ž", "Zcaron": "Ž", "ccaron": "č",
        "Ccaron": "Č", "rcaron": "ř", "ecaron": "ě",
    ]
}
