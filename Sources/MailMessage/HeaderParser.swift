#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits the header section of an entity into unfolded fields and finds where its body starts.
enum HeaderParser {
    struct Result {
        var headers: HeaderFields
        var bodyStart: Int
        /// True when the entity had no header fields at all.
        var hadNoHeaders: Bool
    }

    /// Parses the header section in `range` of `bytes`.
    ///
    /// Accepts LF or CRLF line ends, a leading mbox `From ` line (when `skipMboxLine`), obsolete whitespace
    /// before the colon, and raw 8-bit bytes (decoded as UTF-8, else Windows-1250, else ISO-8859-1).
    static func parse(_ bytes: [UInt8], in range: Range<Int>, limits: ParseLimits, skipMboxLine: Bool,
                      defects: inout DefectLog) -> Result {
        var headers = HeaderFields()
        var currentName: String?
        var currentValue: [UInt8] = []
        var currentTruncated = false
        var skippingField = false
        var fieldCount = 0
        var position = range.lowerBound
        var bodyStart = range.upperBound
        var isFirstLine = true

        func finishField() {
            defer {
                currentName = nil
                currentValue.removeAll(keepingCapacity: true)
                currentTruncated = false
            }
            guard let name = currentName else { return }
            let value: String
            if currentValue.allSatisfy({ $0 < 0x80 }) {
                value = String(decoding: currentValue, as: UTF8.self)
            } else {
                let decoded = Charsets.fallbackChain(currentValue)
                defects.add(.eightBitHeader(name: name, decodedAs: decoded.usedCharset))
                value = decoded.text
            }
            headers.append(HeaderField(name: name, value: value.trimmingASCIIWhitespace()))
        }

        while position < range.upperBound {
            let lineEnd = findLineFeed(bytes, from: position, end: range.upperBound)
            let next = lineEnd < range.upperBound ? lineEnd + 1 : range.upperBound
            var contentEnd = lineEnd
            if contentEnd > position, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            defer { isFirstLine = false }
            if contentEnd == position {
                bodyStart = next
                break
            }
            if isFirstLine, skipMboxLine, startsWith(bytes, at: position, end: contentEnd, "From ") {
                position = next
                continue
            }
            var line = position..<contentEnd
            if line.count > limits.maxLineLength {
                line = position..<(position + limits.maxLineLength)
                defects.add(.headerLengthLimitExceeded(name: currentName ?? "(line)", limit: limits.maxLineLength))
            }
            let first = bytes[position]
            if first == 0x20 || first == 0x09 {
                if currentName != nil, !currentTruncated {
                    appendBounded(bytes[line])
                }
                position = next
                continue
            }
            guard let colon = fieldNameEnd(bytes, line: line) else {
                if isFirstLine {
                    bodyStart = range.lowerBound
                    finishField()
                    return Result(headers: headers, bodyStart: bodyStart, hadNoHeaders: true)
                }
                let preview = String(decoding: bytes[line].prefix(60), as: UTF8.self)
                defects.add(.malformedHeaderLine(preview))
                bodyStart = position
                break
            }
            finishField()
            fieldCount += 1
            if fieldCount > limits.maxHeaderCount {
                if !skippingField { defects.add(.headerCountLimitExceeded(limit: limits.maxHeaderCount)) }
                skippingField = true
                position = next
                continue
            }
            var nameEnd = colon
            while nameEnd > position, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            currentName = String(decoding: bytes[position..<nameEnd], as: UTF8.self)
            var valueStart = colon + 1
            while valueStart < line.upperBound, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            appendBounded(bytes[valueStart..<line.upperBound])
            position = next
        }
        finishField()
        return Result(headers: headers, bodyStart: bodyStart, hadNoHeaders: headers.isEmpty)

        func appendBounded(_ slice: ArraySlice<UInt8>) {
            let room = limits.maxHeaderLength - currentValue.count
            if slice.count <= room {
                currentValue.append(contentsOf: slice)
            } else {
                currentValue.append(contentsOf: slice.prefix(max(0, room)))
                currentTruncated = true
                defects.add(.headerLengthLimitExceeded(name: currentName ?? "(unknown)", limit: limits.maxHeaderLength))
            }
        }
    }

    /// The index of the colon ending a field name on this line (no controls or spaces, optional trailing blanks).
    ///
    /// 8-bit bytes are tolerated in names so one broken field does not push the remaining headers into the body.
    private static func fieldNameEnd(_ bytes: [UInt8], line: Range<Int>) -> Int? {
        var index = line.lowerBound
        while index < line.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") {
                return index > line.lowerBound ? index : nil
            }
            if byte == 0x20 || byte == 0x09 {
                var probe = index
                while probe < line.upperBound, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                return probe < line.upperBound && bytes[probe] == UInt8(ascii: ":") && index > line.lowerBound ? probe : nil
            }
            guard byte > 0x20, byte != 0x7F else { return nil }
            index += 1
        }
        return nil
    }

    private static func startsWith(_ bytes: [UInt8], at start: Int, end: Int, _ prefix: String) -> Bool {
        let prefixBytes = Array(prefix.utf8)
        guard end - start >= prefixBytes.count else { return false }
        return bytes[start..<(start + prefixBytes.count)].elementsEqual(prefixBytes)
    }

    /// The index of the next LF at or after `from`, or `end` when there is none.
    static func findLineFeed(_ bytes: [UInt8], from: Int, end: Int) -> Int {
        guard from < end else { return end }
        return bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress, let found = memchr(base + from, 0x0A, end - from) else { return end }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }
}
