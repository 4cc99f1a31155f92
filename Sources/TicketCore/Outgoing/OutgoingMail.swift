import Foundation

/// A mail ticketd decided to send, ready for the outbox.
///
/// `(ticketNumber, kind, sequence)` is its idempotency key: the store refuses a second row with
/// the same key, so a replayed decision never sends twice.
public struct OutgoingMail: Sendable, Equatable {
    public var ticketNumber: Int
    public var kind: MessageKind
    /// 1 for the first mail of this kind on the ticket, 2 for the second, …
    public var sequence: Int
    /// Our Message-ID, `<…@ourdomain>`.
    public var messageID: String
    /// The From address, as the recipient sees it.
    public var from: String
    /// The envelope sender (bounce address).
    public var envelopeSender: String
    /// Envelope recipients.
    public var recipients: [String]
    public var subject: String
    /// The plain-text body, as stored on the ticket.
    public var text: String
    /// The RFC 5322 bytes to send.
    public var raw: [UInt8]

    public init(
        ticketNumber: Int, kind: MessageKind, sequence: Int, messageID: String, from: String, envelopeSender: String,
        recipients: [String], subject: String, text: String, raw: [UInt8]
    ) {
        self.ticketNumber = ticketNumber
        self.kind = kind
        self.sequence = sequence
        self.messageID = messageID
        self.from = from
        self.envelopeSender = envelopeSender
        self.recipients = recipients
        self.subject = subject
        self.text = text
        self.raw = raw
    }
}
