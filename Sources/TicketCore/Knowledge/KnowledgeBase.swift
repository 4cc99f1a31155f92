/// The articles of `[kb] directory`, indexed for lookup by slug and for BM25 search.
///
/// A pure value built from articles already read (TicketConfig's `KnowledgeBaseLoader` reads the
/// files); building it indexes each language once, searching never touches disk.
///
/// ```swift
/// let base = KnowledgeBase(articles: articles)
/// base.article(slug: "invoice-download", language: "hu", fallback: "en")?.fellBack // false
/// base.suggestions(for: "Nem találom a számlát", language: "hu", limit: 3).map(\.slug) // ["invoice-download"]
/// ```
public struct KnowledgeBase: Sendable {
    /// Every article, ordered by slug, then language.
    public let articles: [KnowledgeArticle]
    /// Matches scoring below this are never returned: the query shares too little with the article.
    public let minimumScore: Double
    private let indexes: [String: KnowledgeIndex]

    /// The threshold used unless one is given: a little more than one word of the request found in
    /// the body of this article only (a score of 1), so a lone shared word suggests nothing.
    public static let defaultMinimumScore = 1.2

    /// A base without articles: `[kb]` not configured.
    public static let empty = KnowledgeBase(articles: [])

    /// Indexes `articles`; of two with the same slug and language, the later one is kept.
    public init(articles: [KnowledgeArticle], minimumScore: Double = defaultMinimumScore) {
        var unique: [String: KnowledgeArticle] = [:]
        for article in articles { unique["\(article.language)/\(article.slug)"] = article }
        self.articles = unique.values.sorted { ($0.slug, $0.language) < ($1.slug, $1.language) }
        self.minimumScore = minimumScore
        self.indexes = Dictionary(grouping: self.articles, by: \.language).mapValues(KnowledgeIndex.init)
    }

    /// The slugs, each once, in order.
    public var slugs: [String] {
        var seen = Set<String>()
        return articles.map(\.slug).filter { seen.insert($0).inserted }
    }

    /// The languages of the article `slug`, in order.
    public func languages(of slug: String) -> [String] {
        articles.filter { $0.slug == slug }.map(\.language)
    }

    /// The article `slug` in `language`, else in `fallback` (the desk's `default_language`), with
    /// whether it fell back; nil when it is in neither.
    public func article(slug: String, language: String, fallback: String) -> KnowledgeLookup? {
        if let found = articles.first(where: { $0.slug == slug && $0.language == language }) {
            return KnowledgeLookup(article: found, fellBack: false)
        }
        return articles.first { $0.slug == slug && $0.language == fallback }.map { KnowledgeLookup(article: $0, fellBack: true) }
    }

    /// The articles matching `text` best, highest score first, at most `limit`, none below
    /// ``minimumScore``: articles in `language`, or in every language when it is nil.
    ///
    /// Scores are BM25 over the title (each title word counts three times) and body, with
    /// `text` cut into terms the way the article's language is (``KnowledgeTokenizer``).
    public func search(_ text: String, language: String?, limit: Int) -> [KnowledgeMatch] {
        guard limit > 0 else { return [] }
        let searched = language.map { indexes[$0].map { [$0] } ?? [] } ?? Array(indexes.values)
        let matches = searched.flatMap { $0.matches(for: text) }.filter { $0.score >= minimumScore }
        return Array(matches.sorted { ($0.score, $1.article.slug) > ($1.score, $0.article.slug) }.prefix(limit))
    }

    /// Up to `limit` articles in `language` worth suggesting for a request reading `text` (what
    /// `kb.suggest` puts in the acknowledgement), best first.
    public func suggestions(for text: String, language: String, limit: Int) -> [KnowledgeArticle] {
        search(text, language: language, limit: limit).map(\.article)
    }
}

/// An article found by slug, and whether it is in the fallback language rather than the one asked.
public struct KnowledgeLookup: Sendable, Equatable {
    public var article: KnowledgeArticle
    /// True when the article is not in the ticket's language: the staff member should be told.
    public var fellBack: Bool
}

/// An article matching a search, with its BM25 score.
public struct KnowledgeMatch: Sendable, Equatable {
    public var article: KnowledgeArticle
    /// BM25 in units of one rare word: about 1 for one request word found once in this article's
    /// body and in no other article of its language; higher is better.
    public var score: Double
}
