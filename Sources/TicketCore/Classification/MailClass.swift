/// What an incoming message is, decided before it may become a ticket.
public enum MailClass: Sendable, Equatable {
    /// A person writing to support (a customer, a colleague of theirs, or staff).
    case person
    /// Machine-written mail that must never be answered.
    case automated(AutomatedKind, reason: String)
    /// Mail ticketd itself sent, come back (fetched from its own mailbox or looped by a relay).
    case ownMail(reason: String)
    /// Unsolicited mail, by the built-in filter or a trusted upstream verdict.
    case spam(reason: String)

    /// The key under which dropped mail is counted in `report --json` (`dropped`), nil for people.
    public var dropKey: String? {
        switch self {
        case .person: nil
        case let .automated(kind, _): kind.rawValue
        case .ownMail: "loop"
        case .spam: "spam"
        }
    }

    /// The human reason, for the message record.
    public var reason: String {
        switch self {
        case .person: "person"
        case let .automated(_, reason), let .ownMail(reason), let .spam(reason): reason
        }
    }
}

/// Kinds of machine-written mail.
public enum AutomatedKind: String, Sendable, Codable, CaseIterable {
    /// Vacation and other auto-replies (RFC 3834).
    case autoReply = "auto_reply"
    /// Delivery status notifications and other mailer-daemon mail.
    case bounce
    /// Mailing-list traffic.
    case list
    /// Bulk and other auto-generated mail.
    case bulk
    /// Read receipts (message disposition notifications, Outlook's read receipts).
    case readReceipt = "read_receipt"
}
