/// The parts of an e-mail that ``SpamTokenizer`` looks at, already decoded.
///
/// Built from a parsed `MailMessage` by ``SpamTokenizer/features(of:)``, or
/// directly (tests, other mail sources).
public struct MessageFeatures: Sendable, Hashable {
    /// Decoded `Subject`, `nil` if absent.
    public var subject: String?
    /// Display names of the `From` addresses (empty strings when none was given).
    public var fromNames: [String]
    /// Domains of the `From` addresses.
    public var fromDomains: [String]
    /// Number of addresses in `To` and `Cc`.
    public var recipientCount: Int
    /// Raw values of the `Received` headers, newest first.
    public var receivedHeaders: [String]
    /// The top-level `Content-Type` value, e.g. `text/html; charset=iso-8859-2`.
    public var contentType: String?
    /// `X-Mailer` or `User-Agent` value, `nil` if neither is present.
    public var mailer: String?
    /// MIME types of the attachments.
    public var attachmentTypes: [String]
    /// File names of the attachments (empty strings where none was given).
    public var attachmentNames: [String]
    /// Decoded body text, HTML already rendered to text.
    public var body: String
    /// The raw HTML body, if the message has one; scanned for markup markers and link hosts.
    public var html: String?

    /// Creates a feature set; every part is optional.
    public init(
        subject: String? = nil,
        fromNames: [String] = [],
        fromDomains: [String] = [],
        recipientCount: Int = 1,
        receivedHeaders: [String] = [],
        contentType: String? = nil,
        mailer: String? = nil,
        attachmentTypes: [String] = [],
        attachmentNames: [String] = [],
        body: String = "",
        html: String? = nil
    ) {
        self.subject = subject
        self.fromNames = fromNames
        self.fromDomains = fromDomains
        self.recipientCount = recipientCount
        self.receivedHeaders = receivedHeaders
        self.contentType = contentType
        self.mailer = mailer
        self.attachmentTypes = attachmentTypes
        self.attachmentNames = attachmentNames
        self.body = body
        self.html = html
    }
}
