import Foundation
import Testing
import SpamFilter

@Suite("TokenStatistics")
struct TokenStatisticsTests {
    @Test("Training counts each token once per message")
    func training() {
        var statistics = TokenStatistics()
        let delta = statistics.train(spam: ["wygrałeś", "nagrodę", "wygrałeś"])
        statistics.train(ham: ["faktura", "nagrodę"])
        #expect(statistics.messages == TokenCount(spam: 1, ham: 1))
        #expect(statistics["wygrałeś"] == TokenCount(spam: 1))
        #expect(statistics["nagrodę"] == TokenCount(spam: 1, ham: 1))
        #expect(statistics["unseen"] == .zero)
        #expect(delta.tokens.count == 2)
        #expect(delta.messages == TokenCount(spam: 1))
    }

    @Test("Untraining exactly reverses training")
    func untrainSymmetry() throws {
        var statistics = TokenStatistics()
        statistics.train(ham: ["hello", "invoice"])
        let before = statistics
        let tokens = ["hello", "winner", "łódź"]
        statistics.train(spam: tokens)
        #expect(statistics != before)
        try statistics.untrain(tokens, as: .spam)
        #expect(statistics == before)
        #expect(statistics.tokenCount == 2)
    }

    @Test("Retraining a misfiled message moves its counts to the other class")
    func retrain() throws {
        var statistics = TokenStatistics()
        statistics.train(spam: ["invoice"])
        try statistics.untrain(["invoice"], as: .spam)
        statistics.train(ham: ["invoice"])
        #expect(statistics.messages == TokenCount(spam: 0, ham: 1))
        #expect(statistics["invoice"] == TokenCount(ham: 1))
    }

    @Test("Untraining with nothing trained throws; token counts floor at zero")
    func untrainGuards() throws {
        var statistics = TokenStatistics()
        #expect(throws: SpamFilterError.nothingToUntrain(.spam)) { try statistics.untrain(["x"], as: .spam) }
        statistics.train(spam: ["a"])
        let delta = try statistics.untrain(["a", "never-seen"], as: .spam)
        #expect(delta.tokens.keys.sorted() == ["a"])
        #expect(statistics == TokenStatistics())
    }

    @Test("Deltas replay onto a copy; impossible deltas are rejected atomically")
    func deltas() throws {
        var live = TokenStatistics()
        var replica = TokenStatistics()
        var journal = TokenDelta()
        journal.merge(live.train(spam: ["promo", "zniżka"]))
        journal.merge(live.train(ham: ["zniżka", "zamówienie"]))
        try replica.apply(journal)
        #expect(replica == live)

        let bad = TokenDelta(untraining: ["zamówienie", "never"], as: .ham)
        #expect(throws: SpamFilterError.self) { try replica.apply(bad) }
        #expect(replica == live, "a rejected delta must not change anything")
        #expect((-journal).messages == TokenCount(spam: -1, ham: -1))
        var empty = journal
        empty.merge(-journal)
        #expect(empty.isEmpty)
    }

    @Test("Merging adds counts")
    func merge() {
        var first = TokenStatistics()
        first.train(spam: ["a", "b"])
        var second = TokenStatistics()
        second.train(spam: ["b"])
        second.train(ham: ["c"])
        first.merge(second)
        #expect(first.messages == TokenCount(spam: 2, ham: 1))
        #expect(first["b"] == TokenCount(spam: 2))
        #expect(first["c"] == TokenCount(ham: 1))
    }

    @Test("Serialisation round-trips compactly; corrupt data throws")
    func serialization() throws {
        var statistics = TokenStatistics()
        statistics.train(spam: ["tőke", "subject:nyerjen"])
        statistics.train(ham: ["tőke"])
        let data = statistics.serialized()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"tőke\":[1,1]"))
        #expect(try TokenStatistics(serialized: data) == statistics)
        #expect(throws: SpamFilterError.self) { try TokenStatistics(serialized: Data("nope".utf8)) }
        #expect(throws: SpamFilterError.self) {
            try TokenStatistics(serialized: Data(#"{"messages":[1,0],"tokens":{"x":[-1,0]}}"#.utf8))
        }
    }

    @Test("A custom TokenStore backs classification without loading everything")
    func customStore() throws {
        struct RecordingStore: TokenStore {
            let backing: TokenStatistics
            func messageTotals() throws -> TokenCount { backing.messages }
            func counts(for tokens: [String]) throws -> [String: TokenCount] {
                #expect(tokens.count <= 3)
                return backing.counts(for: tokens)
            }
        }
        var statistics = TokenStatistics()
        for index in 0..<50 { statistics.train(spam: ["viagra", "filler\(index)"]) }
        for index in 0..<50 { statistics.train(ham: ["ticket", "filler\(index + 100)"]) }
        let store = RecordingStore(backing: statistics)
        let result = try SpamClassifier.default.classify(["viagra", "viagra", "new"], using: store)
        #expect(result == SpamClassifier.default.classify(["viagra", "new"], with: statistics))
        #expect(result.verdict == .spam)
    }
}
