/// Header fields in their original order; name look-ups are case-insensitive.
public struct HeaderFields: Sendable, Sequence, Equatable {
    public typealias Element = HeaderField

    private var fields: [HeaderField]
    private var lowercasedNames: [String]

    /// Creates a header collection from fields in order.
    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
        self.lowercasedNames = fields.map { $0.name.lowercased() }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The first value of the named field, unfolded and trimmed, RFC 2047 encoded words left as written.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        guard let index = lowercasedNames.firstIndex(of: key) else { return nil }
        return fields[index].value
    }

    /// All values of the named field, in order.
    public func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return zip(lowercasedNames, fields).compactMap { $0.0 == key ? $0.1.value : nil }
    }

    /// The first value of the named field with RFC 2047 encoded words decoded.
    public func decoded(_ name: String) -> String? {
        self[name].map { EncodedWords.decode($0) }
    }

    /// Whether a field with this name exists.
    public func contains(_ name: String) -> Bool {
        lowercasedNames.contains(name.lowercased())
    }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[HeaderField]> {
        fields.makeIterator()
    }

    mutating func append(_ field: HeaderField) {
        fields.append(field)
        lowercasedNames.append(field.name.lowercased())
    }
}
