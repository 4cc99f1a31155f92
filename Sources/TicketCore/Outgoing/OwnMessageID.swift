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
}
