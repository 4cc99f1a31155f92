import Foundation
import MailMessage

/// Writes every mail ticketd sends about a ticket from the templates: acknowledgements, slip
/// follow-ups, staff alarms and escalations.
///
/// Each mail carries the ticket tag in its subject, a Message-ID of ticketd's own domain,
/// In-Reply-To/References to the customer's mail, `Auto-Submitted` (`auto-replied` for
/// acknowledgements, `auto-generated` otherwise) and `X-Auto-Response-Suppress: All`.
public struct TicketMailComposer: Sendable {
    public var templates: TemplateSet
    public var tagFormat: TicketTagFormat
    /// Domain of our Message-IDs.
    public var messageIDDomain: String
    /// Signature name in the templates (`team`).
    public var teamName: String
    /// Formats promises and business hours.
    public var policy: PromisePolicy
    /// Language of mail to staff.
    public var staffLanguage: String

    public init(
        templates: TemplateSet, tagFormat: TicketTagFormat, messageIDDomain: String, teamName: String,
        policy: PromisePolicy, staffLanguage: String
    ) {
        self.templates = templates
        self.tagFormat = tagFormat
        self.messageIDDomain = messageIDDomain
        self.teamName = teamName
        self.policy = policy
        self.staffLanguage = staffLanguage
    }

    /// Where a mail about a ticket is sent from and how it threads.
    public struct Envelope: Sendable {
        /// The support mailbox (From:).
        public var from: MailAddress
        /// The bounce address.
        public var envelopeSender: String
        /// The customer's mail this answers (In-Reply-To), if known.
        public var inReplyTo: String?
        /// References of the conversation so far (their IDs and ours).
        public var references: [String]

        public init(from: MailAddress, envelopeSender: String, inReplyTo: String?, references: [String]) {
            self.from = from
            self.envelopeSender = envelopeSender
            self.inReplyTo = inReplyTo
            self.references = references
        }
    }

    /// The acknowledgement of a new ticket, to `recipient` (the customer's Reply-To or From),
    /// naming `promise` if there is one.
    /// `suggestions` are knowledge-base articles that may already answer the request, each
    /// listed with its title and text and marked as a suggestion.
    public func acknowledgement(
        ticket: Ticket, recipient: String, envelope: Envelope, promise: Date?, suggestions: [KnowledgeArticle] = [],
        process: (title: String, endsAt: Date)? = nil, now: Date
    ) -> OutgoingMail? {
        var values = baseValues(ticket)
        if let process {
            values["request_type"] = process.title
            values["process_end"] = policy.format(process.endsAt, language: ticket.language)
        }
        var articles: [(marker: String, text: String, html: String)] = []
        if !suggestions.isEmpty {
            values["suggestions"] = suggestions.enumerated().map { index, article in
                // The title is listed on its own line; the rendered text starts with it too.
                var text = article.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.hasPrefix(article.title) { text = String(text.dropFirst(article.title.count)).trimmingCharacters(in: .whitespacesAndNewlines) }
                // The template places a marker; the text and HTML parts each put the article there in their form.
                let marker = "\u{E000}kb\(index)\u{E000}"
                articles.append((marker, text, article.bodyHTML))
                return ["title": article.title, "text": marker]
            }
            values["has_suggestions"] = true
        }
        if let promise { values["promise"] = policy.format(promise, language: ticket.language) }
        values["business_hours"] = policy.businessHours(language: ticket.language)
        return compose(.ack, language: ticket.language, values: values, ticket: ticket.number, kind: .ack, sequence: 1,
                       to: [recipient], envelope: envelope, autoSubmitted: "auto-replied", articles: articles, now: now)
    }

    /// The customer's confirmation that their ticket is closed, as they asked.
    public func closedConfirmation(ticket: Ticket, envelope: Envelope, sequence: Int, now: Date) -> OutgoingMail? {
        compose(.closed, language: ticket.language, values: baseValues(ticket), ticket: ticket.number, kind: .confirmation, sequence: sequence,
                to: [ticket.customer.address], envelope: envelope, autoSubmitted: "auto-replied", now: now)
    }

    /// A customer notice from `template` (a request-type step's `notify`) with `values` over the ticket's.
    public func customerNotice(_ template: TemplateKind, ticket: Ticket, values extra: [String: Any], sequence: Int, envelope: Envelope, now: Date) -> OutgoingMail? {
        var values = baseValues(ticket)
        values.merge(extra) { _, new in new }
        return compose(template, language: ticket.language, values: values, ticket: ticket.number, kind: .stepNotice, sequence: sequence,
                       to: [ticket.customer.address], envelope: envelope, autoSubmitted: "auto-generated", now: now)
    }

    /// A contract's notice or renewal reminder from `template`, opening `ticket` (to its customer: the contract's contact).
    public func contractMail(_ template: TemplateKind, ticket: Ticket, values extra: [String: Any], envelope: Envelope, now: Date) -> OutgoingMail? {
        var values = baseValues(ticket)
        values.merge(extra) { _, new in new }
        return compose(template, language: ticket.language, values: values, ticket: ticket.number, kind: .notice, sequence: 1,
                       to: [ticket.customer.address], envelope: envelope, autoSubmitted: "auto-generated", now: now)
    }

    /// Staff told that `step` of `ticket` (a `requestType`) passed its deadline `due`.
    public func stepEscalation(
        ticket: Ticket, requestType: String, step: String, due: Date, to recipients: [String], replyTo: String? = nil, sequence: Int,
        envelope: Envelope, now: Date
    ) -> OutgoingMail? {
        var values = baseValues(ticket)
        values["missed"] = policy.format(due, language: staffLanguage)
        values["step"] = step
        values["request_type"] = requestType
        return compose(.stepEscalation, language: staffLanguage, values: values, ticket: ticket.number, kind: .escalation, sequence: sequence,
                       to: recipients, envelope: envelope, autoSubmitted: "auto-generated", replyTo: replyTo, now: now)
    }

    /// The customer's follow-up after promise number `promiseNumber` (at `missed`) slipped.
    public func followUp(ticket: Ticket, envelope: Envelope, missed: Date, newPromise: Date, promiseNumber: Int, now: Date) -> OutgoingMail? {
        var values = baseValues(ticket)
        values["missed"] = policy.format(missed, language: ticket.language)
        values["promise"] = policy.format(newPromise, language: ticket.language)
        return compose(.followup, language: ticket.language, values: values, ticket: ticket.number, kind: .followup,
                       sequence: promiseNumber, to: [ticket.customer.address], envelope: envelope, autoSubmitted: "auto-generated", now: now)
    }

    /// A staff alarm: the window of promise `promiseNumber` is mostly gone (`newPromise` nil) or passed.
    ///
    /// Outbox sequence: `promiseNumber × 10 + 1` for the warning, `+ 2` once overdue; with a
    /// `slot` (one mail per staff member, 1…99) that number × 100 + slot. `replyTo` is the
    /// recipient's verifiable reply address.
    public func staffAlarm(
        ticket: Ticket, staff: [String], envelope: Envelope, missed: Date, newPromise: Date?, promiseNumber: Int, replyTo: String? = nil,
        slot: Int = 0, now: Date
    ) -> OutgoingMail? {
        guard !staff.isEmpty else { return nil }
        var values = baseValues(ticket)
        values["missed"] = policy.format(missed, language: staffLanguage)
        if let newPromise {
            values["promise"] = policy.format(newPromise, language: staffLanguage)
            values["overdue"] = true
        }
        return compose(.alarm, language: staffLanguage, values: values, ticket: ticket.number, kind: .notice,
                       sequence: Self.slotted(promiseNumber * 10 + (newPromise == nil ? 1 : 2), slot), to: staff, envelope: envelope,
                       autoSubmitted: "auto-generated", replyTo: replyTo, now: now)
    }

    /// The lead's escalation when promise `promiseNumber` (a second or later one) slipped.
    /// Outbox sequence: `promiseNumber`, or with a `slot` (one mail per lead) `promiseNumber × 100 + slot`.
    public func escalation(
        ticket: Ticket, leads: [String], envelope: Envelope, missed: Date, newPromise: Date, promiseNumber: Int, replyTo: String? = nil,
        slot: Int = 0, now: Date
    ) -> OutgoingMail? {
        guard !leads.isEmpty else { return nil }
        var values = baseValues(ticket)
        values["missed"] = policy.format(missed, language: staffLanguage)
        values["promise"] = policy.format(newPromise, language: staffLanguage)
        return compose(.escalation, language: staffLanguage, values: values, ticket: ticket.number, kind: .escalation,
                       sequence: Self.slotted(promiseNumber, slot), to: leads, envelope: envelope, autoSubmitted: "auto-generated",
                       replyTo: replyTo, now: now)
    }

    /// One staff member's or lead's digest of the `lines` (one per ticket) of the promises that
    /// slipped in one watcher run, stored on `anchor` (the lowest of those tickets) without its
    /// tag in the subject, since it speaks for all of them. Outbox sequence: `sequence`.
    public func alarmDigest(anchor: Int, to recipient: String, lines: [String], sequence: Int, envelope: Envelope, now: Date) -> OutgoingMail? {
        compose(.alarmDigest, language: staffLanguage, values: ["count": lines.count, "lines": lines.joined(separator: "\n"), "team": teamName],
                ticket: anchor, kind: .digest, sequence: sequence, to: [recipient], envelope: envelope, autoSubmitted: "auto-generated",
                tagged: false, now: now)
    }

    /// A staff answer relayed to the customer: the staff text as written (with the articles staff
    /// inserted, also as an HTML alternative), the tag in the subject, threaded onto the
    /// conversation, and no auto-reply headers (a person wrote it).
    public func staffReply(ticket: Ticket, body: MailBody, envelope: Envelope, sequence: Int, now: Date) -> OutgoingMail {
        let text = body.text
        let tag = tagFormat.tag(for: ticket.number)
        let base = subject(of: ticket)
        let subject = "Re: \(tag) \(base)"
        let messageID = OwnMessageID.make(ticket: ticket.number, kind: .staff, sequence: sequence, at: now, domain: messageIDDomain)
        var references = envelope.references
        if let inReplyTo = envelope.inReplyTo, !references.contains(inReplyTo) { references.append(inReplyTo) }
        let message = OutgoingMessage(
            from: envelope.from, to: [MailAddress(address: ticket.customer.address, name: ticket.customer.name)], subject: subject,
            messageID: messageID, date: now, inReplyTo: envelope.inReplyTo, references: references, textBody: text, htmlBody: body.html)
        return OutgoingMail(
            ticketNumber: ticket.number, kind: .staff, sequence: sequence, messageID: messageID, from: envelope.from.address, envelopeSender: envelope.envelopeSender,
            recipients: [ticket.customer.address], subject: subject, text: text, raw: message.render())
    }

    /// `base`, or for one of several per-recipient mails `base × 100 + slot`.
    static func slotted(_ base: Int, _ slot: Int) -> Int {
        slot > 0 ? base * 100 + min(slot, 99) : base
    }

    /// A mail to one staff member about `ticket` (`template` is `notification`, `held` or
    /// `commands`) whose Reply-To, when given, is that member's verifiable reply address.
    /// Outbox sequence: the ticket's next `notification` number.
    public func staffNotice(
        _ template: TemplateKind, ticket: Ticket, to staff: StaffRecipient, replyTo: String?, values extra: [String: Any], sequence: Int,
        envelope: Envelope, now: Date
    ) -> OutgoingMail? {
        var values = baseValues(ticket)
        if let promise = ticket.promisedBy { values["promise"] = policy.format(promise, language: staffLanguage) }
        if let name = staff.name, !name.isEmpty { values["staff_name"] = name }
        values.merge(extra) { _, new in new }
        return compose(template, language: staffLanguage, values: values, ticket: ticket.number, kind: .notification, sequence: sequence,
                       to: [staff.address], envelope: envelope, autoSubmitted: "auto-generated", replyTo: replyTo, now: now)
    }

    /// Who a staff notice goes to.
    public struct StaffRecipient: Sendable, Equatable {
        public var address: String
        public var name: String?

        public init(address: String, name: String? = nil) {
            self.address = address
            self.name = name
        }
    }

    /// The ticket's subject as mail shows it: without reply prefixes and ticket tags.
    public func subject(of ticket: Ticket) -> String {
        SubjectNormalizer.stripPrefixes(tagFormat.removingTags(from: ticket.subject)).trimmingCharacters(in: .whitespaces)
    }

    private func baseValues(_ ticket: Ticket) -> [String: Any] {
        var values: [String: Any] = [
            "tag": tagFormat.tag(for: ticket.number), "number": ticket.number,
            "subject": subject(of: ticket),
            "customer": ticket.customer.address, "team": teamName,
        ]
        if let name = ticket.customer.name, !name.isEmpty { values["customer_name"] = name }
        return values
    }

    private func compose(
        _ template: TemplateKind, language: String, values: [String: Any], ticket: Int, kind: MessageKind, sequence: Int,
        to recipients: [String], envelope: Envelope, autoSubmitted: String, replyTo: String? = nil,
        articles: [(marker: String, text: String, html: String)] = [], tagged: Bool = true, now: Date
    ) -> OutgoingMail? {
        guard let mailTemplate = templates.template(template, language: language) else { return nil }
        var (subject, rendered) = mailTemplate.render(values)
        let mailBody = MailBody(rendered: rendered, articles: articles)
        let body = mailBody.text
        subject = subject.trimmingCharacters(in: .whitespacesAndNewlines)
        let tag = tagFormat.tag(for: ticket)
        if tagged, tagFormat.number(in: subject) != ticket { subject = "\(tag) \(subject)" }
        let messageID = OwnMessageID.make(ticket: ticket, kind: kind, sequence: sequence, at: now, domain: messageIDDomain)
        var references = envelope.references
        if let inReplyTo = envelope.inReplyTo, !references.contains(inReplyTo) { references.append(inReplyTo) }
        let message = OutgoingMessage(
            from: envelope.from, to: recipients.map { MailAddress(address: $0) }, subject: subject, messageID: messageID, date: now,
            inReplyTo: envelope.inReplyTo, references: references,
            extraHeaders: [
                HeaderField(name: "Auto-Submitted", value: autoSubmitted),
                HeaderField(name: "X-Auto-Response-Suppress", value: "All"),
                HeaderField(name: "Precedence", value: autoSubmitted == "auto-replied" ? "auto_reply" : "bulk"),
            ] + (replyTo.map { [HeaderField(name: "Reply-To", value: $0)] } ?? []),
            textBody: body, htmlBody: mailBody.html
        )
        return OutgoingMail(
            ticketNumber: ticket, kind: kind, sequence: sequence, messageID: messageID, from: envelope.from.address, envelopeSender: envelope.envelopeSender,
            recipients: recipients, subject: subject, text: body, raw: message.render())
    }
}
