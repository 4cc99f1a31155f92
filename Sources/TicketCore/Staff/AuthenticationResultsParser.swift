/// A recursive-descent reader of the RFC 8601 grammar over UTF-8 bytes, one pass, no recursion
/// (comment nesting is counted), so hostile input costs linear time and never traps.
///
/// ```
/// authres-header = authserv-id [ CFWS authres-version ] ( no-result / 1*resinfo )
/// resinfo        = ";" methodspec [ reasonspec ] *propspec
/// methodspec     = method [ "/" version ] "=" result
/// propspec       = ptype "." property "=" pvalue
/// ```
/// Lenient where real servers are: a missing authserv-id (Microsoft 365), `name=value` without a
/// ptype (`action=none`), empty results between `;;` and a trailing `;`.
struct AuthenticationResultsParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ value: String) {
        bytes = Array(value.utf8)
    }

    mutating func parse() throws(AuthenticationResultsError) -> AuthenticationResults {
        try skipCFWS()
        guard index < bytes.count else { throw .empty }
        var authservID = ""
        var version: Int?
        var results: [AuthenticationResults.MethodResult] = []
        if startsWithMethodSpec() {
            results.append(try methodResult())
        } else {
            authservID = try value()
            try skipCFWS()
            if let digits = digitRun() {
                version = Int(digits)
                try skipCFWS()
            }
        }
        var sawNone = false
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: ";") else { throw .unexpectedCharacter(offset: index) }
            index += 1
            try skipCFWS()
            guard index < bytes.count, bytes[index] != UInt8(ascii: ";") else { continue }
            if results.isEmpty, isNone() {
                sawNone = true
                continue
            }
            guard !sawNone else { throw .malformedResult("none") }
            results.append(try methodResult())
        }
        guard !results.isEmpty || sawNone else { throw .missingResults }
        return AuthenticationResults(authservID: authservID, version: version, results: results)
    }

    /// `method [/version] = result`, then the reason and properties up to the next `;`.
    private mutating func methodResult() throws(AuthenticationResultsError) -> AuthenticationResults.MethodResult {
        let start = index
        let method = keyword()
        try skipCFWS()
        var methodVersion: Int?
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") {
            index += 1
            try skipCFWS()
            guard let digits = digitRun() else { throw .malformedResult(text(from: start)) }
            methodVersion = Int(digits)
            try skipCFWS()
        }
        guard !method.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw .malformedResult(text(from: start)) }
        index += 1
        try skipCFWS()
        let result = keyword()
        guard !result.isEmpty else { throw .malformedResult(text(from: start)) }
        var entry = AuthenticationResults.MethodResult(method: method, methodVersion: methodVersion, result: result)
        try skipCFWS()
        while index < bytes.count, bytes[index] != UInt8(ascii: ";") {
            let propertyStart = index
            let name = keyword(allowingDots: true).lowercased()
            try skipCFWS()
            guard !name.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw .malformedProperty(text(from: propertyStart))
            }
            index += 1
            try skipCFWS()
            let propertyValue = try value()
            guard !propertyValue.isEmpty else { throw .malformedProperty(text(from: propertyStart)) }
            if name == "reason" {
                entry.reason = entry.reason ?? propertyValue
            } else if entry.properties[name] == nil {
                entry.properties[name] = propertyValue
            }
            try skipCFWS()
        }
        return entry
    }

    /// Whether a `method=` comes first (a header without authserv-id).
    private func startsWithMethodSpec() -> Bool {
        var probe = index
        while probe < bytes.count, Self.isKeywordByte(bytes[probe]) { probe += 1 }
        while probe < bytes.count, Self.isSpace(bytes[probe]) { probe += 1 }
        return probe > index && probe < bytes.count && bytes[probe] == UInt8(ascii: "=")
    }

    /// Whether the next result is the word `none` standing alone.
    private mutating func isNone() -> Bool {
        let start = index
        guard keyword().lowercased() == "none" else {
            index = start
            return false
        }
        var probe = index
        while probe < bytes.count, Self.isSpace(bytes[probe]) { probe += 1 }
        guard probe == bytes.count || bytes[probe] == UInt8(ascii: ";") || bytes[probe] == UInt8(ascii: "(") else {
            index = start
            return false
        }
        return true
    }

    /// Letters, digits, `-` and `_` (and `.` in property names).
    private mutating func keyword(allowingDots: Bool = false) -> String {
        let start = index
        while index < bytes.count, Self.isKeywordByte(bytes[index]) || (allowingDots && bytes[index] == UInt8(ascii: ".")) {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A quoted string (unquoted) or a run of anything but white space, `;`, `(`, `)` and `"`.
    private mutating func value() throws(AuthenticationResultsError) -> String {
        guard index < bytes.count else { return "" }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            var content: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    content.append(bytes[index + 1])
                    index += 2
                } else if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: content, as: UTF8.self)
                } else {
                    content.append(byte)
                    index += 1
                }
            }
            throw .unterminatedQuotedString
        }
        let start = index
        while index < bytes.count, !Self.isSpace(bytes[index]), !Self.isSpecial(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func digitRun() -> String? {
        let start = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        guard index > start, index - start <= 9 else {
            index = start
            return nil
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// White space and comments; comments nest and may escape with `\`.
    private mutating func skipCFWS() throws(AuthenticationResultsError) {
        while index < bytes.count {
            if Self.isSpace(bytes[index]) {
                index += 1
            } else if bytes[index] == UInt8(ascii: "(") {
                var depth = 0
                repeat {
                    guard index < bytes.count else { throw .unterminatedComment }
                    switch bytes[index] {
                    case UInt8(ascii: "\\"): index += 1
                    case UInt8(ascii: "("): depth += 1
                    case UInt8(ascii: ")"): depth -= 1
                    default: break
                    }
                    index += 1
                } while depth > 0
            } else {
                return
            }
        }
    }

    private func text(from start: Int) -> String {
        let end = bytes[start...].firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0a
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ";") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "\"")
    }

    private static func isKeywordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }
}
