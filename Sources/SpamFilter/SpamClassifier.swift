import Foundation

/// Robinson–Fisher token classifier (the bogofilter / SpamBayes method).
///
/// Each token's spam probability is Robinson's smoothed estimate
/// `f(w) = (s·x + n·p(w)) / (s + n)`, where `p(w)` is the message-count
/// normalised spam ratio and `n` the number of training messages containing
/// the token. Tokens with `|f(w) − 0.5| ≥ minimumDeviation` are kept, the
/// `maximumTokens` most extreme are combined with Fisher's chi-square method
/// into a score `(1 + H − S) / 2` in 0…1, and ``thresholds`` map it to a
/// ``Verdict``.
public struct SpamClassifier: Sendable, Hashable {
    /// Robinson's strength `s` of the prior for rarely seen tokens.
    public let strength: Double
    /// Robinson's assumed probability `x` of a token never seen before.
    public let assumedProbability: Double
    /// Tokens with `|f(w) − 0.5|` below this are ignored.
    public let minimumDeviation: Double
    /// At most this many of the most extreme tokens enter the score.
    public let maximumTokens: Int
    /// Cut-offs mapping the score to a verdict.
    public let thresholds: VerdictThresholds
    /// How many of the decisive tokens a result reports.
    public let reportedTokenLimit: Int

    /// The defaults: s = 1, x = 0.5, min-dev 0.1, 150 tokens, cut-offs 0.99 / 0.45.
    public static let `default` = SpamClassifier(
        uncheckedStrength: 1, assumedProbability: 0.5, minimumDeviation: 0.1,
        maximumTokens: 150, thresholds: .default, reportedTokenLimit: 15)

    /// Creates a classifier with validated parameters.
    /// - Throws: ``SpamFilterError/invalidParameter(name:value:validRange:)``
    ///   naming the first parameter out of range.
    public init(
        strength: Double = 1,
        assumedProbability: Double = 0.5,
        minimumDeviation: Double = 0.1,
        maximumTokens: Int = 150,
        thresholds: VerdictThresholds = .default,
        reportedTokenLimit: Int = 15
    ) throws(SpamFilterError) {
        guard strength > 0, strength.isFinite else {
            throw .invalidParameter(name: "strength", value: strength, validRange: "(0, ∞)")
        }
        guard assumedProbability > 0, assumedProbability < 1 else {
            throw .invalidParameter(name: "assumedProbability", value: assumedProbability, validRange: "(0, 1)")
        }
        guard minimumDeviation >= 0, minimumDeviation < 0.5 else {
            throw .invalidParameter(name: "minimumDeviation", value: minimumDeviation, validRange: "[0, 0.5)")
        }
        guard maximumTokens > 0 else {
            throw .invalidParameter(name: "maximumTokens", value: Double(maximumTokens), validRange: "1…")
        }
        guard reportedTokenLimit >= 0 else {
            throw .invalidParameter(name: "reportedTokenLimit", value: Double(reportedTokenLimit), validRange: "0…")
        }
        self.init(
            uncheckedStrength: strength, assumedProbability: assumedProbability,
            minimumDeviation: minimumDeviation, maximumTokens: maximumTokens,
            thresholds: thresholds, reportedTokenLimit: reportedTokenLimit)
    }

    private init(
        uncheckedStrength strength: Double, assumedProbability: Double, minimumDeviation: Double,
        maximumTokens: Int, thresholds: VerdictThresholds, reportedTokenLimit: Int
    ) {
        self.strength = strength
        self.assumedProbability = assumedProbability
        self.minimumDeviation = minimumDeviation
        self.maximumTokens = maximumTokens
        self.thresholds = thresholds
        self.reportedTokenLimit = reportedTokenLimit
    }

    /// A copy with other cut-offs.
    public func with(thresholds: VerdictThresholds) -> SpamClassifier {
        SpamClassifier(
            uncheckedStrength: strength, assumedProbability: assumedProbability,
            minimumDeviation: minimumDeviation, maximumTokens: maximumTokens,
            thresholds: thresholds, reportedTokenLimit: reportedTokenLimit)
    }

    /// Robinson's f(w) for a token seen in `count.spam` spam and `count.ham`
    /// ham messages out of `totals` trained messages.
    public func probability(of count: TokenCount, totals: TokenCount) -> Double {
        let spamRatio = totals.spam > 0 ? Double(count.spam) / Double(totals.spam) : 0
        let hamRatio = totals.ham > 0 ? Double(count.ham) / Double(totals.ham) : 0
        let n = Double(count.spam + count.ham)
        guard spamRatio + hamRatio > 0 else { return assumedProbability }
        let p = spamRatio / (spamRatio + hamRatio)
        return (strength * assumedProbability + n * p) / (strength + n)
    }

    /// Fisher–Robinson combination of token probabilities into a 0…1 score:
    /// `(1 + H − S) / 2` with `H = Q(−2 Σ ln f, 2n)` and `S = Q(−2 Σ ln(1 − f), 2n)`.
    /// An empty list gives 0.5.
    public func combinedScore(of probabilities: [Double]) -> Double {
        guard !probabilities.isEmpty else { return 0.5 }
        let epsilon = 1e-12
        var sumLogSpam = 0.0
        var sumLogHam = 0.0
        for f in probabilities {
            let clamped = min(max(f, epsilon), 1 - epsilon)
            sumLogSpam += log(clamped)
            sumLogHam += log(1 - clamped)
        }
        let dof = 2 * probabilities.count
        let hamEvidence = ChiSquare.survival(-2 * sumLogSpam, degreesOfFreedom: dof)
        let spamEvidence = ChiSquare.survival(-2 * sumLogHam, degreesOfFreedom: dof)
        return (1 + hamEvidence - spamEvidence) / 2
    }

    /// Classifies a message's tokens against in-memory statistics.
    public func classify(_ tokens: [String], with statistics: TokenStatistics) -> SpamClassification {
        classify(tokens, counts: statistics.counts(for: tokens), totals: statistics.messages)
    }

    /// Classifies a message's tokens, fetching only their counts from `store`.
    /// - Throws: Whatever the store throws.
    public func classify(_ tokens: [String], using store: some TokenStore) throws -> SpamClassification {
        let totals = try store.messageTotals()
        return classify(tokens, counts: try store.counts(for: tokens), totals: totals)
    }

    /// Classifies a message's tokens against counts fetched before (for a batch of messages at
    /// once: tokens missing from `counts` were never seen) and the trained `totals`.
    public func classify(_ tokens: [String], counts: [String: TokenCount], totals: TokenCount) -> SpamClassification {
        var seen = Set<String>()
        var candidates: [(evidence: TokenEvidence, deviation: Double)] = []
        for token in tokens where seen.insert(token).inserted {
            let count = counts[token] ?? .zero
            let f = probability(of: count, totals: totals)
            let deviation = abs(f - 0.5)
            guard deviation >= minimumDeviation, deviation > 0 else { continue }
            candidates.append(
                (TokenEvidence(token: token, probability: f, spamCount: count.spam, hamCount: count.ham), deviation))
        }
        candidates.sort {
            $0.deviation != $1.deviation ? $0.deviation > $1.deviation : $0.evidence.token < $1.evidence.token
        }
        let used = candidates.prefix(maximumTokens)
        let score = combinedScore(of: used.map(\.evidence.probability))
        return SpamClassification(
            verdict: thresholds.verdict(for: score),
            score: score,
            tokens: used.prefix(reportedTokenLimit).map(\.evidence),
            significantTokenCount: used.count)
    }
}
