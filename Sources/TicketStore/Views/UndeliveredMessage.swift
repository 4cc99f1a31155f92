import Foundation

/// A message the IMAP server announced (UID SEARCH) but did not deliver in a FETCH.
///
/// The mailbox's progress stops below it, so every poll asks for it again; the count of failed
/// attempts says when to raise the alarm. It is forgotten once it is delivered or leaves the
/// folder (moved or deleted by someone else).
public struct UndeliveredMessage: Sendable, Codable, Equatable {
    public var uidValidity: UInt32
    public var uid: UInt32
    /// Polls in a row that asked for it and did not get it.
    public var attempts: Int
    public var firstFailedAt: Date
    public var lastFailedAt: Date
    /// What the server said (its malformed response, its `NO`), or why we think it failed.
    public var reason: String

    public init(uidValidity: UInt32, uid: UInt32, attempts: Int, firstFailedAt: Date, lastFailedAt: Date, reason: String) {
        self.uidValidity = uidValidity
        self.uid = uid
        self.attempts = attempts
        self.firstFailedAt = firstFailedAt
        self.lastFailedAt = lastFailedAt
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case uidValidity = "uid_validity", uid, attempts, firstFailedAt = "first_failed_at", lastFailedAt = "last_failed_at", reason
    }
}
