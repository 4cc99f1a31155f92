import MailMessage

/// One message as rules see it; built by the caller from the parsed mail and what intake knows.
public struct RuleSubject: Sendable, Equatable {
    /// From addresses and display names.
    public var from: [String]
    public var to: [String]
    public var cc: [String]
    public var subject: String
    /// The new text, without quoted history (conditions see its first `RuleLimits.bodyBytes`).
    public var body: String
    public var mailbox: String
    /// The detected language, if any; rules may set it.
    public var language: String?
    public var organisation: String?
    public var attachments: [String]
    public var channel: String
    /// The queue before rules run (the mailbox's).
    public var queue: String
    /// The priority before rules run.
    public var priority: TicketPriority
    /// Every header, RFC 2047-decoded, by lower-cased name, each occurrence in order.
    public var headers: [String: [String]]

    /// A subject from its parts; `headers` keys are lower-cased here.
    public init(
        from: [String] = [], to: [String] = [], cc: [String] = [], subject: String = "", body: String = "",
        mailbox: String = "", language: String? = nil, organisation: String? = nil, attachments: [String] = [],
        channel: String = "email", queue: String = "", priority: TicketPriority = .normal, headers: [String: [String]] = [:]
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.body = body
        self.mailbox = mailbox
        self.language = language
        self.organisation = organisation
        self.attachments = attachments
        self.channel = channel
        self.queue = queue
        self.priority = priority
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
    }

    /// The subject of a parsed mail: addresses with their display names, `newText` as the body,
    /// attachment file names and every header decoded.
    ///
    /// ```swift
    /// let subject = RuleSubject(message: mail.message, mailbox: "support", queue: "support", language: "hu")
    /// ```
    public init(
        message: MailMessage, mailbox: String, queue: String, language: String?, organisation: String? = nil, channel: String = "email"
    ) {
        var headers: [String: [String]] = [:]
        for field in message.headers { headers[field.name.lowercased(), default: []].append(field.decodedValue) }
        self.init(
            from: Self.names(message.from), to: Self.names(message.to), cc: Self.names(message.cc), subject: message.subject ?? "",
            body: message.newText, mailbox: mailbox, language: language, organisation: organisation,
            attachments: message.attachments.compactMap(\.filename), channel: channel, queue: queue, headers: headers)
    }

    /// Each address, then its display name when it has one.
    private static func names(_ addresses: [MailAddress]) -> [String] {
        addresses.flatMap { address in [address.address] + (address.name.map { [$0] } ?? []) }
    }
}
