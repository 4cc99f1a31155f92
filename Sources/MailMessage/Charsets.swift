#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Decodes text bytes in a named charset through the system's iconv, with an alias table and a fallback chain.
///
/// The chain is: declared charset → UTF-8 → Windows-1250 → ISO-8859-1 (which cannot fail).
/// Well-known labels are mapped to the superset the sender almost certainly used
/// (ISO-8859-1 and US-ASCII → Windows-1252, GB2312 and GBK → GB18030, Shift_JIS → CP932, EUC-KR → CP949).
enum Charsets {
    /// Decoded text plus the defect to record, if the declared charset was not usable as is.
    struct Decoded {
        var text: String
        var defect: ParseDefect?
        /// The charset that actually decoded the bytes, in display form.
        var usedCharset: String
    }

    static let fallbackUTF8 = "UTF-8"
    static let fallbackCentralEuropean = "Windows-1250"
    static let fallbackLatin1 = "ISO-8859-1"

    /// Decodes `bytes` declared as `declared` (nil or empty: undeclared).
    static func decode(_ bytes: some Collection<UInt8>, declared: String?) -> Decoded {
        let input = Array(bytes)
        let label = declared.map(cleanLabel) ?? ""
        let canonical = canonicalName(label)
        let isASCII = input.allSatisfy { $0 < 0x80 }
        if isASCII, !(canonical.map(isSevenBitStateful) ?? false) {
            return Decoded(text: String(decoding: input, as: UTF8.self), defect: nil, usedCharset: canonical ?? "US-ASCII")
        }
        guard let canonical else {
            var result = fallbackChain(input)
            if !label.isEmpty, !undeclaredLabels.contains(label) {
                result.defect = .unknownCharset(label, fallback: result.usedCharset)
            }
            return result
        }
        if canonical == "UTF-8" {
            if let text = strictUTF8(input) {
                return Decoded(text: text, defect: nil, usedCharset: fallbackUTF8)
            }
            var result = fallbackChain(input, skipUTF8: true)
            result.defect = .charsetMismatch(declared: label, decodedAs: result.usedCharset)
            return result
        }
        if !isSevenBitStateful(canonical), !canonical.hasPrefix("UTF-"), let text = strictUTF8(input) {
            let defect: ParseDefect = isSupported(canonical)
                ? .charsetMismatch(declared: label, decodedAs: fallbackUTF8)
                : .unknownCharset(label, fallback: fallbackUTF8)
            return Decoded(text: text, defect: defect, usedCharset: fallbackUTF8)
        }
        switch iconvDecode(input, from: canonical) {
        case .success(let text):
            return Decoded(text: text, defect: nil, usedCharset: canonical)
        case .unsupported:
            var result = fallbackChain(input)
            result.defect = .unknownCharset(label, fallback: result.usedCharset)
            return result
        case .invalid:
            if canonical == "WINDOWS-1252" {
                return Decoded(text: latin1(input), defect: nil, usedCharset: fallbackLatin1)
            }
            var result = fallbackChain(input)
            result.defect = .charsetMismatch(declared: label, decodedAs: result.usedCharset)
            return result
        }
    }

    /// Decodes undeclared bytes: UTF-8, else Windows-1250, else ISO-8859-1.
    static func fallbackChain(_ input: [UInt8], skipUTF8: Bool = false) -> Decoded {
        if !skipUTF8, let text = strictUTF8(input) {
            return Decoded(text: text, defect: nil, usedCharset: fallbackUTF8)
        }
        if case .success(let text) = iconvDecode(input, from: "WINDOWS-1250") {
            return Decoded(text: text, defect: nil, usedCharset: fallbackCentralEuropean)
        }
        return Decoded(text: latin1(input), defect: nil, usedCharset: fallbackLatin1)
    }

    /// Whether two charset labels name the same charset once aliases are resolved.
    static func sameCharset(_ lhs: String, _ rhs: String) -> Bool {
        let left = cleanLabel(lhs), right = cleanLabel(rhs)
        return left == right || (canonicalName(left) != nil && canonicalName(left) == canonicalName(right))
    }

    /// Returns the text if `input` is well-formed UTF-8.
    static func strictUTF8(_ input: [UInt8]) -> String? {
        String(validating: input, as: UTF8.self)
    }

    /// ISO-8859-1: every byte is the Unicode scalar of the same value.
    static func latin1(_ input: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + input.count / 4)
        for byte in input {
            if byte < 0x80 {
                out.append(byte)
            } else {
                out.append(0xC0 | (byte >> 6))
                out.append(0x80 | (byte & 0x3F))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-cases and strips quotes, whitespace and an RFC 2231 `*language` suffix.
    static func cleanLabel(_ label: String) -> String {
        var value = label.lowercased()
        if let star = value.firstIndex(of: "*") {
            value = String(value[..<star])
        }
        return value.trimmingASCIIWhitespace(extra: "\"'")
    }

    /// The iconv name for a cleaned label, or nil when the label is unusable or means "unknown".
    static func canonicalName(_ label: String) -> String? {
        guard !label.isEmpty, label.utf8.count <= 40, !undeclaredLabels.contains(label) else { return nil }
        guard label.utf8.allSatisfy({ isLabelByte($0) }) else { return nil }
        if let alias = aliases[label] {
            return alias
        }
        let compact = String(label.map { $0 == "_" ? "-" : $0 })
        if let alias = aliases[compact] {
            return alias
        }
        if let number = windowsCodePage(compact) {
            return number == "1252" ? "WINDOWS-1252" : "WINDOWS-\(number)"
        }
        if let part = isoPart(compact) {
            return part == "1" ? "WINDOWS-1252" : "ISO-8859-\(part)"
        }
        return label.uppercased()
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "+"):
            return true
        default:
            return false
        }
    }

    /// "cp1250", "win-1250", "windows1250", "x-cp1250", "1250" → "1250".
    private static func windowsCodePage(_ label: String) -> String? {
        var rest = Substring(label)
        for prefix in ["x-", "ms-"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
        }
        for prefix in ["windows-", "windows", "win-", "win", "cp-", "cp"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        guard rest.count == 4, rest.hasPrefix("125"), let last = rest.last, last.isASCII, last.isNumber else { return nil }
        return String(rest)
    }

    /// "iso8859-2", "iso-8859-2", "8859-2", "iso-8859-2:1987" → "2".
    private static func isoPart(_ label: String) -> String? {
        var rest = Substring(label)
        for prefix in ["iso-", "iso"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        guard rest.hasPrefix("8859-") else { return nil }
        rest = rest.dropFirst(5)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let number = Int(digits), (1...16).contains(number) else { return nil }
        return String(number)
    }

    private static func isSevenBitStateful(_ canonical: String) -> Bool {
        canonical.hasPrefix("ISO-2022") || canonical == "UTF-7" || canonical == "HZ-GB-2312" || canonical.hasPrefix("UTF-16")
            || canonical.hasPrefix("UTF-32") || canonical.hasPrefix("UCS-")
    }

    private static let undeclaredLabels: Set<String> = [
        "unknown", "unknown-8bit", "x-unknown", "default", "x-user-defined", "charset", "none", "8bit", "binary",
    ]

    private static let aliases: [String: String] = [
        "utf-8": "UTF-8", "utf8": "UTF-8", "unicode-1-1-utf-8": "UTF-8", "x-unicode20utf8": "UTF-8", "utf-8-sig": "UTF-8",
        "us-ascii": "WINDOWS-1252", "ascii": "WINDOWS-1252", "ansi-x3.4-1968": "WINDOWS-1252", "iso646-us": "WINDOWS-1252",
        "us": "WINDOWS-1252", "latin1": "WINDOWS-1252", "latin-1": "WINDOWS-1252", "l1": "WINDOWS-1252",
        "cp819": "WINDOWS-1252", "ibm819": "WINDOWS-1252", "iso-ir-100": "WINDOWS-1252", "ms-ansi": "WINDOWS-1252",
        "ansi": "WINDOWS-1252",
        "latin2": "ISO-8859-2", "latin-2": "ISO-8859-2", "l2": "ISO-8859-2", "iso-ir-101": "ISO-8859-2",
        "latin3": "ISO-8859-3", "latin4": "ISO-8859-4", "latin5": "ISO-8859-9", "latin6": "ISO-8859-10",
        "latin7": "ISO-8859-13", "latin8": "ISO-8859-14", "latin9": "ISO-8859-15", "latin-9": "ISO-8859-15",
        "latin10": "ISO-8859-16", "iso-8859-8-i": "ISO-8859-8", "iso-8859-6-i": "ISO-8859-6",
        "gb2312": "GB18030", "gbk": "GB18030", "x-gbk": "GB18030", "cp936": "GB18030", "euc-cn": "GB18030",
        "x-euc-cn": "GB18030", "csgb2312": "GB18030", "gb-2312-80": "GB18030", "gb2312-80": "GB18030", "chinese": "GB18030",
        "ks-c-5601-1987": "CP949", "ks-c-5601": "CP949", "euc-kr": "CP949", "x-windows-949": "CP949", "korean": "CP949",
        "shift-jis": "CP932", "sjis": "CP932", "x-sjis": "CP932", "ms-kanji": "CP932", "windows-31j": "CP932",
        "csshiftjis": "CP932", "x-ms-cp932": "CP932",
        "big5": "BIG5-HKSCS", "big-5": "BIG5-HKSCS", "cp950": "BIG5-HKSCS", "x-x-big5": "BIG5-HKSCS", "csbig5": "BIG5-HKSCS",
        "unicode-1-1-utf-7": "UTF-7", "utf7": "UTF-7", "x-mac-roman": "MACINTOSH", "macintosh": "MACINTOSH", "mac": "MACINTOSH",
        "koi8r": "KOI8-R", "koi8u": "KOI8-U", "tis-620": "CP874", "windows-874": "CP874", "iso-8859-11": "CP874",
        "utf-16": "UTF-16", "utf16": "UTF-16", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", "unicode": "UTF-16",
    ]

    private enum IconvResult {
        case success(String)
        case unsupported
        case invalid
    }

    private static func isSupported(_ charset: String) -> Bool {
        guard let descriptor = iconv_open("UTF-8", charset), descriptor != iconv_t(bitPattern: -1) else { return false }
        iconv_close(descriptor)
        return true
    }

    /// One idle descriptor per charset used so far (as its address), held open for the life of the process
    /// so glibc keeps the converter module loaded instead of unloading and reloading it on every call.
    private static let pinnedConverters = Mutex<[String: UInt]>([:])
    private static let maxPinnedConverters = 64

    /// Opens and keeps an idle descriptor for `charset` the first time it is used.
    private static func pinConverter(_ charset: String) {
        pinnedConverters.withLock { pinned in
            guard pinned[charset] == nil, pinned.count < maxPinnedConverters,
                  let descriptor = iconv_open("UTF-8", charset), descriptor != iconv_t(bitPattern: -1) else { return }
            pinned[charset] = UInt(bitPattern: descriptor)
        }
    }

    /// Converts `input` from `charset` to UTF-8 with iconv; fails on any invalid or incomplete sequence.
    private static func iconvDecode(_ input: [UInt8], from charset: String) -> IconvResult {
        guard let descriptor = iconv_open("UTF-8", charset), descriptor != iconv_t(bitPattern: -1) else {
            return .unsupported
        }
        defer { iconv_close(descriptor) }
        pinConverter(charset)
        var source = input
        var capacity = input.count * 3 + 16
        var output = [UInt8](repeating: 0, count: capacity)
        var produced = 0
        let ok: Bool = source.withUnsafeMutableBufferPointer { sourceBuffer in
            guard let sourceBase = sourceBuffer.baseAddress else { return true }
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(sourceBase).assumingMemoryBound(to: CChar.self)
            var inLeft = sourceBuffer.count
            var flushed = false
            while true {
                let (status, written, error): (Int, Int, Int32) = output.withUnsafeMutableBufferPointer { outBuffer in
                    guard let outBase = outBuffer.baseAddress else { return (-1, 0, EINVAL) }
                    var outPointer: UnsafeMutablePointer<CChar>? =
                        UnsafeMutableRawPointer(outBase + produced).assumingMemoryBound(to: CChar.self)
                    var outLeft = capacity - produced
                    let before = outLeft
                    let status: Int
                    if inLeft > 0 {
                        status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    } else {
                        status = iconv(descriptor, nil, nil, &outPointer, &outLeft)
                    }
                    let error = status == -1 ? errno : 0
                    return (status, before - outLeft, error)
                }
                produced += written
                if status == -1 {
                    guard error == E2BIG else { return false }
                    capacity *= 2
                    output.append(contentsOf: repeatElement(0, count: capacity - output.count))
                    continue
                }
                if inLeft > 0 { continue }
                if flushed { return true }
                flushed = true
            }
        }
        guard ok else { return .invalid }
        return .success(String(decoding: output[0..<produced], as: UTF8.self))
    }
}
