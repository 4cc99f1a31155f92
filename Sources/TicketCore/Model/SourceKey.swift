/// Where an incoming message came from; the same key never makes a second message.
public struct SourceKey: Sendable, Hashable {
    /// The configured mailbox name, or `ingest` for mail piped in by the MTA.
    public var mailbox: String
    /// The IMAP UIDVALIDITY of the folder (0 for piped mail).
    public var uidValidity: UInt32
    /// The IMAP UID (0 for piped mail).
    public var uid: UInt32

    public init(mailbox: String, uidValidity: UInt32, uid: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }
}
