import Foundation
import MailMessage

/// Decides what an incoming message does: drop, note, new ticket or reply on an existing one.
///
/// Pure: the only inputs are the message, the threading index (a snapshot the store answers
/// inside its transaction) and `now`.
public struct IntakePlanner: Sendable {
    public var detector: AutomatedMailDetector
    public var matcher: ThreadMatcher
    /// Believed SpamAssassin/rspamd headers (empty: none believed).
    public var upstream: UpstreamSpamVerdict
    /// Used when detection finds no clear language.
    public var defaultLanguage: String
    /// VERP envelope senders, when configured: a bounce delivered to one is noted on its ticket.
    public var bounceAddress: BounceAddress?

    public init(detector: AutomatedMailDetector, matcher: ThreadMatcher, defaultLanguage: String, upstream: UpstreamSpamVerdict = .init(trustedHosts: [])) {
        self.detector = detector
        self.matcher = matcher
        self.upstream = upstream
        self.defaultLanguage = defaultLanguage
    }

    /// Plans the intake of `mail` arriving through a mailbox whose tickets go to `queue`.
    public func plan(_ mail: IncomingMail, queue: String, index: some ThreadingIndex, now: Date) throws -> IntakePlan {
        let message = mail.message
        let classification = detector.classify(message)
        switch classification {
        case .ownMail:
            return IntakePlan(action: .drop(key: "loop"), classification: classification, acknowledge: false)
        case .spam:
            return IntakePlan(action: .drop(key: "spam"), classification: classification, acknowledge: false)
        case .automated:
            if let number = bounceAddress?.ticket(deliveredTo: message), try index.candidate(number: number) != nil {
                return IntakePlan(action: .note(ticket: number), classification: classification, acknowledge: false)
            }
            let referenced = message.inReplyTo + message.references + matcher.quotedOwnMessageIDs(in: message.textBody)
                + returnedOwnMessageIDs(in: message)
            if !referenced.isEmpty, let number = try index.ticketNumber(forAnyOf: referenced) {
                return IntakePlan(action: .note(ticket: number), classification: classification, acknowledge: false)
            }
            return IntakePlan(action: .drop(key: classification.dropKey ?? "automated"), classification: classification, acknowledge: false)
        case .person:
            break
        }
        if let spam = upstream.verdict(of: message) ?? mail.spam, spam.isSpam {
            // Spam that answers one of our tickets is a person replying: it is kept (staff can
            // judge), never dropped.
            let referenced = message.inReplyTo + message.references
            let answersTicket = referenced.isEmpty ? false : try index.ticketNumber(forAnyOf: referenced) != nil
            if !answersTicket {
                return IntakePlan(action: .drop(key: "spam"), classification: .spam(reason: spam.reason), acknowledge: false)
            }
        }

        let sender = message.from.first
        let senderAddress = matcher.identity(of: sender?.normalized ?? "")
        let isStaff = matcher.staffAddresses.contains(senderAddress)
        switch try matcher.match(message, index: index, now: now) {
        case let .existing(number, rule):
            let state = try index.candidate(number: number)?.state
            return IntakePlan(
                action: .append(ticket: number, kind: isStaff ? .staff : .customer, rule: rule, reopen: state == .resolved && !isStaff),
                classification: classification, acknowledge: false
            )
        case let .new(linkedTo):
            let subject = message.subject ?? ""
            let customerAddress = senderAddress.isEmpty ? "unknown@invalid" : senderAddress
            let ticket = NewTicket(
                subject: subject.isEmpty ? "(no subject)" : subject,
                normalizedSubject: SubjectNormalizer.normalize(subject, tagFormat: matcher.tagFormat),
                customer: Customer(address: customerAddress, name: sender?.name),
                queue: queue,
                language: try index.preferredLanguage(customer: customerAddress)
                    ?? LanguageDetector.detect(subject + "\n" + message.newText) ?? defaultLanguage,
                linkedTo: linkedTo
            )
            let acknowledge = !senderAddress.isEmpty && !isStaff
            return IntakePlan(action: .open(ticket), classification: classification, acknowledge: acknowledge)
        }
    }

    /// Parts in which a delivery report returns the original message or its headers (RFC 3462, RFC 6533).
    static let returnedMessageTypes: Set<String> = ["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"]

    /// ticketd's own Message-IDs in the message or headers a delivery report returned.
    func returnedOwnMessageIDs(in message: MailMessage) -> [String] {
        message.attachments.filter { Self.returnedMessageTypes.contains($0.contentType) }
            .flatMap { matcher.quotedOwnMessageIDs(in: String(decoding: $0.data.prefix(65_536), as: UTF8.self)) }
    }
}
