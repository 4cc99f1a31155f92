/// The result of classifying one message.
///
/// Encodes to JSON as `{"verdict":"spam","score":0.998,"tokens":[…]}`; the
/// CLI adds the file name.
public struct SpamClassification: Sendable, Hashable, Codable {
    /// Spam, ham or unsure, from ``score`` and the classifier's thresholds.
    public let verdict: Verdict
    /// Fisher–Robinson combined spam score, 0 (ham) … 1 (spam).
    public let score: Double
    /// The most extreme tokens used, most decisive first (bounded by
    /// ``SpamClassifier/reportedTokenLimit``).
    public let tokens: [TokenEvidence]
    /// Number of tokens that passed the minimum-deviation filter and entered the score.
    public let significantTokenCount: Int

    /// Creates a result.
    public init(verdict: Verdict, score: Double, tokens: [TokenEvidence], significantTokenCount: Int) {
        self.verdict = verdict
        self.score = score
        self.tokens = tokens
        self.significantTokenCount = significantTokenCount
    }
}
