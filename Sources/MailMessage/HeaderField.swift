/// One header field: its name as written and its unfolded, trimmed, undecoded value.
public struct HeaderField: Sendable, Equatable, Hashable, Codable {
    /// The field name as written, e.g. `"Subject"`.
    public var name: String
    /// The unfolded value, trimmed, with RFC 2047 encoded words left as written.
    public var value: String

    /// Creates a header field.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// The value with RFC 2047 encoded words decoded.
    public var decodedValue: String { EncodedWords.decode(value) }
}
