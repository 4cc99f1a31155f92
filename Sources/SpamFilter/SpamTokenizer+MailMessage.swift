import MailMessage

extension SpamTokenizer {
    /// Extracts the parts of a parsed message that the tokenizer looks at.
    public static func features(of message: MailMessage) -> MessageFeatures {
        let headers = message.headers
        return MessageFeatures(
            subject: message.subject,
            fromNames: message.from.map { $0.name ?? "" },
            fromDomains: message.from.map(\.domain),
            recipientCount: message.to.count + message.cc.count,
            receivedHeaders: headers.values("Received"),
            contentType: headers["Content-Type"] ?? message.contentType,
            mailer: headers.decoded("X-Mailer") ?? headers.decoded("User-Agent"),
            attachmentTypes: message.attachments.map(\.contentType),
            attachmentNames: message.attachments.map { $0.filename ?? "" },
            body: message.textBody,
            html: message.htmlBody)
    }

    /// All tokens of a parsed message, header tokens first, each once.
    public func tokens(for message: MailMessage) -> [String] {
        tokens(for: Self.features(of: message))
    }
}
