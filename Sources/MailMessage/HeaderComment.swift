/// RFC 5322 §3.2.2 comments: `(text (nested) \) escaped)`, as met in structured header fields.
enum HeaderComment {
    /// Nesting deeper than this is not a comment anyone wrote: the rest of the field is taken as comment.
    static let maxDepth = 64

    /// The index after the (possibly nested) comment that starts with `(` at `start`; the end of
    /// `bytes` when it is never closed or nests deeper than `maxDepth`.
    static func end(in bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 1
            case UInt8(ascii: "("):
                depth += 1
                if depth > maxDepth { return bytes.count }
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default:
                break
            }
            index += 1
        }
        return bytes.count
    }
}
