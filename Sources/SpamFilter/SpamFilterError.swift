/// Errors raised by the spam filter, each with a message saying how to fix it.
public enum SpamFilterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A classifier parameter is outside its valid range.
    case invalidParameter(name: String, value: Double, validRange: String)
    /// The ham cut-off is not below or equal to the spam cut-off, or one is outside 0…1.
    case invalidThresholds(ham: Double, spam: Double)
    /// Untraining would make the number of trained messages of `category` negative.
    case nothingToUntrain(MessageCategory)
    /// A count in a snapshot or delta would become negative.
    case negativeCount(token: String, count: TokenCount)
    /// Serialized statistics could not be decoded.
    case corruptSnapshot(reason: String)

    /// Human-readable explanation including the corrective action.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value, validRange):
            "Spam classifier parameter \(name)=\(value) is invalid; choose a value in \(validRange)."
        case let .invalidThresholds(ham, spam):
            "Spam thresholds ham=\(ham) spam=\(spam) are invalid; both must lie in 0…1 with ham ≤ spam."
        case let .nothingToUntrain(category):
            "No \(category.rawValue) message has been trained, so none can be untrained; "
                + "untrain only messages that were trained as \(category.rawValue)."
        case let .negativeCount(token, count):
            "Token \"\(token)\" would get negative counts (spam \(count.spam), ham \(count.ham)); "
                + "the delta does not match the stored statistics — rebuild them by retraining."
        case let .corruptSnapshot(reason):
            "Stored spam statistics cannot be read (\(reason)); delete them and retrain from the mail archive."
        }
    }
}
