/// The two classes a message can be trained as.
public enum MessageCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Unsolicited bulk or malicious mail.
    case spam
    /// Legitimate mail ("ham").
    case ham
}
