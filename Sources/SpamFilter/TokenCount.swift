/// A pair of counters, one for spam and one for ham.
///
/// Used both for the number of training messages containing a token and for
/// the message totals of a ``TokenStatistics``. In a ``TokenDelta`` the values
/// are signed changes. Encodes compactly as the two-element array `[spam, ham]`.
public struct TokenCount: Sendable, Hashable {
    /// Number of spam messages (or the change to it in a delta).
    public var spam: Int
    /// Number of ham messages (or the change to it in a delta).
    public var ham: Int

    /// Creates a counter pair.
    public init(spam: Int = 0, ham: Int = 0) {
        self.spam = spam
        self.ham = ham
    }

    /// A pair with both counters at zero.
    public static let zero = TokenCount()

    /// `true` when both counters are zero.
    public var isZero: Bool { spam == 0 && ham == 0 }

    /// Sum of both counters.
    public var total: Int { spam + ham }

    /// The counter for `category`.
    public subscript(category: MessageCategory) -> Int {
        get { category == .spam ? spam : ham }
        set {
            switch category {
            case .spam: spam = newValue
            case .ham: ham = newValue
            }
        }
    }

    /// Component-wise sum.
    public static func + (lhs: TokenCount, rhs: TokenCount) -> TokenCount {
        TokenCount(spam: lhs.spam + rhs.spam, ham: lhs.ham + rhs.ham)
    }

    /// Component-wise sum, in place.
    public static func += (lhs: inout TokenCount, rhs: TokenCount) {
        lhs = lhs + rhs
    }

    /// Component-wise negation, used to invert a delta.
    public static prefix func - (value: TokenCount) -> TokenCount {
        TokenCount(spam: -value.spam, ham: -value.ham)
    }
}

extension TokenCount: Codable {
    /// Decodes the compact `[spam, ham]` form.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        spam = try container.decode(Int.self)
        ham = try container.decode(Int.self)
    }

    /// Encodes as the compact `[spam, ham]` form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(spam)
        try container.encode(ham)
    }
}
