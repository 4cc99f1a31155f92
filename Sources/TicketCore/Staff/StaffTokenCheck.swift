import Foundation

/// What a ``StaffKeyring`` found when it checked a ``StaffToken`` for one ticket and one sender.
public enum StaffTokenCheck: Sendable, Equatable {
    /// Minted by ticketd for this ticket and this sender, with a key still valid.
    case valid(keyID: String)
    /// Not a token: the text after the recipient delimiter does not have a token's shape.
    case malformed(String)
    /// A genuine token of this sender, but for another ticket.
    case wrongTicket(token: Int, expected: Int)
    /// A genuine token, but minted for another staff member.
    case wrongStaff(issuedTo: String, sender: String)
    /// The MAC matches no staff member: altered or made up.
    case forged
    /// Signed with a key id the keyring does not know.
    case unknownKey(String)
    /// Signed with a retired key whose validity ended at `since`.
    case expiredKey(String, since: Date)

    /// Whether the token proves the mail.
    public var isValid: Bool {
        if case .valid = self { true } else { false }
    }

    /// A human reason, for the `held` event and the note to the staff member.
    ///
    /// It never repeats the MAC: the reason may be mailed and logged.
    public var reason: String {
        switch self {
        case let .valid(keyID): "valid token (key \(keyID))"
        case let .malformed(text): "reply address part '\(text.prefix(8))…' is not a valid token"
        case let .wrongTicket(token, expected): "token for ticket \(token), not \(expected)"
        case let .wrongStaff(issuedTo, sender): "token issued to \(issuedTo), not \(sender)"
        case .forged: "token does not verify (altered or made up)"
        case let .unknownKey(id): "token signed with unknown key \(id)"
        case let .expiredKey(id, since):
            "token signed with key \(id), retired and no longer valid since \(since.formatted(.iso8601))"
        }
    }
}
