#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks the MIME tree of a message, collecting the readable body text, the HTML body and the attachments.
///
/// Every loop advances, nesting is capped by `ParseLimits.maxNestingDepth` and the total number of parts
/// by `ParseLimits.maxParts`, so time and memory stay proportional to the input.
struct MIMEParser {
    /// The body found in one entity: text from text/plain parts (and forwarded messages), and raw HTML.
    struct Body {
        var plain: String?
        var html: String?

        /// The best readable text: plain text, else HTML turned into text.
        var readable: String? {
            plain ?? html.map { HTMLText.convert($0) }
        }
    }

    /// How an entity is reached, which decides whether text parts may be body text.
    enum Role {
        case body
        case relatedResource
    }

    /// RFC 2046 allows 70 characters; longer boundaries are tolerated up to this length.
    static let maxBoundaryLength = 200

    let limits: ParseLimits
    var defects = DefectLog()
    var attachments: [Attachment] = []
    private var partCount = 0
    private var reportedPartLimit = false

    init(limits: ParseLimits) {
        self.limits = limits
    }

    /// Parses the entity whose header fields are `headers` and whose body is `range` of `bytes`.
    mutating func walk(_ bytes: [UInt8], body range: Range<Int>, headers: HeaderFields, depth: Int,
                       defaultType: String, role: Role) -> Body {
        partCount += 1
        if partCount > limits.maxParts {
            if !reportedPartLimit { defects.add(.partLimitExceeded(limit: limits.maxParts)) }
            reportedPartLimit = true
            return Body()
        }
        let contentType = resolvedType(headers, defaultType: defaultType)
        let type = contentType.value
        let disposition = MIMEHeaderValue(headers["Content-Disposition"])

        if type.hasPrefix("multipart/") {
            guard depth < limits.maxNestingDepth else {
                defects.add(.nestingLimitExceeded(limit: limits.maxNestingDepth))
                addAttachment(bytes[range], headers: headers, type: contentType, disposition: disposition, role: role)
                return Body()
            }
            guard let boundary = contentType.parameter("boundary") else {
                defects.add(.missingBoundaryParameter(contentType: type))
                return textBody(bytes[range], headers: headers, type: MIMEHeaderValue("text/plain"))
            }
            guard boundary.utf8.count <= Self.maxBoundaryLength else {
                defects.add(.invalidBoundary(String(boundary.prefix(80))))
                return textBody(bytes[range], headers: headers, type: MIMEHeaderValue("text/plain"))
            }
            return walkMultipart(bytes, body: range, type: contentType, boundary: boundary, depth: depth)
        }
        let isAttachmentDisposition = disposition.value == "attachment"
        if type == "message/rfc822" || type == "message/global" {
            let isEncoded = ["base64", "quoted-printable"].contains(MIMEHeaderValue(headers["Content-Transfer-Encoding"]).value)
            let decoded = transferDecoded(bytes[range], headers: headers)
            let name = disposition.parameter("filename") ?? contentType.parameter("name")
            guard depth < limits.maxNestingDepth else {
                defects.add(.nestingLimitExceeded(limit: limits.maxNestingDepth))
                attachments.append(Attachment(filename: name, contentType: type, data: decoded,
                                              contentID: contentID(headers), isInline: disposition.value == "inline"))
                return Body()
            }
            let source = isEncoded ? decoded : bytes
            let sourceRange = isEncoded ? 0..<decoded.count : range
            let nested = HeaderParser.parse(source, in: sourceRange, limits: limits, skipMboxLine: true, defects: &defects)
            let subject = nested.headers.decoded("Subject")?.trimmingASCIIWhitespace()
            attachments.append(Attachment(filename: name ?? subject.map { $0.isEmpty ? "message.eml" : $0 + ".eml" },
                                          contentType: type, data: decoded, contentID: contentID(headers),
                                          isInline: disposition.value == "inline"))
            let inner = walk(source, body: nested.bodyStart..<sourceRange.upperBound, headers: nested.headers,
                             depth: depth + 1, defaultType: "text/plain", role: .body)
            return Body(plain: forwardedText(nested.headers, body: inner.readable ?? ""), html: nil)
        }
        let hasFilename = disposition.parameter("filename") != nil || contentType.parameter("name") != nil
        let bodyEligible = (type == "text/plain" || type == "text/html") && role == .body && !isAttachmentDisposition
            && (!hasFilename || disposition.value == "inline" || depth == 0)
        if bodyEligible {
            return textBody(bytes[range], headers: headers, type: contentType)
        }
        addAttachment(bytes[range], headers: headers, type: contentType, disposition: disposition, role: role)
        return Body()
    }

    private mutating func resolvedType(_ headers: HeaderFields, defaultType: String) -> MIMEHeaderValue {
        guard let raw = headers["Content-Type"] else { return MIMEHeaderValue(defaultType) }
        var parsed = MIMEHeaderValue(raw)
        let pieces = parsed.value.split(separator: "/", omittingEmptySubsequences: false)
        if pieces.count != 2 || pieces.contains(where: \.isEmpty) {
            if parsed.value == "text" {
                parsed.value = "text/plain"
            } else {
                defects.add(.invalidContentType(String(raw.prefix(80))))
                let fallback = MIMEHeaderValue(defaultType)
                parsed.value = fallback.value
            }
        }
        return parsed
    }

    private mutating func walkMultipart(_ bytes: [UInt8], body range: Range<Int>, type: MIMEHeaderValue,
                                        boundary: String, depth: Int) -> Body {
        let split = Self.split(bytes, range: range, boundary: boundary)
        guard split.found else {
            defects.add(.boundaryNotFound(boundary: String(boundary.prefix(80))))
            return textBody(bytes[range], headers: HeaderFields(), type: MIMEHeaderValue("text/plain"))
        }
        if !split.closed { defects.add(.missingFinalBoundary(boundary: String(boundary.prefix(80)))) }
        let subtype = type.value.dropFirst("multipart/".count)
        let childDefault = subtype == "digest" ? "message/rfc822" : "text/plain"
        var children: [(headers: HeaderFields, body: Range<Int>)] = []
        for part in split.parts {
            if partCount + children.count >= limits.maxParts {
                defects.add(.partLimitExceeded(limit: limits.maxParts))
                break
            }
            let parsed = HeaderParser.parse(bytes, in: part, limits: limits, skipMboxLine: false, defects: &defects)
            children.append((parsed.headers, parsed.bodyStart..<part.upperBound))
        }
        switch subtype {
        case "alternative":
            var plain: String?
            var html: String?
            for child in children {
                let body = walk(bytes, body: child.body, headers: child.headers, depth: depth + 1,
                                defaultType: childDefault, role: .body)
                if plain == nil, let text = body.plain, !text.trimmingASCIIWhitespace().isEmpty { plain = text }
                if let text = body.html { html = text }
            }
            return Body(plain: plain, html: html)
        case "related":
            let start = type.parameter("start").map { MessageIDParser.single($0) ?? $0 }
            let rootIndex = start.flatMap { id in
                children.firstIndex { MessageIDParser.single($0.headers["Content-ID"]) == id }
            } ?? 0
            var result = Body()
            for (index, child) in children.enumerated() {
                let body = walk(bytes, body: child.body, headers: child.headers, depth: depth + 1,
                                defaultType: childDefault, role: index == rootIndex ? .body : .relatedResource)
                if index == rootIndex { result = body }
            }
            return result
        default:
            var texts: [String] = []
            var html: String?
            for child in children {
                let body = walk(bytes, body: child.body, headers: child.headers, depth: depth + 1,
                                defaultType: childDefault, role: .body)
                if let text = body.readable?.trimmingTrailingWhitespace, !text.isEmpty { texts.append(text) }
                if html == nil { html = body.html }
            }
            return Body(plain: texts.isEmpty ? nil : texts.joined(separator: "\n\n"), html: html)
        }
    }

    /// The forwarded message's headers as a readable block followed by its text.
    private func forwardedText(_ headers: HeaderFields, body: String) -> String {
        var lines = ["---------- Forwarded message ----------"]
        for name in ["From", "Date", "Subject", "To", "Cc"] {
            if let value = headers.decoded(name), !value.isEmpty {
                lines.append("\(name): \(value.neutralizingLineBreaks)")
            }
        }
        return lines.joined(separator: "\n") + "\n\n" + body
    }

    private mutating func textBody(_ raw: ArraySlice<UInt8>, headers: HeaderFields, type: MIMEHeaderValue) -> Body {
        let bytes = transferDecoded(raw, headers: headers)
        var charset = type.parameter("charset")
        if charset == nil, type.value == "text/html" { charset = Self.sniffHTMLCharset(bytes) }
        let decoded = Charsets.decode(bytes, declared: charset)
        defects.add(decoded.defect)
        var text = decoded.text.normalizingNewlines
        if type.value == "text/html" {
            return Body(plain: nil, html: text)
        }
        if type.parameter("format")?.lowercased() == "flowed" {
            text = FlowedText.unflow(text, deleteSpace: type.parameter("delsp")?.lowercased() == "yes")
        }
        return Body(plain: text, html: nil)
    }

    /// The charset named by a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">` near the start.
    static func sniffHTMLCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4_096).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset=".utf8)
        guard head.count >= key.count else { return nil }
        for start in 0...(head.count - key.count) where head[start..<(start + key.count)].elementsEqual(key) {
            var index = start + key.count
            while index < head.count, head[index] == UInt8(ascii: "\"") || head[index] == UInt8(ascii: "'") || head[index] == 0x20 {
                index += 1
            }
            let nameStart = index
            while index < head.count, index - nameStart < 40, head[index] > 0x20, head[index] < 0x7F,
                  ![UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ";"), UInt8(ascii: ">"), UInt8(ascii: "/")].contains(head[index]) {
                index += 1
            }
            if index > nameStart { return String(decoding: head[nameStart..<index], as: UTF8.self) }
        }
        return nil
    }

    private mutating func addAttachment(_ raw: ArraySlice<UInt8>, headers: HeaderFields, type: MIMEHeaderValue,
                                        disposition: MIMEHeaderValue, role: Role) {
        let data = transferDecoded(raw, headers: headers)
        let filename = disposition.parameter("filename") ?? type.parameter("name")
        let isInline = disposition.value == "inline" || (role == .relatedResource && disposition.value != "attachment")
        attachments.append(Attachment(filename: filename, contentType: type.value, data: data,
                                      contentID: contentID(headers), isInline: isInline))
    }

    private func contentID(_ headers: HeaderFields) -> String? {
        guard let raw = headers["Content-ID"] else { return nil }
        let id = MessageIDParser.single(raw).map { String($0.dropFirst().dropLast()) } ?? raw.trimmingASCIIWhitespace(extra: "<>")
        return id.isEmpty ? nil : id
    }

    private mutating func transferDecoded(_ raw: ArraySlice<UInt8>, headers: HeaderFields) -> [UInt8] {
        let encoding = MIMEHeaderValue(headers["Content-Transfer-Encoding"]).value
        switch encoding {
        case "base64":
            let output = TransferCoding.decodeBase64(raw)
            if !output.isClean { defects.add(.invalidBase64) }
            return output.bytes
        case "quoted-printable":
            let output = TransferCoding.decodeQuotedPrintable(raw)
            if !output.isClean { defects.add(.invalidQuotedPrintable) }
            return output.bytes
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit":
            return Array(raw)
        default:
            defects.add(.unknownTransferEncoding(String(encoding.prefix(40))))
            return Array(raw)
        }
    }

    /// Part ranges between boundary lines; `found` is false when no delimiter appears at all.
    static func split(_ bytes: [UInt8], range: Range<Int>, boundary: String) -> (parts: [Range<Int>], found: Bool, closed: Bool) {
        let delimiter = Array("--".utf8) + Array(boundary.utf8)
        var parts: [Range<Int>] = []
        var partStart: Int?
        var search = range.lowerBound
        var found = false
        while search < range.upperBound {
            guard let hit = find(delimiter, in: bytes, from: search, end: range.upperBound) else { break }
            search = hit + 1
            guard hit == range.lowerBound || bytes[hit - 1] == 0x0A else { continue }
            var after = hit + delimiter.count
            let isClose = after + 1 < range.upperBound && bytes[after] == UInt8(ascii: "-")
                && bytes[after + 1] == UInt8(ascii: "-")
            if !isClose {
                while after < range.upperBound, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                guard after == range.upperBound || bytes[after] == 0x0A || bytes[after] == 0x0D else { continue }
            }
            found = true
            if let start = partStart {
                var end = hit
                if end > start, bytes[end - 1] == 0x0A { end -= 1 }
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                parts.append(start..<max(start, end))
            }
            if isClose { return (parts, true, true) }
            let lineEnd = HeaderParser.findLineFeed(bytes, from: after, end: range.upperBound)
            partStart = min(lineEnd + 1, range.upperBound)
            search = partStart ?? range.upperBound
        }
        if let start = partStart, start < range.upperBound {
            parts.append(start..<range.upperBound)
        }
        return (parts, found, false)
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, end: Int) -> Int? {
        guard let first = needle.first, end - from >= needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = haystack.baseAddress, let patternBase = pattern.baseAddress else { return nil }
                var position = from
                while end - position >= pattern.count {
                    guard let hit = memchr(base + position, Int32(first), end - position - pattern.count + 1) else {
                        return nil
                    }
                    let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if memcmp(base + offset, patternBase, pattern.count) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
        }
    }
}
