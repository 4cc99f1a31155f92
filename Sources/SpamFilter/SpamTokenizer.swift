import Foundation

/// Turns a message into the set of tokens the classifier scores.
///
/// Header tokens carry a prefix naming their origin (`subject:nyerjen`,
/// `fromname:anna`, `from:example.hu`, `to:count:1`, `received:example.net`,
/// `received:ip:203.0.113`, `ctype:text/html`, `charset:iso-8859-2`,
/// `mailer:outlook`, `attach:application/pdf`, `attach:ext:pdf`); body words
/// are bare. An HTML body adds markup markers (`html:yes`, `html:img`,
/// `html:form`, `html:comment`, …) and the hosts of its links.
///
/// Words are lower-cased with accents kept (NFC), so Hungarian `ő`/`ű` and
/// Polish `ł`/`ś`/`ż` stay distinct from `o`/`u`/`l`/`s`/`z`. URLs become
/// host tokens (`url:shop.example.com`, `url:example.com`), e-mail addresses
/// `email:domain`, numbers are bucketed by digit count (`num:4d`, `money:3d`
/// next to a currency sign), and overlong words are summarised as
/// `skip:<first letter> <length rounded down to 10>`. Each token appears once
/// per message, and at most ``maximumTokens`` are kept.
public struct SpamTokenizer: Sendable, Hashable {
    /// Shortest word (in characters) kept as a token.
    public let minimumLength: Int
    /// Longest word kept literally; longer ones become `skip:` tokens.
    public let maximumLength: Int
    /// Maximum number of distinct tokens per message; header tokens come first.
    public let maximumTokens: Int
    /// Number of body Unicode scalars (and HTML bytes) examined; the rest of a huge body is ignored.
    public let maximumBodyLength: Int

    /// Defaults: words of 3…24 characters, 2,500 tokens, first 200,000 scalars of the body.
    public static let `default` = SpamTokenizer(
        uncheckedMinimumLength: 3, maximumLength: 24, maximumTokens: 2_500, maximumBodyLength: 200_000)

    /// Creates a tokenizer with validated limits.
    /// - Throws: ``SpamFilterError/invalidParameter(name:value:validRange:)``.
    public init(
        minimumLength: Int = 3, maximumLength: Int = 24, maximumTokens: Int = 2_500, maximumBodyLength: Int = 200_000
    ) throws(SpamFilterError) {
        guard minimumLength >= 1 else {
            throw .invalidParameter(name: "minimumLength", value: Double(minimumLength), validRange: "1…")
        }
        guard maximumLength >= minimumLength else {
            throw .invalidParameter(name: "maximumLength", value: Double(maximumLength), validRange: "\(minimumLength)…")
        }
        guard maximumTokens >= 1 else {
            throw .invalidParameter(name: "maximumTokens", value: Double(maximumTokens), validRange: "1…")
        }
        guard maximumBodyLength >= 0 else {
            throw .invalidParameter(name: "maximumBodyLength", value: Double(maximumBodyLength), validRange: "0…")
        }
        self.init(
            uncheckedMinimumLength: minimumLength, maximumLength: maximumLength,
            maximumTokens: maximumTokens, maximumBodyLength: maximumBodyLength)
    }

    private init(uncheckedMinimumLength minimumLength: Int, maximumLength: Int, maximumTokens: Int, maximumBodyLength: Int) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.maximumTokens = maximumTokens
        self.maximumBodyLength = maximumBodyLength
    }

    /// All tokens of a message, header tokens first, each once.
    public func tokens(for features: MessageFeatures) -> [String] {
        var sink = TokenSink(capacity: maximumTokens)
        addHeaderTokens(of: features, into: &sink)
        if features.body.unicodeScalars.contains(where: { !Self.isSpace($0) }) {
            addText(features.body, prefix: "", limit: maximumBodyLength, into: &sink)
        } else {
            sink.add("body:empty")
        }
        return sink.tokens
    }

    /// Tokens of free text as the body would produce them, each once.
    public func tokens(inText text: String) -> [String] {
        var sink = TokenSink(capacity: maximumTokens)
        addText(text, prefix: "", limit: maximumBodyLength, into: &sink)
        return sink.tokens
    }

    // MARK: Headers

    private func addHeaderTokens(of features: MessageFeatures, into sink: inout TokenSink) {
        if let subject = features.subject, subject.unicodeScalars.contains(where: { !Self.isSpace($0) }) {
            addText(subject, prefix: "subject:", limit: 1_000, into: &sink)
            if Self.isShouting(subject) { sink.add("subject:shouting") }
        } else {
            sink.add("subject:none")
        }
        for name in features.fromNames.prefix(4) {
            if name.unicodeScalars.contains(where: { !Self.isSpace($0) }) {
                addText(name, prefix: "fromname:", limit: 200, into: &sink)
            } else {
                sink.add("fromname:none")
            }
        }
        for domain in features.fromDomains.prefix(4) {
            addDomain(domain, prefix: "from:", into: &sink)
        }
        sink.add("to:count:" + Self.bucket(features.recipientCount))
        for header in features.receivedHeaders.prefix(8) {
            addReceivedTokens(header, into: &sink)
        }
        if let contentType = features.contentType {
            addContentTypeTokens(contentType, into: &sink)
        }
        if let mailer = features.mailer {
            addText(mailer, prefix: "mailer:", limit: 200, into: &sink)
        } else {
            sink.add("mailer:none")
        }
        if !features.attachmentTypes.isEmpty || !features.attachmentNames.isEmpty {
            sink.add("attach:count:" + Self.bucket(max(features.attachmentTypes.count, features.attachmentNames.count)))
        }
        for type in features.attachmentTypes.prefix(20) {
            let mime = Self.trimmed(type.lowercased().prefix { $0 != ";" })
            if !mime.isEmpty { sink.add("attach:" + mime) }
        }
        for name in features.attachmentNames.prefix(20) {
            if let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex {
                let ext = name[name.index(after: dot)...].lowercased()
                if ext.count <= 8 { sink.add("attach:ext:" + ext) }
            }
        }
        if let html = features.html {
            sink.add("html:yes")
            addHTMLTokens(html, into: &sink)
        }
    }

    private func addDomain(_ rawDomain: String, prefix: String, into sink: inout TokenSink) {
        let domain = Self.trimmed(rawDomain.lowercased(), removing: ".<>[] \t")
        guard !domain.isEmpty else { return }
        sink.add(prefix + domain)
        let base = Self.registrableDomain(domain)
        if base != domain { sink.add(prefix + base) }
    }

    private func addReceivedTokens(_ header: String, into sink: inout TokenSink) {
        var previous: [UInt8] = []
        var piece: [UInt8] = []
        piece.reserveCapacity(64)
        func flush() {
            var word = piece[...]
            while let first = word.first, Self.receivedTrim.contains(first) { word = word.dropFirst() }
            while let last = word.last, Self.receivedTrim.contains(last) { word = word.dropLast() }
            defer {
                previous = Array(word)
                piece.removeAll(keepingCapacity: true)
            }
            guard !word.isEmpty else { return }
            let text = String(decoding: word, as: UTF8.self)
            if previous == Array("with".utf8), word.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
                sink.add("received:with:" + text)
            } else if let subnet = Self.ipv4Subnet(text) {
                sink.add("received:ip:" + subnet)
            } else if let dot = word.lastIndex(of: 0x2E), word.index(after: dot) < word.endIndex,
                word[word.index(after: dot)...].allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }),
                word.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D })
            {
                sink.add("received:" + Self.registrableDomain(text))
            }
        }
        for byte in header.utf8 {
            if Self.receivedSeparators.contains(byte) {
                if !piece.isEmpty { flush() }
            } else {
                piece.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
        }
        if !piece.isEmpty { flush() }
    }

    private static let receivedSeparators: Set<UInt8> = Set(" \t\r\n()[];<>".utf8)
    private static let receivedTrim: Set<UInt8> = Set(".,:'\"".utf8)

    private func addContentTypeTokens(_ value: String, into sink: inout TokenSink) {
        let lower = value.lowercased()
        let parts = lower.split(separator: ";")
        guard let first = parts.first else { return }
        let type = Self.trimmed(first)
        if !type.isEmpty { sink.add("ctype:" + type) }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, Self.trimmed(pair[0]) == "charset" else { continue }
            let charset = Self.trimmed(pair[1], removing: "\"' \t")
            if !charset.isEmpty { sink.add("charset:" + charset) }
        }
    }

    // MARK: HTML

    /// Tags whose presence is recorded as `html:<tag>`.
    private static let markedTags: Set<String> = [
        "a", "img", "form", "input", "script", "iframe", "font", "table", "style", "center", "map", "area",
        "object", "embed", "blink", "marquee", "base",
    ]

    private func addHTMLTokens(_ html: String, into sink: inout TokenSink) {
        let bytes = Array(html.utf8.prefix(maximumBodyLength))
        var index = 0
        while index < bytes.count, !sink.isFull {
            let byte = bytes[index]
            if byte == 0x3C {  // "<"
                if index + 3 < bytes.count, bytes[index + 1] == 0x21, bytes[index + 2] == 0x2D, bytes[index + 3] == 0x2D {
                    sink.add("html:comment")
                    index += 4
                    continue
                }
                var end = index + 1
                while end < bytes.count, end - index <= 10, Self.isASCIIAlphanumeric(bytes[end]) { end += 1 }
                if end > index + 1 {
                    let name = String(decoding: bytes[(index + 1)..<end].map { $0 | 0x20 }, as: UTF8.self)
                    if Self.markedTags.contains(name) { sink.add("html:" + name) }
                }
                index = end
            } else if byte == 0x3A, index + 2 < bytes.count, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F {  // "://"
                var end = index + 3
                while end < bytes.count, Self.isHostByte(bytes[end]) { end += 1 }
                addHost(bytes[(index + 3)..<end].map { Unicode.Scalar($0) }[...], prefix: "", into: &sink)
                index = end
            } else {
                index += 1
            }
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        isASCIIAlphanumeric(byte) || byte == 0x2E || byte == 0x2D || byte == 0x5F || byte == 0x40 || byte == 0x3A
    }

    // MARK: Text

    private func addText(_ text: String, prefix: String, limit: Int, into sink: inout TokenSink) {
        var chunk: [Unicode.Scalar] = []
        chunk.reserveCapacity(64)
        var scanned = 0
        for scalar in text.unicodeScalars {
            scanned += 1
            if scanned > limit || sink.isFull { break }
            if Self.isSpace(scalar) {
                if !chunk.isEmpty {
                    addChunk(chunk, prefix: prefix, into: &sink)
                    chunk.removeAll(keepingCapacity: true)
                }
            } else {
                chunk.append(scalar)
            }
        }
        if !chunk.isEmpty { addChunk(chunk, prefix: prefix, into: &sink) }
    }

    private func addChunk(_ chunk: [Unicode.Scalar], prefix: String, into sink: inout TokenSink) {
        if let url = Self.urlStart(in: chunk) {
            if url.wordsEnd > 0 { addWords(Array(chunk[..<url.wordsEnd]), prefix: prefix, into: &sink) }
            addHost(chunk[url.hostStart...], prefix: prefix, into: &sink)
            return
        }
        if let at = chunk.firstIndex(of: "@"), addEmail(chunk[(at + 1)...], prefix: prefix, into: &sink) {
            return
        }
        addWords(chunk, prefix: prefix, into: &sink)
    }

    /// Where a URL's host starts in `chunk` (after `scheme://` or at `www.`) and
    /// where the words before it end, `nil` if the chunk holds no URL.
    private static func urlStart(in chunk: [Unicode.Scalar]) -> (wordsEnd: Int, hostStart: Int)? {
        guard chunk.count >= 4 else { return nil }
        for index in 0..<(chunk.count - 2) where chunk[index] == ":" && chunk[index + 1] == "/" && chunk[index + 2] == "/" {
            var schemeStart = index
            while schemeStart > 0, isASCIILetter(chunk[schemeStart - 1]) { schemeStart -= 1 }
            return (schemeStart, index + 3)
        }
        for index in 0..<(chunk.count - 3)
        where chunk[index + 3] == "." && isW(chunk[index]) && isW(chunk[index + 1]) && isW(chunk[index + 2])
            && (index == 0 || !isWordScalar(chunk[index - 1]))
        {
            return (index, index)
        }
        return nil
    }

    private static func isW(_ scalar: Unicode.Scalar) -> Bool { scalar == "w" || scalar == "W" }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
    }

    /// Emits `url:<host>` and `url:<registrable domain>` (or `url:ip`) for the
    /// authority at the start of `scalars`.
    private func addHost(_ scalars: ArraySlice<Unicode.Scalar>, prefix: String, into sink: inout TokenSink) {
        var authority = scalars.prefix { isWordScalarOrHostPunctuation($0) }
        if let at = authority.lastIndex(of: "@") { authority = authority[(at + 1)...] }
        let hostScalars = authority.prefix { $0 != ":" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: hostScalars)
        let host = Self.trimmed(String(view).lowercased(), removing: ".-_")
        guard host.contains(".") else { return }
        if Self.ipv4Subnet(host) != nil {
            sink.add(prefix + "url:ip")
        } else {
            addDomain(host, prefix: prefix + "url:", into: &sink)
        }
    }

    private func isWordScalarOrHostPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        Self.isWordScalar(scalar) || scalar == "." || scalar == "-" || scalar == "_" || scalar == "@" || scalar == ":"
    }

    /// Emits `email:domain` if the scalars after an `@` start with a domain.
    private func addEmail(_ scalars: ArraySlice<Unicode.Scalar>, prefix: String, into sink: inout TokenSink) -> Bool {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars.prefix { Self.isWordScalar($0) || $0 == "." || $0 == "-" })
        let domain = Self.trimmed(String(view).lowercased(), removing: ".-")
        guard domain.contains("."), domain.contains(where: { $0.isLetter }) else { return false }
        sink.add(prefix + "email:" + domain)
        return true
    }

    private func addWords(_ scalars: [Unicode.Scalar], prefix: String, into sink: inout TokenSink) {
        var word = WordBuilder()
        var currencyBefore = false
        for index in scalars.indices {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if Self.isWordScalar(scalar) {
                word.append(scalar)
            } else if !word.isEmpty, let next, Self.isWordScalar(next),
                word.isNumeric ? (scalar == "." || scalar == ",") && Self.isDigit(next) : Self.isJoiner(scalar)
            {
                word.append(scalar)
            } else {
                let isCurrency = Self.isCurrency(scalar)
                emit(word, money: currencyBefore || isCurrency, prefix: prefix, into: &sink)
                word = WordBuilder()
                currencyBefore = isCurrency
                if scalar == "!" { sink.add(prefix + "!") }
            }
        }
        emit(word, money: currencyBefore, prefix: prefix, into: &sink)
    }

    private func emit(_ word: WordBuilder, money: Bool, prefix: String, into sink: inout TokenSink) {
        guard !word.isEmpty else { return }
        if word.isNumeric {
            sink.add(prefix + (money ? "money:" : "num:") + (word.digitCount >= 7 ? "7+" : String(word.digitCount)) + "d")
            return
        }
        guard word.length >= minimumLength else { return }
        var text = String(word.scalars)
        if word.hasUppercase { text = text.lowercased() }
        if word.length > maximumLength {
            let first = text.first.map(String.init) ?? "?"
            sink.add(prefix + "skip:\(first) \(word.length / 10 * 10)")
            return
        }
        if word.hasMark { text = text.precomposedStringWithCanonicalMapping }
        sink.add(prefix + text)
    }

    // MARK: Character classes and helpers

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D)
        }
        return scalar.properties.isWhitespace
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "-" || scalar == "\u{2019}"
    }

    private static func isCurrency(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "$" || scalar.properties.generalCategory == .currencySymbol
    }

    private static func isShouting(_ text: String) -> Bool {
        var upper = 0
        var lower = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isUppercase { upper += 1 } else if scalar.properties.isLowercase { lower += 1 }
        }
        return upper >= 5 && upper * 10 >= (upper + lower) * 7
    }

    /// Coarse bucket of a count: 0, 1, 2, 3-5, 6-10, 11+.
    private static func bucket(_ count: Int) -> String {
        switch count {
        case ..<3: String(max(count, 0))
        case 3...5: "3-5"
        case 6...10: "6-10"
        default: "11+"
        }
    }

    /// First three octets of a dotted IPv4 address, `nil` if `text` is not one.
    private static func ipv4Subnet(_ text: some StringProtocol) -> String? {
        guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }) else { return nil }
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && UInt8($0) != nil }) else {
            return nil
        }
        return octets.prefix(3).joined(separator: ".")
    }

    /// The last two labels of a domain, or three for country-code second
    /// levels such as `co.uk` or `com.pl`.
    private static func registrableDomain(_ domain: some StringProtocol) -> String {
        let labels = domain.split(separator: ".")
        guard labels.count > 2 else { return labels.joined(separator: ".") }
        let tld = labels[labels.count - 1]
        let second = labels[labels.count - 2]
        let keep = tld.count == 2 && second.count <= 3 ? 3 : 2
        return labels.suffix(keep).joined(separator: ".")
    }

    private static func trimmed(_ text: some StringProtocol) -> String {
        trimmed(text, removing: " \t\r\n")
    }

    /// `text` without leading and trailing characters from `characters`.
    private static func trimmed(_ text: some StringProtocol, removing characters: String) -> String {
        let scalars = String(text).unicodeScalars
        guard let first = scalars.firstIndex(where: { !characters.unicodeScalars.contains($0) }),
            let last = scalars.lastIndex(where: { !characters.unicodeScalars.contains($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
