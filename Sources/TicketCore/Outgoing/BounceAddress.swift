import Foundation
import MailMessage

/// VERP-style envelope senders (variable envelope return path): mail about ticket 42 leaves with
/// the envelope sender `support+bounce-42@example.com`, so its bounce comes back to an address
/// that names the ticket, even when the delivery report quotes nothing of the original.
///
/// The MTA must deliver `local+anything@domain` to `local@domain` (Postfix `recipient_delimiter`,
/// Dovecot's default `recipient_delimiter = +`).
public struct BounceAddress: Sendable, Equatable {
    /// The separator between the local part and its extension (Postfix's `recipient_delimiter`).
    public var delimiter: Character
    /// ticketd's envelope senders without extension, lower-cased: only these carry ticket numbers.
    public var bases: Set<String>

    /// What an extension starts with; the ticket number follows.
    static let marker = "bounce-"

    public init(delimiter: Character = "+", bases: Set<String>) {
        self.delimiter = delimiter
        self.bases = Set(bases.map { $0.lowercased() })
    }

    /// `base` with the ticket number in its local part: `support@x` → `support+bounce-42@x`.
    public func encode(_ base: String, ticket: Int) -> String {
        guard let at = base.lastIndex(of: "@") else { return base }
        return "\(base[..<at])\(delimiter)\(Self.marker)\(ticket)\(base[at...])"
    }

    /// The ticket number `address` carries, if it is one of ``bases`` with a bounce extension.
    ///
    /// Comparison ignores case; angle brackets and surrounding spaces are tolerated, since the
    /// address may come straight from a `Delivered-To` or `X-Original-To` header.
    public func ticket(in address: String) -> Int? {
        let trimmed = address.trimmingCharacters(in: .whitespaces).lowercased()
        let bare = trimmed.hasPrefix("<") && trimmed.hasSuffix(">") ? String(trimmed.dropFirst().dropLast()) : trimmed
        guard let at = bare.lastIndex(of: "@") else { return nil }
        let local = bare[..<at]
        let domain = bare[at...]
        guard let split = local.firstIndex(of: delimiter) else { return nil }
        let extensionPart = local[local.index(after: split)...]
        guard extensionPart.hasPrefix(Self.marker), bases.contains(String(local[..<split]) + domain) else { return nil }
        let digits = extensionPart.dropFirst(Self.marker.count)
        guard !digits.isEmpty, digits.count < 10, digits.allSatisfy(\.isASCII), let number = Int(digits), number > 0 else { return nil }
        return number
    }

    /// The ticket named by the address a message was delivered to: the MTA's `Delivered-To`,
    /// `X-Original-To` or `Envelope-To`, else `To` (a delivery report is addressed to the envelope sender).
    public func ticket(deliveredTo message: MailMessage) -> Int? {
        let headers = message.headers
        let delivered = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To"].flatMap { headers.values($0) }
        for address in delivered + message.to.map(\.address) {
            if let number = ticket(in: address) { return number }
        }
        return nil
    }
}
