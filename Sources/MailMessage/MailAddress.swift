/// An address like `"Kovács Péter" <peter@example.hu>`.
public struct MailAddress: Sendable, Hashable, Codable {
    /// The decoded display name (RFC 2047), nil when absent or empty; decoded CR, LF and NUL become spaces.
    public var name: String?
    /// The addr-spec as written, e.g. `"Peter@Example.hu"`.
    public var address: String

    /// Creates an address; an empty name is stored as nil.
    public init(address: String, name: String? = nil) {
        self.address = address
        self.name = (name?.isEmpty ?? true) ? nil : name
    }

    /// The lower-cased, trimmed address, for comparisons.
    public var normalized: String {
        address.trimmingASCIIWhitespace().lowercased()
    }

    /// The lower-cased part after the last `@`, or `""` when there is none.
    public var domain: String {
        let trimmed = normalized
        guard let at = trimmed.lastIndex(of: "@") else { return "" }
        return String(trimmed[trimmed.index(after: at)...])
    }

    /// Parses an address-list header value: groups, comments, quoted names, encoded words, obsolete forms. Never throws.
    public static func parseList(_ value: String) -> [MailAddress] {
        AddressListParser.parse(value)
    }
}
