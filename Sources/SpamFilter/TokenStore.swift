/// Read access to trained token counts, the only thing ``SpamClassifier``
/// needs from a database.
///
/// Conform a persistent store (e.g. an SQLite table `token(spam, ham)`) to
/// this protocol so that classifying a message only fetches the few hundred
/// tokens it contains instead of loading the whole wordlist.
/// ``TokenStatistics`` is the in-memory conformance.
public protocol TokenStore: Sendable {
    /// Number of spam and ham messages trained so far.
    func messageTotals() throws -> TokenCount

    /// Counts for the given tokens. Tokens never seen may be omitted from the
    /// result or reported as ``TokenCount/zero``.
    func counts(for tokens: [String]) throws -> [String: TokenCount]
}
