/// One token that contributed to a classification.
public struct TokenEvidence: Sendable, Hashable, Codable {
    /// The token, e.g. `subject:nyerjen` or `url:example.com`.
    public let token: String
    /// Robinson's smoothed spam probability f(w) of the token.
    public let probability: Double
    /// Number of trained spam messages containing the token.
    public let spamCount: Int
    /// Number of trained ham messages containing the token.
    public let hamCount: Int

    /// Creates an evidence record.
    public init(token: String, probability: Double, spamCount: Int, hamCount: Int) {
        self.token = token
        self.probability = probability
        self.spamCount = spamCount
        self.hamCount = hamCount
    }
}
