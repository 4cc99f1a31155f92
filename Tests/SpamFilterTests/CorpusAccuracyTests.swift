import Foundation
import MailMessage
import Testing
import SpamFilter

/// Trains on 70 % of the SpamAssassin public corpus and checks the other 30 %
/// (split by FNV-1a of the file name, as the `spam-eval` benchmark does).
/// Set `SPAM_CORPUS` to point elsewhere; skipped when the folder is absent.
@Suite("SpamAssassin corpus")
struct CorpusAccuracyTests {
    /// `../shared/corpus/spamassassin` beside the project root (this file is Tests/SpamFilterTests/…).
    static let corpus = ProcessInfo.processInfo.environment["SPAM_CORPUS"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/corpus/spamassassin").path
    static let corpusPresent = FileManager.default.fileExists(atPath: corpus + "/ham")
        && FileManager.default.fileExists(atPath: corpus + "/spam")

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }

    @Test(
        "Held-out split: false-positive rate ≤ 0.5 %, recall and F1 above the measured floors",
        .enabled(if: corpusPresent, "SpamAssassin corpus not found at \(corpus) (set SPAM_CORPUS); skipping accuracy test"))
    func heldOutAccuracy() throws {
        var statistics = TokenStatistics()
        var test: [(tokens: [String], isSpam: Bool)] = []
        for (folder, isSpam) in [("ham", false), ("spam", true)] {
            let directory = Self.corpus + "/" + folder
            for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where !name.hasPrefix(".") {
                let data = try #require(FileManager.default.contents(atPath: directory + "/" + name))
                let tokens = SpamTokenizer.default.tokens(for: MailMessage.parse([UInt8](data)))
                if Self.fnv1a(name) % 10 < 7 {
                    statistics.train(tokens, as: isSpam ? .spam : .ham)
                } else {
                    test.append((tokens, isSpam))
                }
            }
        }
        var falsePositives = 0
        var truePositives = 0
        let hamCount = test.filter { !$0.isSpam }.count
        let spamCount = test.count - hamCount
        for message in test {
            let verdict = SpamClassifier.default.classify(message.tokens, with: statistics).verdict
            if verdict == .spam { if message.isSpam { truePositives += 1 } else { falsePositives += 1 } }
        }
        let falsePositiveRate = Double(falsePositives) / Double(hamCount)
        let recall = Double(truePositives) / Double(spamCount)
        let precision = Double(truePositives) / Double(max(truePositives + falsePositives, 1))
        let f1 = 2 * precision * recall / max(precision + recall, .leastNonzeroMagnitude)
        #expect(hamCount > 500 && spamCount > 200, "unexpectedly small corpus: \(hamCount) ham, \(spamCount) spam")
        #expect(falsePositiveRate <= 0.005, "false-positive rate \(falsePositiveRate) (\(falsePositives)/\(hamCount))")
        // Measured on this split: recall 0.9425, F1 0.969 (bogofilter 1.2.5 defaults: recall 0.849, F1 0.9185).
        #expect(recall >= 0.88, "recall \(recall) (\(truePositives)/\(spamCount))")
        #expect(f1 >= 0.93, "F1 \(f1)")
    }
}
