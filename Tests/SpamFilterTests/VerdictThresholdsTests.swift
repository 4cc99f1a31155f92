import Foundation
import Testing
import SpamFilter

@Suite("Verdict thresholds")
struct VerdictThresholdsTests {
    @Test("Default cut-offs: spam ≥ 0.99, ham ≤ 0.45, unsure between", arguments: [
        (0.0, Verdict.ham), (0.45, .ham), (0.4500001, .unsure), (0.9, .unsure), (0.99, .spam), (1.0, .spam),
    ])
    func defaults(score: Double, verdict: Verdict) {
        #expect(VerdictThresholds.default.verdict(for: score) == verdict)
    }

    @Test("Equal cut-offs give two-state operation")
    func twoState() throws {
        let thresholds = try VerdictThresholds(spam: 0.9, ham: 0.9)
        #expect(thresholds.verdict(for: 0.89) == .ham)
        #expect(thresholds.verdict(for: 0.9) == .spam)
    }

    @Test("Inverted or out-of-range cut-offs throw")
    func invalid() {
        #expect(throws: SpamFilterError.invalidThresholds(ham: 0.9, spam: 0.5)) {
            try VerdictThresholds(spam: 0.5, ham: 0.9)
        }
        #expect(throws: SpamFilterError.self) { try VerdictThresholds(spam: 1.2, ham: 0.1) }
    }

    @Test("The classifier applies its thresholds and the result encodes as JSON")
    func classifierVerdictAndJSON() throws {
        var statistics = TokenStatistics()
        for _ in 0..<20 { statistics.train(spam: ["nyeremény", "kattintson"]) }
        for _ in 0..<20 { statistics.train(ham: ["számla", "kérdés"]) }
        let strict = SpamClassifier.default
        #expect(strict.classify(["nyeremény", "kattintson"], with: statistics).verdict == .spam)
        #expect(strict.classify(["számla", "kérdés"], with: statistics).verdict == .ham)
        #expect(strict.classify(["nyeremény", "számla"], with: statistics).verdict == .unsure)
        #expect(strict.classify(["nyeremény"], with: statistics).verdict == .unsure)
        let lenient = strict.with(thresholds: try VerdictThresholds(spam: 0.9, ham: 0.1))
        #expect(lenient.classify(["nyeremény"], with: statistics).verdict == .spam)

        let result = strict.classify(["kattintson", "nyeremény"], with: statistics)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains("\"verdict\":\"spam\""))
        #expect(json.contains("\"token\":\"nyeremény\""))
        #expect(json.contains("\"score\":"))
    }
}
