/// One complete IMAP server response: its text line(s) with every literal's bytes lifted out.
///
/// A literal announced as `{N}` at the end of a line stays in `text` as that marker; its bytes
/// are in `literals`, in order. This keeps message bodies byte-exact, whatever they contain.
struct IMAPResponse: Sendable, Equatable {
    /// The response text without the final CRLF (bytes, since servers may send 8-bit).
    var text: [UInt8]
    /// The literals' contents, in the order their markers appear in `text`.
    var literals: [[UInt8]]

    /// The tag (`*` for untagged, `+` for a continuation request).
    var tag: Substring {
        let line = textString
        return line.prefix { $0 != " " }
    }

    /// The text decoded leniently, for matching keywords.
    var textString: String { String(decoding: text, as: UTF8.self) }

    /// For a tagged completion: `OK`, `NO` or `BAD`.
    var status: Substring? {
        let parts = textString.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2 else { return nil }
        return parts[1]
    }
}
