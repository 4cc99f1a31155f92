import Foundation

/// Message-IDs for mail ticketd writes: unique, deterministic, and recognisable as ours.
///
/// `<t123.ack.1.20261123T162107Z@support.example.com>`: ticket, kind, sequence and the time of the
/// decision, so the same decision replayed gets the same ID and a reset database still gets new ones.
public enum OwnMessageID {
    public static func make(ticket: Int, kind: MessageKind, sequence: Int, at date: Date, domain: String) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        return "<t\(ticket).\(kind.rawValue).\(sequence).\(seconds)@\(domain)>"
    }

    /// Whether `id` has the shape ``make(ticket:kind:sequence:at:domain:)`` gives, in `domain`.
    ///
    /// The domain alone is not enough: colleagues' mail clients (Thunderbird, Apple Mail) write
    /// Message-IDs in the company's domain, which is often ticketd's too.
    public static func isOwn(_ id: String, domain: String) -> Bool {
        kind(of: id, domain: domain) != nil
    }

    /// The kind of mail `id` names when it is one of ours in `domain`, else nil.
    public static func kind(of id: String, domain: String) -> MessageKind? {
        guard !domain.isEmpty, id.hasPrefix("<t"), id.hasSuffix(">"), let at = id.lastIndex(of: "@") else { return nil }
        guard id[id.index(after: at)..<id.index(before: id.endIndex)].lowercased() == domain.lowercased() else { return nil }
        let fields = id[id.index(id.startIndex, offsetBy: 2)..<at].split(separator: ".", omittingEmptySubsequences: false)
        guard fields.count == 4, let kind = MessageKind(rawValue: String(fields[1])) else { return nil }
        return [fields[0], fields[2], fields[3]].allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } } ? kind : nil
    }
}
