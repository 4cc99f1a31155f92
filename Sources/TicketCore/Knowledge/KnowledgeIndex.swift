import Foundation

/// BM25 statistics of the articles of one language.
///
/// Title and body are one bag of terms, title terms counted ``titleWeight`` times (BM25F with two
/// fields sharing one length normalisation). Scores are divided by the inverse document frequency
/// of a word found in one article only, so that they read as "worth so many rare words" whatever
/// the number of articles, and scores of different languages compare.
struct KnowledgeIndex: Sendable {
    /// How many body words one title word is worth.
    static let titleWeight = 3.0
    /// BM25 term-frequency saturation.
    static let k1 = 1.2
    /// BM25 length normalisation.
    static let b = 0.75

    private struct Document: Sendable {
        var article: KnowledgeArticle
        var frequencies: [String: Double]
        var length: Double
    }

    private let language: String
    private let documents: [Document]
    private let documentFrequency: [String: Int]
    private let averageLength: Double

    init(articles: [KnowledgeArticle]) {
        language = articles.first?.language ?? ""
        documents = articles.map { article in
            var frequencies: [String: Double] = [:]
            for term in KnowledgeTokenizer.terms(article.title, language: article.language) {
                frequencies[term, default: 0] += Self.titleWeight
            }
            for term in KnowledgeTokenizer.terms(article.body, language: article.language) {
                frequencies[term, default: 0] += 1
            }
            return Document(article: article, frequencies: frequencies, length: frequencies.values.reduce(0, +))
        }
        var counts: [String: Int] = [:]
        for document in documents {
            for term in document.frequencies.keys { counts[term, default: 0] += 1 }
        }
        documentFrequency = counts
        averageLength = documents.isEmpty ? 1 : max(1, documents.map(\.length).reduce(0, +) / Double(documents.count))
    }

    /// Every article sharing a term with `text`, scored; each distinct query term counts once.
    func matches(for text: String) -> [KnowledgeMatch] {
        let terms = Set(KnowledgeTokenizer.terms(text, language: language))
        let total = Double(documents.count)
        let rareTermWeight = log(1 + (total - 0.5) / 1.5)
        return documents.compactMap { document in
            var score = 0.0
            for term in terms {
                guard let frequency = document.frequencies[term], let containing = documentFrequency[term] else { continue }
                let n = Double(containing)
                let idf = log(1 + (total - n + 0.5) / (n + 0.5))
                let norm = Self.k1 * (1 - Self.b + Self.b * document.length / averageLength)
                score += idf * frequency * (Self.k1 + 1) / (frequency + norm)
            }
            return score > 0 ? KnowledgeMatch(article: document.article, score: score / rareTermWeight) : nil
        }
    }
}
