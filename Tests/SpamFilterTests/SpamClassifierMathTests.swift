import Foundation
import Testing
import SpamFilter

@Suite("Robinson–Fisher math")
struct SpamClassifierMathTests {
    let classifier = SpamClassifier.default

    @Test("Robinson f(w) with s = 1, x = 0.5 matches the hand computation")
    func robinson() {
        // p = (3/10) / (3/10 + 1/20) = 6/7, n = 4, f = (0.5 + 4·6/7) / 5 = 0.785714…
        let f = classifier.probability(of: TokenCount(spam: 3, ham: 1), totals: TokenCount(spam: 10, ham: 20))
        #expect(abs(f - (0.5 + 4 * 6.0 / 7) / 5) < 1e-12)
        #expect(classifier.probability(of: .zero, totals: TokenCount(spam: 10, ham: 20)) == 0.5)
        // A token seen once, only in spam: (0.5 + 1) / 2.
        #expect(abs(classifier.probability(of: TokenCount(spam: 1), totals: TokenCount(spam: 5, ham: 5)) - 0.75) < 1e-12)
    }

    @Test("Strength and assumed probability are tunable")
    func robinsonTunable() throws {
        let custom = try SpamClassifier(strength: 0.0178, assumedProbability: 0.52)
        let f = custom.probability(of: .zero, totals: TokenCount(spam: 1, ham: 1))
        #expect(f == 0.52)
        let seenOnce = custom.probability(of: TokenCount(ham: 1), totals: TokenCount(spam: 1, ham: 1))
        #expect(abs(seenOnce - 0.0178 * 0.52 / 1.0178) < 1e-12)
    }

    @Test("Fisher combining of 0.9 and 0.8 matches the closed form")
    func fisherTwoTokens() {
        // H = Q(−2 ln 0.72, 4) = 0.72 (1 − ln 0.72); S = Q(−2 ln 0.02, 4) = 0.02 (1 + ln 50).
        let h = 0.72 * (1 - log(0.72))
        let s = 0.02 * (1 + log(50.0))
        let expected = (1 + h - s) / 2
        #expect(abs(classifier.combinedScore(of: [0.9, 0.8]) - expected) < 1e-12)
        #expect(abs(expected - 0.929141) < 1e-6)
    }

    @Test("One token scores its own probability; symmetric evidence scores 0.5")
    func fisherIdentities() {
        #expect(abs(classifier.combinedScore(of: [0.83]) - 0.83) < 1e-12)
        #expect(abs(classifier.combinedScore(of: [0.99, 0.01]) - 0.5) < 1e-12)
        #expect(classifier.combinedScore(of: []) == 0.5)
        let manyHam = classifier.combinedScore(of: Array(repeating: 0.001, count: 1_000))
        #expect(manyHam >= 0 && manyHam < 1e-9, "large token sets must not underflow to NaN")
        let manySpam = classifier.combinedScore(of: Array(repeating: 0.999, count: 1_000))
        #expect(manySpam > 1 - 1e-9 && manySpam <= 1)
    }

    @Test("Only tokens beyond the minimum deviation enter the score")
    func minimumDeviation() throws {
        var statistics = TokenStatistics()
        statistics.train(spam: ["cheap", "common"])
        statistics.train(ham: ["meeting", "common"])
        let result = classifier.classify(["cheap", "common", "unknown"], with: statistics)
        #expect(result.tokens.map(\.token) == ["cheap"])
        #expect(result.significantTokenCount == 1)
        #expect(abs(result.score - 0.75) < 1e-12)
        #expect(result.tokens.first?.spamCount == 1)
    }

    @Test("Invalid parameters are rejected with actionable errors")
    func invalidParameters() {
        #expect(throws: SpamFilterError.self) { try SpamClassifier(strength: 0) }
        #expect(throws: SpamFilterError.self) { try SpamClassifier(assumedProbability: 1) }
        #expect(throws: SpamFilterError.self) { try SpamClassifier(minimumDeviation: 0.5) }
        do {
            _ = try SpamClassifier(maximumTokens: 0)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("maximumTokens"))
        }
    }
}
