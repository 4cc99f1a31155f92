import Foundation
import MailMessage

/// Decides which ticket an incoming message belongs to.
///
/// The algorithm, first match wins:
/// 1. **Tag**: our subject tag names an existing ticket, and the sender is a participant of it
///    (the customer, someone already on the ticket, a colleague from the customer's own
///    organisation domain, or staff) or the mail references one of the ticket's messages.
///    A tag from a stranger opens a new ticket linked to the tagged one.
/// 2. **References**: `In-Reply-To` or `References` name a message of a ticket (ours or theirs).
/// 3. **Quoted Message-ID**: the body quotes one of ticketd's own Message-IDs (clients that drop headers).
/// 4. **Subject**: same customer address and normalised subject within `subjectWindow`, on a ticket
///    that is not closed — never across customers, so "Invoice" from two companies stays apart.
/// A match on a closed ticket, or on a resolved one quiet for longer than `reopenWindow`, opens a
/// new ticket linked to it; a match on a resolved ticket within the window reopens it.
public struct ThreadMatcher: Sendable {
    public var tagFormat: TicketTagFormat
    /// ticketd's Message-ID domain, to find quoted IDs in bodies.
    public var ownMessageIDDomain: String
    /// Staff addresses (normalised): they may write on any ticket.
    public var staffAddresses: Set<String>
    /// How far back the subject fallback looks.
    public var subjectWindow: TimeInterval
    /// How long after its last activity a resolved ticket is reopened by a customer reply.
    public var reopenWindow: TimeInterval
    /// Fold `name+tag@domain` to `name@domain` when comparing senders.
    public var foldPlusAddressing: Bool

    public init(
        tagFormat: TicketTagFormat, ownMessageIDDomain: String, staffAddresses: Set<String>, subjectWindow: TimeInterval,
        reopenWindow: TimeInterval = 30 * 86_400, foldPlusAddressing: Bool = false
    ) {
        self.reopenWindow = reopenWindow
        self.foldPlusAddressing = foldPlusAddressing
        self.tagFormat = tagFormat
        self.ownMessageIDDomain = ownMessageIDDomain.lowercased()
        self.staffAddresses = Set(staffAddresses.map { $0.lowercased() })
        self.subjectWindow = subjectWindow
    }

    /// The outcome of threading one message.
    public enum Decision: Sendable, Equatable {
        /// Attach to this ticket; `rule` says why.
        case existing(number: Int, rule: Rule)
        /// Open a new ticket, linked to an earlier one when there is a reason to.
        case new(linkedTo: Int?)
    }

    /// Which rule matched.
    public enum Rule: String, Sendable {
        case tag, references, quotedMessageID = "quoted_message_id", subject
    }

    /// The address a sender is known by: lower-cased, `+tag` folded when configured.
    public func identity(of address: String) -> String {
        let lowered = address.lowercased()
        guard foldPlusAddressing, let at = lowered.lastIndex(of: "@"), let plus = lowered[..<at].firstIndex(of: "+") else { return lowered }
        return String(lowered[..<plus] + lowered[at...])
    }

    public func match(_ message: MailMessage, index: some ThreadingIndex, now: Date) throws -> Decision {
        let sender = identity(of: message.from.first?.normalized ?? "")
        let referenced = Array(Set(message.inReplyTo + message.references))
        let referencedTicket = referenced.isEmpty ? nil : try index.ticketNumber(forAnyOf: referenced)

        if let subject = message.subject, let number = tagFormat.number(in: subject),
            let candidate = try index.candidate(number: number)
        {
            if isParticipant(sender, of: candidate) || referencedTicket == number {
                return decide(candidate, rule: .tag, now: now)
            }
            return .new(linkedTo: number)
        }
        if let number = referencedTicket, let candidate = try index.candidate(number: number) {
            return decide(candidate, rule: .references, now: now)
        }
        let quoted = quotedOwnMessageIDs(in: message.textBody)
        if !quoted.isEmpty, let number = try index.ticketNumber(forAnyOf: quoted),
            let candidate = try index.candidate(number: number)
        {
            return decide(candidate, rule: .quotedMessageID, now: now)
        }
        if let subject = message.subject, !sender.isEmpty {
            let normalized = SubjectNormalizer.normalize(subject, tagFormat: tagFormat)
            if !normalized.isEmpty {
                let open = try index.candidates(customer: sender, normalizedSubject: normalized, since: now - subjectWindow)
                    .filter { $0.state != .closed }
                    .max { $0.updatedAt < $1.updatedAt }
                if let open { return .existing(number: open.number, rule: .subject) }
            }
        }
        return .new(linkedTo: nil)
    }

    private func decide(_ candidate: ThreadCandidate, rule: Rule, now: Date) -> Decision {
        switch candidate.state {
        case .closed: .new(linkedTo: candidate.number)
        case .resolved where now.timeIntervalSince(candidate.updatedAt) > reopenWindow: .new(linkedTo: candidate.number)
        default: .existing(number: candidate.number, rule: rule)
        }
    }

    /// The customer, anyone already on the ticket, staff, or a colleague from the customer's organisation.
    func isParticipant(_ sender: String, of candidate: ThreadCandidate) -> Bool {
        guard !sender.isEmpty else { return false }
        if sender == candidate.customer || candidate.participants.contains(sender) || staffAddresses.contains(sender) {
            return true
        }
        let senderDomain = sender.split(separator: "@").last.map(String.init) ?? ""
        let customerDomain = candidate.customer.split(separator: "@").last.map(String.init) ?? ""
        return !senderDomain.isEmpty && senderDomain == customerDomain && !FreemailDomains.contains(senderDomain)
    }

    /// `<…@ourdomain>` IDs quoted in a body.
    func quotedOwnMessageIDs(in text: String) -> [String] {
        guard !ownMessageIDDomain.isEmpty else { return [] }
        var found: [String] = []
        var rest = text[...]
        let suffix = "@\(ownMessageIDDomain)>"
        while let end = rest.range(of: suffix, options: .caseInsensitive) {
            if let open = rest[..<end.lowerBound].lastIndex(of: "<") {
                let id = rest[open..<end.upperBound]
                if id.count < 250, !id.contains(where: \.isWhitespace) { found.append(String(id)) }
            }
            rest = rest[end.upperBound...]
        }
        return found
    }
}

/// Public webmail domains: sharing one does not make two people colleagues.
public enum FreemailDomains {
    static let domains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net",
        "web.de", "mail.com", "yandex.com", "mail.ru", "zoho.com", "freemail.hu", "citromail.hu", "t-online.hu",
        "indamail.hu", "vipmail.hu", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "op.pl", "gazeta.pl", "poczta.fm",
        "tlen.pl", "vp.pl",
    ]

    /// Whether `domain` is a public mail provider.
    public static func contains(_ domain: String) -> Bool { domains.contains(domain.lowercased()) }
}
