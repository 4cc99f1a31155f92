/// A signed change to a token database: what one or more (un)training
/// operations add to the message totals and to each token's counts.
///
/// This is the unit a persistent store applies, e.g. one SQL upsert per entry
/// of ``tokens`` plus one update of the totals, inside a transaction.
public struct TokenDelta: Sendable, Hashable, Codable {
    /// Change to the number of trained spam and ham messages.
    public var messages: TokenCount
    /// Change to each token's spam and ham message counts.
    public var tokens: [String: TokenCount]

    /// Creates a delta from explicit changes.
    public init(messages: TokenCount = .zero, tokens: [String: TokenCount] = [:]) {
        self.messages = messages
        self.tokens = tokens
    }

    /// The delta of training one message with the given tokens as `category`.
    ///
    /// Tokens are counted once per message, as bogofilter does, even if the
    /// sequence repeats them.
    public init(training tokens: some Sequence<String>, as category: MessageCategory) {
        var change = TokenCount.zero
        change[category] = 1
        var perToken: [String: TokenCount] = [:]
        for token in tokens {
            perToken[token] = change
        }
        self.init(messages: change, tokens: perToken)
    }

    /// The delta that undoes training one message with the given tokens as `category`.
    public init(untraining tokens: some Sequence<String>, as category: MessageCategory) {
        self = -TokenDelta(training: tokens, as: category)
    }

    /// `true` when the delta changes nothing.
    public var isEmpty: Bool { messages.isZero && tokens.values.allSatisfy(\.isZero) }

    /// Adds another delta to this one; entries that cancel out are removed.
    public mutating func merge(_ other: TokenDelta) {
        messages += other.messages
        for (token, change) in other.tokens {
            let sum = (tokens[token] ?? .zero) + change
            tokens[token] = sum.isZero ? nil : sum
        }
    }

    /// The delta that exactly reverses this one.
    public static prefix func - (delta: TokenDelta) -> TokenDelta {
        TokenDelta(messages: -delta.messages, tokens: delta.tokens.mapValues { -$0 })
    }
}
