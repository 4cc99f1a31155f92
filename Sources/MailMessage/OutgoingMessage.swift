import Foundation

/// An outgoing message; `render()` gives wire bytes with CRLF line ends.
///
/// Rendering is injection-proof: every CR, LF and NUL in any input becomes a space, header names that are
/// not printable ASCII without `:` are dropped, and non-ASCII text is sent as RFC 2047 UTF-8 encoded words.
public struct OutgoingMessage: Sendable {
    /// The author.
    public var from: MailAddress
    /// The primary recipients.
    public var to: [MailAddress]
    /// The copied recipients.
    public var cc: [MailAddress]
    /// The subject, any Unicode.
    public var subject: String
    /// The Message-ID, with or without angle brackets.
    public var messageID: String
    /// The origination date (rendered in UTC).
    public var date: Date
    /// The message id this replies to.
    public var inReplyTo: String?
    /// The thread's message ids, oldest first.
    public var references: [String]
    /// Additional header fields, rendered after the standard ones.
    public var extraHeaders: [HeaderField]
    /// The plain-text body; any line ends.
    public var textBody: String
    /// An optional HTML alternative.
    public var htmlBody: String?

    /// Creates an outgoing message.
    public init(from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], subject: String, messageID: String, date: Date,
                inReplyTo: String? = nil, references: [String] = [], extraHeaders: [HeaderField] = [],
                textBody: String, htmlBody: String? = nil) {
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.messageID = messageID
        self.date = date
        self.inReplyTo = inReplyTo
        self.references = references
        self.extraHeaders = extraHeaders
        self.textBody = textBody
        self.htmlBody = htmlBody
    }

    /// Header names the renderer writes itself; extra headers with these names are dropped.
    static let reservedHeaderNames: Set<String> = [
        "date", "from", "to", "cc", "subject", "message-id", "in-reply-to", "references", "mime-version",
        "content-type", "content-transfer-encoding",
    ]

    /// The message in wire format: CRLF line ends, headers folded at 78 columns, quoted-printable bodies.
    public func render() -> [UInt8] {
        var writer = HeaderWriter()
        writer.addRaw("Date", MailDate.format(date))
        writer.addAddresses("From", [from])
        if !to.isEmpty { writer.addAddresses("To", to) }
        if !cc.isEmpty { writer.addAddresses("Cc", cc) }
        writer.addUnstructured("Subject", subject)
        writer.addIDs("Message-ID", [messageID])
        if let inReplyTo { writer.addIDs("In-Reply-To", [inReplyTo]) }
        if !references.isEmpty { writer.addIDs("References", references) }
        writer.addRaw("MIME-Version", "1.0")
        for field in extraHeaders where HeaderWriter.isValidName(field.name)
            && !Self.reservedHeaderNames.contains(field.name.lowercased()) {
            writer.addUnstructured(field.name, field.value)
        }
        var out = writer.bytes
        let crlf: [UInt8] = [0x0D, 0x0A]
        guard let htmlBody else {
            out += Array("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            out += TransferCoding.encodeQuotedPrintable(textBody) + crlf
            return out
        }
        let boundary = "=_ticketd_" + boundaryToken()
        out += Array("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"\r\n\r\n".utf8)
        out += Array("This is a multi-part message in MIME format.\r\n".utf8)
        for (type, body) in [("text/plain", textBody), ("text/html", htmlBody)] {
            out += Array("--\(boundary)\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            out += TransferCoding.encodeQuotedPrintable(body) + crlf
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    /// A token derived from the message id; `=_` in the boundary already keeps it out of quoted-printable text.
    private func boundaryToken() -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in messageID.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 36)
    }
}
