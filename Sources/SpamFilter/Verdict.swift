/// The outcome of classifying a message.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Score at or above the spam cut-off.
    case spam
    /// Score at or below the ham cut-off.
    case ham
    /// Score between the cut-offs: deliver, but flag for a human to look at.
    case unsure
}
