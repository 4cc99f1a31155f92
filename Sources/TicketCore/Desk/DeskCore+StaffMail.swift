import Foundation
import MailMessage

extension DeskCore {
    /// Staff mail that arrived on `ticket`. It acts only when verified (a reply token for this
    /// ticket and sender, or our MTA's authentication); anything else is held: kept on the
    /// ticket, never relayed, the promise stands, and the staff member is told at their address.
    func staffMail(
        _ message: MailMessage, on ticket: Ticket, threadedBy rule: ThreadMatcher.Rule, snapshot: some DeskSnapshot, now: Date
    ) throws -> [DeskEffect] {
        let sender = message.from.first?.normalized ?? ""
        guard let desk = rules.staff else {
            return try hold(message, on: ticket, claimed: sender, reason: "no staff key is loaded, so no staff mail can be verified", snapshot: snapshot, now: now)
        }
        if answersDigest(message) {
            return try hold(message, on: ticket, claimed: sender, reason: "it answers a digest of slipped promises, which speaks for many tickets; reply to the ticket's own notification or alarm", snapshot: snapshot, now: now)
        }
        switch desk.verifier.verify(message, ticket: ticket.number, now: now) {
        case let .unverified(reason):
            return try hold(message, on: ticket, claimed: sender, reason: reason, snapshot: snapshot, now: now)
        case let .verified(member, proof):
            return try verifiedStaffMail(message, on: ticket, member: member, proof: Self.describe(proof), threadedBy: rule, desk: desk, snapshot: snapshot, now: now)
        }
    }

    /// Releases every held staff mail on `ticket` after review: each acts as if it had been verified.
    public func release(ticket number: Int, by actor: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard let ticket = try snapshot.ticket(number: number) else { throw DeskError.noSuchTicket(number) }
        let held = try snapshot.heldMail(ticket: number)
        guard !held.isEmpty, let desk = rules.staff else { return [] }
        var effects: [DeskEffect] = []
        for mail in held {
            let message = MailMessage.parse(mail.raw)
            let sender = message.from.first?.normalized ?? ""
            let member = member(sender)
            effects += [
                .releaseHeld(messageRow: mail.row),
                .addEvent(ticket: number, TicketEvent(at: now, kind: .released, actor: actor, detail: "held mail from \(sender) released after review")),
            ]
            effects += try verifiedStaffMail(
                message, on: ticket, member: member, proof: "released by \(actor)", threadedBy: .tag, desk: desk, snapshot: snapshot, now: now)
        }
        return effects
    }

    static func describe(_ proof: StaffProof) -> String {
        switch proof {
        case let .token(keyID): "reply token (key \(keyID))"
        case let .authentication(method): "\(method.rawValue)=pass from our MTA"
        }
    }

    /// The held mail's event and the warning to the staff member it claims to be from.
    func hold(_ message: MailMessage, on ticket: Ticket, claimed sender: String, reason: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        var effects: [DeskEffect] = [
            .holdIncoming(reason: reason),
            .addEvent(ticket: ticket.number, .system(.held, "mail from \(sender) held, not sent to the customer: \(reason)", at: now)),
        ]
        let member = member(sender)
        if let notice = try staffNotice(.held, on: ticket, to: member, withReplyAddress: false, values: ["reason": reason], offset: 0, snapshot: snapshot, now: now) {
            effects.append(.queueMail(notice, author: nil, onQueued: .system(.mailQueued, "held notice queued to \(member.address)", at: now)))
        }
        return effects
    }

    /// Verified staff mail: its `#commands` run (all or none: one invalid line refuses the
    /// mail, with the reasons sent back), and the text left is the answer — recorded when the
    /// customer got it directly, an internal note with `#note`, else relayed to the customer.
    func verifiedStaffMail(
        _ message: MailMessage, on ticket: Ticket, member: StaffMember, proof: String, threadedBy rule: ThreadMatcher.Rule, desk: StaffDesk,
        snapshot: some DeskSnapshot, now: Date
    ) throws -> [DeskEffect] {
        let staff = member.address
        let actor = "staff:\(staff)"
        let block = desk.validator.validate(StaffCommandParser.parse(message.newText))
        if !block.errors.isEmpty {
            let lines = block.errors.map(\.description)
            var effects: [DeskEffect] = [.addEvent(ticket: ticket.number, TicketEvent(
                at: now, kind: .command, actor: actor, detail: "commands refused, nothing changed: \(lines.joined(separator: "; "))"))]
            effects += try commandReply(lines + ["Nothing in your mail was carried out or sent to the customer; correct it and send it again."],
                                        on: ticket, to: member, snapshot: snapshot, now: now)
            return effects
        }
        var effects: [DeskEffect] = []
        var current = ticket
        var results: [String] = []
        var inserted: [MailBody.Part] = []
        for entry in block.commands {
            guard case let .knowledgeBase(slug) = entry.command else { continue }
            guard let found = rules.knowledge.article(slug: slug, language: ticket.language, fallback: rules.planner.defaultLanguage) else {
                results.append("\(entry.text): no article '\(slug)'; see `ticketd kb list`")
                continue
            }
            inserted.append(.article(text: found.article.plainText.trimmingCharacters(in: .whitespacesAndNewlines), html: found.article.html))
            results.append(found.fellBack
                ? "\(entry.text): inserted in \(found.article.language): there is no \(ticket.language) version"
                : "\(entry.text): inserted (\(found.article.language))")
        }
        let answer = MailBody([.text(block.remainingText.trimmingCharacters(in: .whitespacesAndNewlines))] + inserted)
        let recipients = Set((message.to + message.cc).map(\.normalized))
        if recipients.contains(ticket.customer.address) {
            effects += staffAnswered(ticket, staff: staff, detail: "answered the customer directly (threaded by \(rule.rawValue); \(proof))", now: now)
            current.promisedBy = nil
            if current.state == .new { current.state = .open }
        } else if block.isNote || answer.parts.isEmpty {
            if block.isNote || block.commands.isEmpty {
                effects.append(.addEvent(ticket: ticket.number, TicketEvent(
                    at: now, kind: .noted, actor: actor, detail: "internal note, not sent to the customer; the promise stands")))
            }
        } else {
            var conversation = try snapshot.conversation(ticket: ticket.number)
            if let id = message.messageID, !conversation.messageIDs.contains(id) { conversation.messageIDs.append(id) }
            effects += try relay(answer, on: ticket, from: staff, name: member.name,
                                 detail: "answered by mail to the desk (\(proof)); relayed to the customer",
                                 conversation: conversation, snapshot: snapshot, now: now).effects
            current.promisedBy = nil
            current.state = .waiting
        }
        for entry in block.commands where entry.command != .note {
            if case .knowledgeBase = entry.command { continue }
            let (commandEffects, result) = try run(entry.command, on: &current, member: member, snapshot: snapshot, now: now)
            effects += commandEffects
            effects.append(.addEvent(ticket: ticket.number, TicketEvent(at: now, kind: .command, actor: actor, detail: "\(entry.text): \(result)")))
            results.append("\(entry.text): \(result)")
        }
        if !results.isEmpty {
            effects += try commandReply(results, on: current, to: member, snapshot: snapshot, now: now)
        }
        return effects
    }

    /// One valid command on `ticket` (updated to what it becomes), and what to tell its author.
    func run(_ command: StaffCommand, on ticket: inout Ticket, member: StaffMember, snapshot: some DeskSnapshot, now: Date) throws -> ([DeskEffect], String) {
        let actor = "staff:\(member.address)"
        let target: TicketState? = switch command {
        case .close: .closed
        case .resolve: .resolved
        case .wait: .waiting
        case .reopen: .open
        default: nil
        }
        if let target {
            let effects = try stateChange(ticket, to: target, actor: actor, snapshot: snapshot, now: now)
            let was = ticket.state
            ticket.state = target
            if [.closed, .resolved, .waiting].contains(target) { ticket.promisedBy = nil }
            return (effects, effects.isEmpty ? "already \(target.rawValue)" : "\(was.rawValue) → \(target.rawValue)")
        }
        switch command {
        case let .assign(assignee):
            let address = switch assignee {
            case .me: member.address
            case let .address(address): address
            }
            ticket.assignee = address
            return ([.assign(ticket: ticket.number, to: address), .touch(ticket: ticket.number, at: now)], "assigned to \(address)")
        case let .priority(priority):
            ticket.priority = priority.rawValue
            return ([.setPriority(ticket: ticket.number, priority), .touch(ticket: ticket.number, at: now)], "priority \(priority.rawValue)")
        case let .queue(queue):
            ticket.queue = queue
            return ([.setQueue(ticket: ticket.number, queue), .touch(ticket: ticket.number, at: now)], "moved to queue \(queue)")
        case let .step(target):
            do {
                let effects = try step(ticket: ticket.number, to: Self.stepTarget(target), actor: actor, snapshot: snapshot, now: now)
                return (effects, "step entered")
            } catch let error as DeskError {
                return ([], "\(error); nothing changed")
            }
        case let .time(minutes):
            let effects = try logTime(ticket: ticket.number, staff: member.address, minutes: minutes, note: nil, actor: actor, snapshot: snapshot, now: now)
            return (effects, "\(TimeEntry.describe(minutes: minutes)) logged")
        case .close, .resolve, .wait, .reopen, .note, .knowledgeBase:
            return ([], "done")
        }
    }

    static func stepTarget(_ step: StaffCommand.Step) -> StepTarget {
        switch step {
        case .next: .next
        case let .named(name): .named(name)
        }
    }

    /// The results of a staff member's commands, mailed back to them.
    func commandReply(_ lines: [String], on ticket: Ticket, to member: StaffMember, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard let mail = try staffNotice(.commands, on: ticket, to: member, withReplyAddress: true, values: ["lines": lines.joined(separator: "\n")],
                                         offset: 0, snapshot: snapshot, now: now)
        else { return [] }
        return [.queueMail(mail, author: nil, onQueued: .system(.mailQueued, "command results queued to \(member.address)", at: now))]
    }

    /// A `notification`-kind mail to `member` about `ticket`, numbered after the ticket's last one
    /// (plus `offset` for several in one decision), with their verifiable reply address when asked.
    func staffNotice(
        _ template: TemplateKind, on ticket: Ticket, to member: StaffMember, withReplyAddress: Bool, values: [String: Any], offset: Int,
        snapshot: some DeskSnapshot, now: Date
    ) throws -> OutgoingMail? {
        let sequence = try snapshot.lastSequence(ticket: ticket.number, kind: .notification) + 1 + offset
        let envelope = envelope(ticket, conversation: try snapshot.conversation(ticket: ticket.number))
        let replyTo = withReplyAddress
            ? rules.staff?.replyAddress(desk: envelope.from.address, ticket: ticket.number, staff: member.address) : nil
        return rules.composer(forQueue: ticket.queue).staffNotice(
            template, ticket: ticket, to: .init(address: member.address, name: member.name), replyTo: replyTo, values: values,
            sequence: sequence, envelope: envelope, now: now)
    }

    /// The most of a customer's text a notification quotes.
    static let notificationExcerpt = (lines: 60, characters: 6_000)

    /// `text` cut to what a notification shows, saying where the rest is.
    static func excerpt(_ text: String, ticket: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var excerpt = lines.prefix(notificationExcerpt.lines).joined(separator: "\n")
        if excerpt.count > notificationExcerpt.characters { excerpt = String(excerpt.prefix(notificationExcerpt.characters)) }
        guard excerpt.count < text.count else { return text }
        return excerpt + "\n[… the rest: ticketd tickets show \(ticket)]"
    }

    /// A new ticket's notifications: one mail to each staff member who should hear of it, each
    /// with a reply address that proves their answer, quoting the start of the customer's text.
    func notifyStaff(_ ticket: Ticket, text: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard let desk = rules.staff, desk.notifyNewTickets else { return [] }
        let text = Self.excerpt(text, ticket: ticket.number)
        return try desk.recipients(for: ticket).enumerated().compactMap { offset, member in
            try notification(on: ticket, to: member, text: text, offset: offset, snapshot: snapshot, now: now)
        }
    }

    /// A `notification` to `member` about `ticket` quoting `text`, with their reply address, as
    /// an effect that records it once queued.
    func notification(on ticket: Ticket, to member: StaffMember, text: String, offset: Int = 0, snapshot: some DeskSnapshot, now: Date) throws -> DeskEffect? {
        try staffNotice(.notification, on: ticket, to: member, withReplyAddress: true, values: ["text": text], offset: offset, snapshot: snapshot, now: now)
            .map { .queueMail($0, author: nil, onQueued: .system(.mailQueued, "notification queued to \(member.address)", at: now)) }
    }

    /// The roster's member with `address`, or a bare member for an address the roster does not know.
    func member(_ address: String) -> StaffMember {
        rules.roster.member(address) ?? StaffMember(address: address)
    }
}
