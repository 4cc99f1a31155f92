import Foundation

/// A parsed message. Parsing never fails, never traps, never loops, whatever the bytes.
public struct MailMessage: Sendable {
    /// All top-level header fields in order.
    public var headers: HeaderFields
    /// The RFC 2047-decoded, unfolded, whitespace-trimmed Subject; decoded CR, LF and NUL become spaces.
    public var subject: String?
    /// The From mailboxes.
    public var from: [MailAddress]
    /// The Sender mailbox.
    public var sender: MailAddress?
    /// The Reply-To mailboxes.
    public var replyTo: [MailAddress]
    /// The To mailboxes.
    public var to: [MailAddress]
    /// The Cc mailboxes.
    public var cc: [MailAddress]
    /// The Message-ID normalised with angle brackets, e.g. `"<abc@host>"`; nil if absent or garbage.
    public var messageID: String?
    /// The In-Reply-To message ids, each `"<…>"`.
    public var inReplyTo: [String]
    /// The References message ids, each `"<…>"`, in order, without duplicates.
    public var references: [String]
    /// The Date header (RFC 5322 and obsolete forms); nil if unparsable.
    public var date: Date?
    /// The top-level lower-cased `type/subtype` (default `text/plain`).
    public var contentType: String
    /// The best readable text: text/plain, else HTML turned into text; `"\n"` line ends, no trailing whitespace.
    ///
    /// Inline text parts of multipart/mixed are joined with a blank line; forwarded message/rfc822 parts
    /// contribute their headers and text after a "---------- Forwarded message ----------" line.
    public var textBody: String
    /// The raw HTML body (decoded to a string), if the message has one.
    public var htmlBody: String?
    /// The new part of a reply: quoted history and signature removed; never empty when `textBody` is not.
    public var newText: String
    /// Files, inline resources and attached messages, in MIME order (parts of attached messages included).
    public var attachments: [Attachment]
    /// Problems met while parsing, without duplicates.
    public var defects: [ParseDefect]

    /// Parses raw message bytes (LF or CRLF line ends, optional leading mbox `From ` line).
    public static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes, limits: ParseLimits = .default) -> MailMessage {
        MailMessage(bytes: Array(bytes), limits: limits)
    }

    /// Parses raw message bytes (LF or CRLF line ends, optional leading mbox `From ` line).
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) -> MailMessage {
        MailMessage(bytes: bytes, limits: limits)
    }

    /// Parses a message given as text; it is read as its UTF-8 bytes.
    public static func parse(_ text: String, limits: ParseLimits = .default) -> MailMessage {
        MailMessage(bytes: Array(text.utf8), limits: limits)
    }

    private init(bytes: [UInt8], limits: ParseLimits) {
        var log = DefectLog()
        let header = HeaderParser.parse(bytes, in: 0..<bytes.count, limits: limits, skipMboxLine: true, defects: &log)
        if header.hadNoHeaders { log.add(.noHeaders) }
        let headers = header.headers
        self.headers = headers
        subject = headers.decoded("Subject").map { $0.neutralizingLineBreaks.trimmingASCIIWhitespace() }
        from = headers.values("From").flatMap { MailAddress.parseList($0) }
        sender = headers["Sender"].flatMap { MailAddress.parseList($0).first }
        replyTo = headers.values("Reply-To").flatMap { MailAddress.parseList($0) }
        to = headers.values("To").flatMap { MailAddress.parseList($0) }
        cc = headers.values("Cc").flatMap { MailAddress.parseList($0) }
        messageID = MessageIDParser.single(headers["Message-ID"])
        inReplyTo = MessageIDParser.list(headers["In-Reply-To"])
        references = MessageIDParser.list(headers.values("References").joined(separator: " "))
        date = MailDate.parse(headers["Date"])

        var walker = MIMEParser(limits: limits)
        for defect in log.defects { walker.defects.add(defect) }
        let topType = MIMEHeaderValue(headers["Content-Type"]).value
        let body = walker.walk(bytes, body: header.bodyStart..<bytes.count, headers: headers, depth: 0,
                               defaultType: "text/plain", role: .body)
        contentType = Self.isValidType(topType) ? topType : "text/plain"
        textBody = (body.readable ?? "").trimmingTrailingWhitespace
        htmlBody = body.html
        newText = ReplyText.newText(from: textBody)
        attachments = walker.attachments
        defects = walker.defects.defects
    }

    /// The new part of a stored message body, as ``newText`` is for a parsed one: quoted history,
    /// attribution lines, forwarded originals and the signature removed.
    public static func newText(of text: String) -> String { ReplyText.newText(from: text) }

    private static func isValidType(_ type: String) -> Bool {
        let pieces = type.split(separator: "/", omittingEmptySubsequences: false)
        return pieces.count == 2 && !pieces[0].isEmpty && !pieces[1].isEmpty
    }
}
