import Foundation
import MailMessage

/// A message as it entered ticketd: raw bytes kept beside the parsed form.
public struct IncomingMail: Sendable {
    /// The bytes exactly as received; stored and never altered.
    public var raw: [UInt8]
    public var message: MailMessage
    /// The IMAP position it came from, nil for mail piped in or created by CLI.
    public var source: SourceKey?
    /// The configured mailbox it arrived through (`ingest` for the MTA pipe).
    public var mailbox: String
    /// The clock at intake.
    public var receivedAt: Date
    /// The IMAP INTERNALDATE, when fetched over IMAP.
    public var internalDate: Date?
    /// Identifies the same mail delivered twice (see `ContentFingerprint`).
    public var fingerprint: String
    /// The built-in filter's opinion, when it is trained well enough to have one.
    public var spam: SpamAssessment?
    /// The message's attachments as filed by the attachment store (empty until they are filed).
    public var attachments: [AttachmentRecord] = []

    public init(raw: [UInt8], source: SourceKey?, mailbox: String, receivedAt: Date, internalDate: Date? = nil) {
        self.raw = raw
        self.message = MailMessage.parse(raw)
        self.source = source
        self.mailbox = mailbox
        self.receivedAt = receivedAt
        self.internalDate = internalDate
        self.fingerprint = ContentFingerprint.of(message, raw: raw)
    }
}
