import Foundation
import MailMessage

extension DeskCore {
    /// Many promises slipped in one watcher run (more than `PromisePolicy.digestAfter`): each
    /// customer still gets their follow-up with a new promise, but each staff member and lead gets
    /// one digest listing their tickets instead of a mail per ticket. One decision, so the
    /// follow-ups and the digests are queued together, once.
    ///
    /// A digest is stored on the lowest of the tickets it lists; its outbox key is that ticket's
    /// missed promise number and the recipient's slot, so a digest is never sent twice.
    public func watchDigest(_ slips: [PromiseAction], snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        var effects: [DeskEffect] = []
        var lines: [String: [(ticket: Int, line: String)]] = [:]
        var anchor: (ticket: Ticket, promiseNumber: Int)?
        for action in slips {
            guard case let .slip(number, promiseNumber, missed, newPromise, escalate) = action,
                let ticket = try watchable(number, promiseNumber: promiseNumber, snapshot: snapshot)
            else { continue }
            let policy = rules.policy(forQueue: ticket.queue, channel: ticket.channel, priority: ticket.priority)
            effects += slipped(
                ticket, promiseNumber: promiseNumber, missed: missed, newPromise: newPromise,
                envelope: envelope(ticket, conversation: try snapshot.conversation(ticket: number)), now: now)
            let line = digestLine(ticket, missed: missed, newPromise: newPromise, policy: policy)
            for address in ticket.assignee.map({ [$0] }) ?? policy.staff {
                lines[address.lowercased(), default: []].append((number, line))
            }
            if escalate {
                for lead in policy.escalateTo { lines[lead.lowercased(), default: []].append((number, line + " — slipped again: escalated")) }
            }
            if anchor.map({ number < $0.ticket.number }) ?? true { anchor = (ticket, promiseNumber) }
        }
        guard let anchor else { return effects }
        let composer = rules.composer(forQueue: anchor.ticket.queue)
        let envelope = rules.envelope(ticket: anchor.ticket.number, queue: anchor.ticket.queue, inReplyTo: nil, references: [])
        for (slot, recipient) in lines.keys.sorted().prefix(99).enumerated() {
            let listed = (lines[recipient] ?? []).sorted { $0.ticket < $1.ticket }.map(\.line)
            guard let mail = composer.alarmDigest(
                anchor: anchor.ticket.number, to: recipient, lines: listed,
                sequence: TicketMailComposer.slotted(anchor.promiseNumber, slot + 1), envelope: envelope, now: now)
            else { continue }
            effects.append(.queueMail(mail, author: nil, onQueued: .system(
                .mailQueued, "digest of \(listed.count) slipped promises queued to \(recipient)", at: now)))
        }
        return effects
    }

    /// `[#12] Printer broken — alice@acme.example — promised Mon 10:00, now by Tue 14:00`.
    func digestLine(_ ticket: Ticket, missed: Date, newPromise: Date, policy: PromisePolicy) -> String {
        let composer = rules.composer(forQueue: ticket.queue)
        let language = composer.staffLanguage
        return "\(composer.tagFormat.tag(for: ticket.number)) \(composer.subject(of: ticket)) — \(ticket.customer.address) — promised \(policy.format(missed, language: language)), "
            + "now by \(policy.format(newPromise, language: language))"
    }

    /// Whether `message` answers a slip digest (its In-Reply-To names one): it speaks for no one
    /// ticket, so staff mail in reply to it is held, never relayed to the ticket it is stored on.
    func answersDigest(_ message: MailMessage) -> Bool {
        message.inReplyTo.contains { OwnMessageID.kind(of: $0, domain: rules.planner.matcher.ownMessageIDDomain) == .digest }
    }
}
