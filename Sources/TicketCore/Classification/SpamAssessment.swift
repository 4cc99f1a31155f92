/// What spam filtering said about a message before it reached the planner.
public struct SpamAssessment: Sendable, Equatable {
    /// Whether the message is to be dropped as spam.
    public var isSpam: Bool
    /// The filter's score (0 ham … 1 spam), or 1/0 for an upstream verdict.
    public var score: Double
    /// Who decided and why, for the message record.
    public var reason: String

    public init(isSpam: Bool, score: Double, reason: String) {
        self.isSpam = isSpam
        self.score = score
        self.reason = reason
    }
}
