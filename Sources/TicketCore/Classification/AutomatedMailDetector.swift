import Foundation
import MailMessage

/// Recognises machine-written mail (RFC 3834 and common practice) so that it is never answered.
///
/// Each rule returns the first reason that matched; the order goes from the most specific
/// evidence (delivery reports) to the broadest (bulk markers).
public struct AutomatedMailDetector: Sendable {
    /// Addresses that are ticketd's own (mail from them is a loop).
    public var ownAddresses: Set<String>
    /// The domain of ticketd's own Message-IDs.
    public var ownMessageIDDomain: String

    public init(ownAddresses: Set<String>, ownMessageIDDomain: String) {
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
        self.ownMessageIDDomain = ownMessageIDDomain.lowercased()
    }

    /// Classifies `message` by its headers, sender and subject.
    public func classify(_ message: MailMessage) -> MailClass {
        let headers = message.headers
        let fromAddress = message.from.first?.normalized ?? ""

        if ownAddresses.contains(fromAddress) {
            return .ownMail(reason: "sent from ticketd's own address \(fromAddress)")
        }
        if let id = message.messageID, OwnMessageID.isOwn(id, domain: ownMessageIDDomain) {
            return .ownMail(reason: "carries ticketd's own Message-ID \(id)")
        }
        if let reason = ReadReceipt.reason(message) {
            return .automated(.readReceipt, reason: reason)
        }
        if message.contentType == "multipart/report" || headers["Content-Type"]?.lowercased().contains("report-type=delivery-status") == true {
            return .automated(.bounce, reason: "delivery status notification (multipart/report)")
        }
        if let returnPath = headers["Return-Path"], returnPath.trimmingCharacters(in: .whitespaces) == "<>" {
            return .automated(.bounce, reason: "null envelope sender (Return-Path: <>)")
        }
        let localPart = fromAddress.split(separator: "@").first.map(String.init) ?? ""
        if ["mailer-daemon", "postmaster"].contains(localPart) {
            return .automated(.bounce, reason: "sent by \(fromAddress)")
        }
        if let value = headers["Auto-Submitted"]?.lowercased(), !value.hasPrefix("no") {
            return .automated(.autoReply, reason: "Auto-Submitted: \(value)")
        }
        for name in ["X-Autoreply", "X-Autorespond", "X-Autoresponder"] where headers.contains(name) {
            return .automated(.autoReply, reason: "\(name) header")
        }
        if let value = headers["X-Auto-Response-Suppress"]?.lowercased(),
            ["all", "oof", "autoreply"].contains(where: { value.contains($0) }),
            let subject = message.subject, Self.mentionsAbsence(subject)
        {
            return .automated(.autoReply, reason: "Outlook auto-reply (X-Auto-Response-Suppress: \(value))")
        }
        if let subject = message.subject, Self.looksLikeVacationSubject(subject) {
            return .automated(.autoReply, reason: "vacation subject \"\(subject)\"")
        }
        if let precedence = headers["Precedence"]?.lowercased().trimmingCharacters(in: .whitespaces) {
            switch precedence {
            case "list": return .automated(.list, reason: "Precedence: list")
            case "bulk", "junk": return .automated(.bulk, reason: "Precedence: \(precedence)")
            case "auto_reply": return .automated(.autoReply, reason: "Precedence: auto_reply")
            default: break
            }
        }
        for name in ["List-Id", "List-Unsubscribe", "List-Post", "X-Mailman-Version", "Mailing-List"] where headers.contains(name) {
            return .automated(.list, reason: "\(name) header")
        }
        if Self.isNoReply(localPart) {
            return .automated(.bulk, reason: "no-reply sender \(fromAddress)")
        }
        return .person
    }

    /// What autoresponders put in the subject, in English, Hungarian, Polish (and the German
    /// Outlook defaults).
    static let absenceMarkers = [
        "out of office autoreply", "out of office", "out-of-office", "automatic reply", "auto reply", "autoreply", "auto-reply",
        "auto response", "autoresponse", "vacation reply", "away from the office", "on vacation",
        "automatikus válasz", "automatikus üzenet", "házon kívül", "irodán kívül", "szabadságon vagyok",
        "odpowiedź automatyczna", "automatyczna odpowiedź", "poza biurem", "jestem na urlopie",
        "abwesenheitsnotiz", "automatische antwort",
    ]

    /// Whether `subject` is one an autoresponder writes: a marker as the whole subject or before
    /// a colon ("Out of Office: Invoice", "Automatikus válasz: Számla", "Házon kívül").
    ///
    /// A person's subject that only mentions one ("Out of office settings lost", "Nieobecność
    /// pracownika – wniosek", "Szabadságon leszek, ki helyettesít?") is a request, not an auto-reply.
    static func looksLikeVacationSubject(_ subject: String) -> Bool {
        let lowered = subject.lowercased().trimmingCharacters(in: .whitespaces)
        return absenceMarkers.contains { marker in
            guard lowered.hasPrefix(marker) else { return false }
            let rest = lowered.dropFirst(marker.count).drop { $0 == " " }
            return rest.isEmpty || rest.hasPrefix(":") || rest.hasPrefix("：")
        }
    }

    /// Whether `subject` mentions absence anywhere: evidence only together with another sign.
    static func mentionsAbsence(_ subject: String) -> Bool {
        let lowered = subject.lowercased()
        return absenceMarkers.contains { lowered.contains($0) }
    }

    static func isNoReply(_ localPart: String) -> Bool {
        let compact = localPart.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: ".", with: "")
        return compact.hasPrefix("noreply") || compact.hasPrefix("donotreply") || compact == "nevalaszolj"
            || compact == "nieodpowiadaj"
    }
}
