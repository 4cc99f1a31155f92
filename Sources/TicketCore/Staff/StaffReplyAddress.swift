import Foundation
import MailMessage

/// Reply addresses that carry a ``StaffToken`` in their local part, `support+t42-k1-…@example.com`,
/// and finding them again on an incoming message.
///
/// The MTA must deliver `local+anything@domain` to `local@domain` (Postfix `recipient_delimiter`,
/// Dovecot's `recipient_delimiter`), the same requirement as ``BounceAddress``.
public struct StaffReplyAddress: Sendable, Equatable {
    /// The separator between the local part and its extension (Postfix's `recipient_delimiter`).
    public var delimiter: Character
    /// The desk addresses, lower-cased: only extensions of these carry tokens.
    public var deskAddresses: Set<String>

    /// Where a token-shaped extension was found on a message.
    public struct Sighting: Sendable, Equatable {
        /// The header it was in, as ticketd reads it (`Delivered-To`, `To`, …).
        public var header: String
        /// The text after the delimiter, as written.
        public var extensionText: String
        /// The token, or nil when the extension starts like one (`t` and a digit) but is malformed.
        public var token: StaffToken?
    }

    /// The headers read, in this order: first what the local MTA wrote at delivery (the envelope
    /// recipient: Postfix and Dovecot write `Delivered-To`, Postfix `X-Original-To`, Exim
    /// `Envelope-To`), which still has the token when the staff member's client put the reply
    /// address in Bcc or a relay lower-cased the local part; then `To` and `Cc`, for mail fetched
    /// from a server that writes neither.
    ///
    /// None of these is trusted for *who* sent the mail: a sender can write any of them, and a
    /// token found anywhere proves only what its MAC proves (see ``StaffKeyring/check(_:ticket:sender:otherStaff:now:)``).
    /// The order only decides which sighting's problem is reported when none verifies.
    public static let headers = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To", "To", "Cc"]

    public init(delimiter: Character = "+", deskAddresses: Set<String>) {
        self.delimiter = delimiter
        self.deskAddresses = Set(deskAddresses.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }

    /// `desk` with `token` in its local part: `support@x` → `support+t42-k1-…@x`.
    public func address(desk: String, token: StaffToken) -> String {
        guard let at = desk.lastIndex(of: "@") else { return desk }
        return "\(desk[..<at])\(delimiter)\(token)\(desk[at...])"
    }

    /// The token-shaped extension of `address` when it is a desk address with one, else nil.
    ///
    /// Case is ignored; angle brackets and spaces around the address are tolerated. Extensions
    /// that do not start with `t` and a digit (`support+sales@`, `support+bounce-42@`) are not tokens.
    public func sighting(in address: String, header: String) -> Sighting? {
        var bare = Substring(address.trimmingCharacters(in: .whitespaces))
        if bare.hasPrefix("<"), bare.hasSuffix(">") { bare = bare.dropFirst().dropLast() }
        guard let at = bare.lastIndex(of: "@") else { return nil }
        let local = bare[..<at]
        let domain = bare[at...].lowercased()
        guard let split = local.firstIndex(of: delimiter) else { return nil }
        let base = local[..<split].lowercased()
        let extensionText = local[local.index(after: split)...]
        guard deskAddresses.contains(base + domain), extensionText.count >= 2,
            extensionText.first == "t" || extensionText.first == "T",
            let second = extensionText.dropFirst().first, second.isASCII, second.isNumber
        else { return nil }
        return Sighting(header: header, extensionText: String(extensionText), token: StaffToken(parsing: extensionText))
    }

    /// Every token-shaped extension among `message`'s recipients, in the order of ``headers``,
    /// each distinct extension (ignoring case) once.
    public func sightings(in message: MailMessage) -> [Sighting] {
        var seen: Set<String> = []
        var result: [Sighting] = []
        for header in Self.headers {
            for value in message.headers.values(header) {
                let addresses = MailAddress.parseList(value).map(\.address)
                for address in addresses.isEmpty ? [value] : addresses {
                    guard let sighting = sighting(in: address, header: header),
                        seen.insert(sighting.extensionText.lowercased()).inserted
                    else { continue }
                    result.append(sighting)
                }
            }
        }
        return result
    }
}
