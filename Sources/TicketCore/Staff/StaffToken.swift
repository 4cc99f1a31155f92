import Foundation

/// The proof, in a reply address, that ticketd sent ticket ``ticket``'s notification to one staff
/// member: `t42-k1-0123456789abcdefghjk`.
///
/// Three parts joined by `-`: `t` and the ticket number, `k` and the key id, and the first 100 bits
/// of HMAC-SHA256(key, ``StaffKeyring/macInput(ticket:staff:keyID:)``) in lower-case Crockford
/// base32 (20 characters). Everything is lower case and read without regard to case, since some
/// MTAs change the case of local parts; the whole token is 27–40 characters, well inside the
/// 64 a local part may have. Mint and check tokens with a ``StaffKeyring``; the ticket number
/// and key id are in clear text so a check can say what is wrong, the MAC binds them to the
/// staff member's address.
public struct StaffToken: Sendable, Hashable, CustomStringConvertible {
    /// The ticket the token was minted for.
    public var ticket: Int
    /// The id of the key that signed it, lower case.
    public var keyID: String
    /// The truncated MAC, ``macLength`` lower-case base32 characters.
    public var mac: String

    /// Characters of MAC in a token: 20 × 5 = 100 bits.
    public static let macLength = 20

    /// Creates a token from its parts (the key id and MAC are lower-cased).
    public init(ticket: Int, keyID: String, mac: String) {
        self.ticket = ticket
        self.keyID = keyID.lowercased()
        self.mac = mac.lowercased()
    }

    /// The token as it goes into a local part, e.g. `t42-k1-0123456789abcdefghjk`.
    public var description: String { "t\(ticket)-k\(keyID)-\(mac)" }

    /// Parses `text` (any case); nil unless it has exactly the three parts with a ticket number of
    /// 1–9 digits (no leading zero), a valid key id and a MAC of ``macLength`` base32 characters.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let ticketPart = parts[0].first, ticketPart == "t" || ticketPart == "T",
            let keyPart = parts[1].first, keyPart == "k" || keyPart == "K"
        else { return nil }
        let digits = parts[0].dropFirst()
        guard (1...9).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0",
            let number = Int(digits)
        else { return nil }
        let keyID = String(parts[1].dropFirst()).lowercased()
        guard StaffKeyring.isValidKeyID(keyID), parts[2].count == Self.macLength,
            let mac = TokenBase32.canonical(Substring(parts[2]))
        else { return nil }
        self.init(ticket: number, keyID: keyID, mac: String(decoding: mac, as: UTF8.self))
    }
}
