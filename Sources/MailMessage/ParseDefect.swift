/// A problem found while parsing a message; parsing always continues with what is safe.
public enum ParseDefect: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The message has no header section at all.
    case noHeaders
    /// A header line had neither a field name nor leading whitespace; the body was taken to start there.
    case malformedHeaderLine(String)
    /// A header field contained raw 8-bit bytes; they were decoded with the named charset.
    case eightBitHeader(name: String, decodedAs: String)
    /// More header fields than `ParseLimits.maxHeaderCount`; the rest were skipped.
    case headerCountLimitExceeded(limit: Int)
    /// A header field or line was longer than the limit and was truncated.
    case headerLengthLimitExceeded(name: String, limit: Int)
    /// Multipart or message/rfc822 nesting went deeper than the limit; deeper parts were kept as opaque data.
    case nestingLimitExceeded(limit: Int)
    /// More MIME parts than `ParseLimits.maxParts`; the remaining parts were ignored.
    case partLimitExceeded(limit: Int)
    /// A multipart entity had no boundary parameter; it was read as plain text.
    case missingBoundaryParameter(contentType: String)
    /// A multipart boundary was longer than 200 characters; the body was read as plain text.
    case invalidBoundary(String)
    /// A multipart entity's boundary never appeared; its body was read as plain text.
    case boundaryNotFound(boundary: String)
    /// A multipart entity ended without its closing `--boundary--` line; the last part runs to the end.
    case missingFinalBoundary(boundary: String)
    /// The Content-Type value could not be understood; the default type was used.
    case invalidContentType(String)
    /// The declared charset is unknown to iconv; the text was decoded with the fallback charset.
    case unknownCharset(String, fallback: String)
    /// The bytes are not valid in the declared charset; the text was decoded with the fallback charset.
    case charsetMismatch(declared: String, decodedAs: String)
    /// Base64 data contained invalid characters or a truncated final group; decoding skipped them.
    case invalidBase64
    /// Quoted-printable data contained malformed `=` escapes; they were kept literally.
    case invalidQuotedPrintable
    /// The Content-Transfer-Encoding is unknown; the body was used undecoded.
    case unknownTransferEncoding(String)

    /// A sentence saying what was wrong and what the parser did about it.
    public var description: String {
        switch self {
        case .noHeaders:
            return "message has no header section; the whole input was treated as the body"
        case .malformedHeaderLine(let line):
            return "header line \"\(line)\" is not a field; the body was assumed to start there (is a blank line missing after the headers?)"
        case .eightBitHeader(let name, let charset):
            return "header \(name) contains raw 8-bit bytes; decoded as \(charset) (the sender should use RFC 2047 encoded words)"
        case .headerCountLimitExceeded(let limit):
            return "more than \(limit) header fields; the rest were skipped (raise ParseLimits.maxHeaderCount to keep them)"
        case .headerLengthLimitExceeded(let name, let limit):
            return "header \(name) is longer than \(limit) bytes and was truncated (raise ParseLimits.maxHeaderLength or maxLineLength)"
        case .nestingLimitExceeded(let limit):
            return "MIME nesting deeper than \(limit) levels; deeper parts were kept undecoded (raise ParseLimits.maxNestingDepth)"
        case .partLimitExceeded(let limit):
            return "more than \(limit) MIME parts; the remaining parts were ignored (raise ParseLimits.maxParts)"
        case .missingBoundaryParameter(let type):
            return "\(type) has no boundary parameter; its body was read as plain text"
        case .invalidBoundary(let boundary):
            return "multipart boundary \"\(boundary)…\" is longer than 200 characters (RFC 2046 allows 70); the body was read as plain text"
        case .boundaryNotFound(let boundary):
            return "multipart boundary \"\(boundary)\" never appears in the body; it was read as plain text"
        case .missingFinalBoundary(let boundary):
            return "multipart boundary \"\(boundary)\" is never closed with \"--\(boundary)--\"; the last part runs to the end (the message may be truncated)"
        case .invalidContentType(let value):
            return "Content-Type \"\(value)\" is not a valid type/subtype; the default type was used"
        case .unknownCharset(let name, let fallback):
            return "unknown charset \"\(name)\" (fell back to \(fallback))"
        case .charsetMismatch(let declared, let used):
            return "text is not valid \(declared) as declared; decoded as \(used) instead"
        case .invalidBase64:
            return "base64 data has invalid characters or a truncated final group; they were skipped"
        case .invalidQuotedPrintable:
            return "quoted-printable data has malformed \"=\" escapes; they were kept as written"
        case .unknownTransferEncoding(let encoding):
            return "unknown Content-Transfer-Encoding \"\(encoding)\"; the body was used undecoded"
        }
    }
}
