import Foundation

/// In-memory token database: per-token spam/ham message counts and the
/// number of trained messages of each class.
///
/// A value type: copy it freely, mutate it by training. For persistence use
/// either ``serialized()`` / ``init(serialized:)`` (compact JSON) or apply the
/// ``TokenDelta`` returned by the training methods to a database table.
public struct TokenStatistics: Sendable, Hashable, TokenStore {
    /// Number of spam and ham messages trained.
    public private(set) var messages: TokenCount
    /// Per-token counts of trained messages containing the token.
    public private(set) var tokens: [String: TokenCount]

    /// Creates empty statistics.
    public init() {
        messages = .zero
        tokens = [:]
    }

    /// Creates statistics from a stored snapshot.
    ///
    /// - Throws: ``SpamFilterError/negativeCount(token:count:)`` if any count is negative.
    public init(messages: TokenCount, tokens: [String: TokenCount]) throws(SpamFilterError) {
        guard messages.spam >= 0, messages.ham >= 0 else {
            throw .negativeCount(token: "(message totals)", count: messages)
        }
        if let bad = tokens.first(where: { $0.value.spam < 0 || $0.value.ham < 0 }) {
            throw .negativeCount(token: bad.key, count: bad.value)
        }
        self.messages = messages
        self.tokens = tokens.filter { !$0.value.isZero }
    }

    /// Number of distinct tokens stored.
    public var tokenCount: Int { tokens.count }

    /// Counts for one token, ``TokenCount/zero`` if never seen.
    public subscript(token: String) -> TokenCount {
        tokens[token] ?? .zero
    }

    /// Trains one spam message given its tokens (counted once each).
    /// - Returns: The change made, for mirroring into a persistent store.
    @discardableResult
    public mutating func train(spam tokens: some Sequence<String>) -> TokenDelta {
        let delta = TokenDelta(training: tokens, as: .spam)
        applyUnchecked(delta)
        return delta
    }

    /// Trains one ham message given its tokens (counted once each).
    /// - Returns: The change made, for mirroring into a persistent store.
    @discardableResult
    public mutating func train(ham tokens: some Sequence<String>) -> TokenDelta {
        let delta = TokenDelta(training: tokens, as: .ham)
        applyUnchecked(delta)
        return delta
    }

    /// Trains one message of the given category.
    @discardableResult
    public mutating func train(_ tokens: some Sequence<String>, as category: MessageCategory) -> TokenDelta {
        let delta = TokenDelta(training: tokens, as: category)
        applyUnchecked(delta)
        return delta
    }

    /// Undoes an earlier ``train(_:as:)`` of the same tokens, e.g. before
    /// retraining a misclassified message as the other category.
    ///
    /// Token counts are floored at zero, like bogofilter's `-S`/`-N`.
    /// - Throws: ``SpamFilterError/nothingToUntrain(_:)`` if no message of
    ///   `category` has been trained.
    @discardableResult
    public mutating func untrain(
        _ tokens: some Sequence<String>, as category: MessageCategory
    ) throws(SpamFilterError) -> TokenDelta {
        guard messages[category] > 0 else { throw .nothingToUntrain(category) }
        var delta = TokenDelta(untraining: tokens, as: category)
        delta.tokens = delta.tokens.filter { self[$0.key][category] > 0 }
        applyUnchecked(delta)
        return delta
    }

    /// Applies a delta (e.g. one read back from a journal).
    /// - Throws: ``SpamFilterError/negativeCount(token:count:)`` without
    ///   changing anything if a count would become negative.
    public mutating func apply(_ delta: TokenDelta) throws(SpamFilterError) {
        let totals = messages + delta.messages
        guard totals.spam >= 0, totals.ham >= 0 else {
            throw .negativeCount(token: "(message totals)", count: totals)
        }
        for (token, change) in delta.tokens {
            let result = self[token] + change
            if result.spam < 0 || result.ham < 0 { throw .negativeCount(token: token, count: result) }
        }
        applyUnchecked(delta)
    }

    /// Adds all counts of `other`, e.g. to combine per-mailbox databases.
    public mutating func merge(_ other: TokenStatistics) {
        messages += other.messages
        tokens.merge(other.tokens, uniquingKeysWith: +)
    }

    /// The snapshot as a delta from empty statistics, ready to bulk-insert.
    public var asDelta: TokenDelta { TokenDelta(messages: messages, tokens: tokens) }

    /// Compact JSON encoding: `{"messages":[spam,ham],"tokens":{"word":[spam,ham],…}}`.
    public func serialized() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding dictionaries of integers cannot fail.
        return (try? encoder.encode(asDelta)) ?? Data()
    }

    /// Decodes the output of ``serialized()``.
    /// - Throws: ``SpamFilterError/corruptSnapshot(reason:)`` or
    ///   ``SpamFilterError/negativeCount(token:count:)``.
    public init(serialized data: Data) throws(SpamFilterError) {
        let snapshot: TokenDelta
        do {
            snapshot = try JSONDecoder().decode(TokenDelta.self, from: data)
        } catch {
            throw .corruptSnapshot(reason: String(describing: error))
        }
        try self.init(messages: snapshot.messages, tokens: snapshot.tokens)
    }

    // MARK: TokenStore

    /// Number of spam and ham messages trained so far.
    public func messageTotals() -> TokenCount { messages }

    /// Counts for the given tokens; unseen tokens are omitted.
    public func counts(for tokens: [String]) -> [String: TokenCount] {
        var result: [String: TokenCount] = [:]
        result.reserveCapacity(tokens.count)
        for token in tokens {
            if let count = self.tokens[token] { result[token] = count }
        }
        return result
    }

    private mutating func applyUnchecked(_ delta: TokenDelta) {
        messages += delta.messages
        for (token, change) in delta.tokens {
            if let index = tokens.index(forKey: token) {
                let result = tokens.values[index] + change
                if result.isZero { tokens.remove(at: index) } else { tokens.values[index] = result }
            } else if !change.isZero {
                tokens[token] = change
            }
        }
    }
}
