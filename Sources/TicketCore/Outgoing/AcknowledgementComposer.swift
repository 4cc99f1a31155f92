import Foundation
import MailMessage

/// Writes the acknowledgement for a new ticket: tag in the subject, threading and
/// auto-reply headers, the promise in the customer's language.
public struct AcknowledgementComposer: Sendable {
    public var templates: TemplateSet
    public var tagFormat: TicketTagFormat
    /// Domain of our Message-IDs.
    public var messageIDDomain: String
    /// Signature name in the templates (`team`).
    public var teamName: String

    public init(templates: TemplateSet, tagFormat: TicketTagFormat, messageIDDomain: String, teamName: String) {
        self.templates = templates
        self.tagFormat = tagFormat
        self.messageIDDomain = messageIDDomain
        self.teamName = teamName
    }

    /// What the acknowledgement says beyond the ticket itself.
    public struct Promise: Sendable {
        /// The promised time, already formatted for the customer (e.g. "2026. december 1., kedd 12:00").
        public var formatted: String?
        /// Business hours as shown to the customer.
        public var businessHours: String?

        public init(formatted: String?, businessHours: String?) {
            self.formatted = formatted
            self.businessHours = businessHours
        }
    }

    /// The acknowledgement for `ticket`, answering `original`, sent from `mailbox`.
    public func compose(
        ticket: Ticket, original: MailMessage, from mailbox: MailAddress, envelopeSender: String,
        promise: Promise, now: Date
    ) -> OutgoingMail? {
        guard let template = templates.template(.ack, language: ticket.language) else { return nil }
        let recipient = (original.replyTo.first ?? original.from.first).map { $0.address } ?? ticket.customer.address
        let tag = tagFormat.tag(for: ticket.number)
        var values: [String: Any] = [
            "tag": tag, "number": ticket.number,
            "subject": tagFormat.removingTags(from: ticket.subject).trimmingCharacters(in: .whitespaces),
            "team": teamName,
        ]
        if let name = ticket.customer.name, !name.isEmpty { values["customer_name"] = name }
        if let formatted = promise.formatted { values["promise"] = formatted }
        if let hours = promise.businessHours { values["business_hours"] = hours }
        var (subject, body) = template.render(values)
        subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        if tagFormat.number(in: subject) != ticket.number { subject = "\(tag) \(subject)" }

        let messageID = OwnMessageID.make(ticket: ticket.number, kind: .ack, sequence: 1, at: now, domain: messageIDDomain)
        var references = original.references
        if let id = original.messageID { references.append(id) }
        let message = OutgoingMessage(
            from: mailbox, to: [MailAddress(address: recipient)], subject: subject, messageID: messageID, date: now,
            inReplyTo: original.messageID, references: references,
            extraHeaders: [
                HeaderField(name: "Auto-Submitted", value: "auto-replied"),
                HeaderField(name: "X-Auto-Response-Suppress", value: "All"),
                HeaderField(name: "Precedence", value: "auto_reply"),
            ],
            textBody: body
        )
        return OutgoingMail(
            ticketNumber: ticket.number, kind: .ack, sequence: 1, messageID: messageID, envelopeSender: envelopeSender,
            recipients: [recipient], subject: subject, text: body, raw: message.render()
        )
    }
}
