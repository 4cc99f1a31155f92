import Foundation

/// The secrets staff reply tokens are signed with: one current key that mints, and retired keys
/// that still verify until their date, so a key can be rotated without breaking notifications
/// already in staff inboxes.
///
/// A value: the shell reads the keys (from `state_dir`, 0600) and passes them in; the time a
/// check happens at is a parameter.
///
/// ```swift
/// let keyring = try StaffKeyring(secrets: ["k2": new, "k1": old], currentID: "k2",
///                                retiredUntil: ["k1": rotationDate.addingTimeInterval(30 * 86_400)])
/// let token = keyring.mint(ticket: 42, staff: "anna@example.com")
/// keyring.check(token, ticket: 42, sender: "Anna@Example.com", now: now)   // .valid(keyID: "k2")
/// ```
public struct StaffKeyring: Sendable {
    /// The shortest secret accepted, in bytes.
    public static let minimumSecretLength = 16

    private let secrets: [String: [UInt8]]
    /// The id of the key new tokens are signed with.
    public let currentID: String
    /// Retired key ids and the moment each stops verifying (exclusive).
    public let retiredUntil: [String: Date]

    /// A keyring of `secrets` (key id → random bytes) minting with `currentID`.
    ///
    /// A key that is neither current nor in `retiredUntil` verifies nothing (it reads as expired).
    /// Key ids are lower-cased; each must be 1–8 letters and digits.
    public init(secrets: [String: [UInt8]], currentID: String, retiredUntil: [String: Date] = [:]) throws(StaffKeyringError) {
        var lowered: [String: [UInt8]] = [:]
        for (id, secret) in secrets {
            let key = id.lowercased()
            guard Self.isValidKeyID(key) else { throw .invalidKeyID(id) }
            guard secret.count >= Self.minimumSecretLength else { throw .secretTooShort(keyID: key, length: secret.count) }
            lowered[key] = secret
        }
        let current = currentID.lowercased()
        guard lowered[current] != nil else { throw .missingCurrentKey(current) }
        var retired: [String: Date] = [:]
        for (id, until) in retiredUntil {
            let key = id.lowercased()
            guard key != current else { throw .currentKeyRetired(key) }
            guard lowered[key] != nil else { throw .missingRetiredKey(key) }
            retired[key] = until
        }
        self.secrets = lowered
        self.currentID = current
        self.retiredUntil = retired
    }

    /// Whether `id` can name a key: 1–8 lower-case ASCII letters and digits.
    public static func isValidKeyID(_ id: String) -> Bool {
        (1...8).contains(id.utf8.count) && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7a).contains($0) }
    }

    /// A token for `ticket` and the staff member at `staff`, signed with the current key.
    public func mint(ticket: Int, staff: String) -> StaffToken {
        StaffToken(ticket: ticket, keyID: currentID, mac: mac(ticket: ticket, staff: staff, keyID: currentID))
    }

    /// Checks `token` for a mail about `ticket` whose From is `sender`, at `now`.
    ///
    /// In order: the key must be known and not expired; the MAC must match `sender` for the
    /// token's ticket (else, when it matches one of `otherStaff`, it is that person's token;
    /// else it is forged); and the token's ticket must be `ticket`. MACs are compared in
    /// constant time.
    public func check(
        _ token: StaffToken, ticket: Int, sender: String, otherStaff: some Sequence<String> = [String](), now: Date
    ) -> StaffTokenCheck {
        guard secrets[token.keyID] != nil else { return .unknownKey(token.keyID) }
        if token.keyID != currentID {
            let until = retiredUntil[token.keyID] ?? .distantPast
            guard now < until else { return .expiredKey(token.keyID, since: until) }
        }
        let senderAddress = Self.normalize(sender)
        guard matches(token, staff: senderAddress) else {
            for other in otherStaff.lazy.map(Self.normalize) where other != senderAddress && matches(token, staff: other) {
                return .wrongStaff(issuedTo: other, sender: senderAddress)
            }
            return .forged
        }
        guard token.ticket == ticket else { return .wrongTicket(token: token.ticket, expected: ticket) }
        return .valid(keyID: token.keyID)
    }

    /// The bytes the MAC is computed over: a fixed label and version, then the ticket number, the
    /// lower-cased address and the key id, separated by line feeds (none of them can hold one).
    public static func macInput(ticket: Int, staff: String, keyID: String) -> [UInt8] {
        Array("ticketd-staff-token-v1\n\(ticket)\n\(normalize(staff))\n\(keyID.lowercased())".utf8)
    }

    private func matches(_ token: StaffToken, staff: String) -> Bool {
        let expected = mac(ticket: token.ticket, staff: staff, keyID: token.keyID)
        return HMACSHA256.constantTimeEqual(Array(expected.utf8), Array(token.mac.utf8))
    }

    private func mac(ticket: Int, staff: String, keyID: String) -> String {
        guard let secret = secrets[keyID] else { return "" }
        let digest = HMACSHA256.mac(key: secret, message: Self.macInput(ticket: ticket, staff: staff, keyID: keyID))
        return TokenBase32.encode(digest, characters: StaffToken.macLength)
    }

    private static func normalize(_ address: String) -> String {
        address.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
