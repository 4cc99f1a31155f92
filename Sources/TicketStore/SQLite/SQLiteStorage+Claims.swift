/// One daemon per state directory works every mailbox: `ticketd run` takes `ticketd.lock` there.
extension SQLiteStorage: MailboxClaims {
    public func claimMailbox(_ mailbox: String, of mailboxes: [String]) throws -> Bool { true }

    public func mailboxHolders(_ mailboxes: [String]) throws -> [String: String] { [:] }
}
