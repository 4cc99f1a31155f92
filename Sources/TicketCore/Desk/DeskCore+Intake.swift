import Foundation
import MailMessage

/// What intake decided for one message.
public struct IntakeDecision: Sendable, Equatable {
    /// The planner's verdict; nil when the mail was stored before (nothing changes).
    public var plan: IntakePlan?
    /// The ticket the mail went to (nil: dropped or duplicate).
    public var ticket: Int?
    public var effects: [DeskEffect]

    /// The mail was stored before.
    public static let duplicate = IntakeDecision(plan: nil, ticket: nil, effects: [])
}

extension DeskCore {
    /// Decides what `mail`, arriving through a mailbox whose tickets go to `queue`, does: drop,
    /// note, open a ticket (promise, acknowledgement unless a loop guard withholds it) or join one
    /// (reopen, resume the clock, or a staff answer).
    public func intake(_ mail: IncomingMail, queue: String, snapshot: some DeskSnapshot, now: Date) throws -> IntakeDecision {
        if try snapshot.isStored(mail) { return .duplicate }
        var plan = try rules.planner.plan(mail, queue: queue, index: snapshot, now: now)
        var evaluation: RuleEvaluation?
        var assignment: AssignmentDecision?
        if case var .open(new) = plan.action {
            var skill: String?
            if !rules.ruleSet.rules.isEmpty {
                let routed = route(new, message: mail.message, mailbox: mail.mailbox)
                evaluation = routed.evaluation
                new = routed.ticket
                skill = routed.skill
                if let drop = routed.drop {
                    plan.action = .drop(key: drop)
                    plan.acknowledge = false
                }
            }
            if case .open = plan.action {
                assignment = try self.assignment(for: new, skill: skill, snapshot: snapshot, now: now)
                if let assignment { new.assignee = assignment.assignee }
                plan.action = .open(new)
            }
        }
        let message = mail.message
        let sender = message.from.first?.normalized ?? ""
        // A customer's own command (`close`, a bare thanks) on a ticket they write on, read once.
        let customerCommand: CustomerCommand? = if case .append(_, .customer, _, _) = plan.action {
            rules.customerCommands.read(subject: message.subject, newText: message.newText)
        } else {
            nil
        }
        let actor = "customer:\(sender)"
        var effects: [DeskEffect] = []
        var ticketNumber: Int?
        var kind = MessageKind.customer
        var dropKey: String?

        switch plan.action {
        case let .open(new):
            let number = try snapshot.nextTicketNumber()
            ticketNumber = number
            effects += [.openTicket(number: number, new), .addEvent(ticket: number, TicketEvent(at: now, kind: .created, actor: actor, detail: "opened from \(mail.mailbox)"))]
            if let evaluation { effects += ruleEvents(evaluation, ticket: number, now: now) }
            if let assignment {
                let detail = assignment.assignee.map { "assigned to \($0): \(assignment.reason)" } ?? "not assigned: \(assignment.reason)"
                effects.append(.addEvent(ticket: number, .system(assignment.assignee == nil ? .noted : .assigned, detail, at: now)))
            }
            if let linked = new.linkedTo {
                let tags = rules.planner.matcher.tagFormat
                effects += [
                    .addEvent(ticket: number, .system(.linked, "continues ticket \(tags.tag(for: linked))", at: now)),
                    .addEvent(ticket: linked, .system(.linked, "continued in ticket \(tags.tag(for: number))", at: now)),
                ]
            }
        case let .append(number, appendedKind, rule, planned):
            ticketNumber = number
            kind = appendedKind
            // A bare thanks on a resolved ticket is recorded without reopening it.
            let reopen = planned && customerCommand != .thanks
            if appendedKind == .customer {
                effects.append(.addEvent(ticket: number, TicketEvent(at: now, kind: .customerReplied, actor: actor, detail: "threaded by \(rule.rawValue)")))
            }
            if reopen {
                effects += [
                    .setState(ticket: number, .open),
                    .addEvent(ticket: number, TicketEvent(at: now, kind: .reopened, actor: actor, detail: "customer replied to a resolved ticket")),
                ]
            }
            effects.append(.touch(ticket: number, at: now))
        case let .note(number):
            ticketNumber = number
            kind = .notice
            effects.append(.addEvent(ticket: number, .system(.noted, plan.classification.reason, at: now)))
        case let .drop(key):
            dropKey = key
        }

        effects.append(.storeIncoming(ticket: ticketNumber, kind: kind, classification: plan.classification.reason, dropKey: dropKey))
        if let ticketNumber {
            for attachment in mail.attachments {
                guard let reason = attachment.notStoredReason else { continue }
                let name = attachment.filename ?? attachment.contentType
                effects.append(.addEvent(ticket: ticketNumber, .system(
                    .noted, "attachment \(name) (\(AttachmentRecord.describe(size: attachment.size))) kept only inside the raw message: \(reason)",
                    at: mail.receivedAt)))
            }
        }
        guard let number = ticketNumber, dropKey == nil else {
            return IntakeDecision(plan: plan, ticket: ticketNumber, effects: effects)
        }
        effects.append(.rememberMessageIDs(ticket: number, [message.messageID].compactMap { $0 } + message.references + message.inReplyTo))
        let writers = (message.from + message.cc).map(\.normalized).filter { !$0.isEmpty }

        switch plan.action {
        case let .open(new):
            effects.append(.addParticipants(ticket: number, writers))
            let signature = Self.signature(message.newText, minimumWords: rules.limits.sameTextMinimumWords)
            if !signature.isEmpty { effects.append(.signIncoming(signature)) }
            var ticket = Ticket(
                number: number, subject: new.subject, normalizedSubject: new.normalizedSubject, queue: new.queue, priority: new.priority,
                language: new.language, channel: new.channel, customer: new.customer, assignee: new.assignee, createdAt: now)
            let (promise, promiseEffects) = try self.promise(ticket, first: true, snapshot: snapshot, now: now)
            ticket.promisedBy = promise
            effects += promiseEffects
            var process: (title: String, endsAt: Date)?
            if let name = new.requestType, let type = rules.requestTypes[name] {
                let machine = machine(type, queue: ticket.queue)
                let entry = machine.start(at: now)
                // The process cannot end before the customer's first answer and the steps after it.
                process = (type.title(language: ticket.language, fallback: rules.planner.defaultLanguage), machine.processEnds(entry, firstAnswerBy: promise))
                effects += try entered(entry, type: type, ticket: ticket, actor: "system", snapshot: snapshot, now: now)
            }
            if plan.acknowledge {
                effects += try acknowledge(
                    ticket, mail: mail, sender: sender, signature: signature, promise: promise, process: process, snapshot: snapshot, now: now)
                effects += try notifyStaff(ticket, text: message.newText, snapshot: snapshot, now: now)
            }
        case let .append(_, appendedKind, rule, planned):
            effects.append(.addParticipants(ticket: number, writers))
            let reopen = planned && customerCommand != .thanks
            guard var ticket = try snapshot.ticket(number: number) else { throw DeskError.noSuchTicket(number) }
            if reopen { ticket.state = .open }
            if appendedKind == .staff {
                effects += try staffMail(message, on: ticket, threadedBy: rule, snapshot: snapshot, now: now)
            } else {
                effects += try customerReply(message, command: customerCommand, on: ticket, snapshot: snapshot, now: now)
            }
        case .note, .drop:
            break
        }
        return IntakeDecision(plan: plan, ticket: number, effects: effects)
    }

    /// The acknowledgement of a new ticket, or an event saying which loop guard withheld it.
    func acknowledge(
        _ ticket: Ticket, mail: IncomingMail, sender: String, signature: NearDuplicateText, promise: Date?,
        process: (title: String, endsAt: Date)? = nil, snapshot: some DeskSnapshot, now: Date
    ) throws -> [DeskEffect] {
        let message = mail.message
        let recipient = (message.replyTo.first ?? message.from.first).map(\.address) ?? ticket.customer.address
        if let (key, why) = try acknowledgementWithheld(sender: sender, recipient: recipient, signature: signature, snapshot: snapshot, now: now) {
            return [.addEvent(ticket: ticket.number, .system(.noted, "\(Self.withheldPrefix)(\(key.rawValue)): \(why)", at: now))]
        }
        let envelope = rules.envelope(ticket: ticket.number, queue: ticket.queue, inReplyTo: message.messageID, references: message.references)
        let suggestions = rules.suggestions > 0
            ? rules.knowledge.suggestions(for: (message.subject ?? "") + "\n" + message.newText, language: ticket.language, limit: rules.suggestions) : []
        guard let ack = rules.composer(forQueue: ticket.queue).acknowledgement(
            ticket: ticket, recipient: recipient, envelope: envelope, promise: promise, suggestions: suggestions, process: process, now: now)
        else { return [] }
        return [.queueMail(ack, author: nil, onQueued: .system(.acknowledged, "acknowledgement queued to \(ack.recipients.joined(separator: ", "))", at: now))]
    }

    /// The signature the same-text guard compares: of the first 16 KB of the new text, numbers
    /// as written (customers' templated requests differ in their order numbers; one spam text
    /// sent to many does not), empty for texts too short to tell a campaign from people writing alike.
    static func signature(_ text: String, minimumWords: Int) -> NearDuplicateText {
        let start = String(text.prefix(16_384))
        guard hasWords(start, atLeast: minimumWords) else { return NearDuplicateText("") }
        return NearDuplicateText(start, foldingNumbers: false)
    }

    /// Whether `text` has `count` or more words (runs between whitespace), counted only that far.
    static func hasWords(_ text: String, atLeast count: Int) -> Bool {
        var words = 0, inWord = false
        for scalar in text.unicodeScalars {
            let space = scalar.isASCII ? scalar == " " || scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar == "\u{0B}" || scalar == "\u{0C}"
                : scalar.properties.isWhitespace
            if space {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
                if words >= count { return true }
            }
        }
        return words >= count
    }

    /// How the event of a withheld acknowledgement starts; `report` counts them by the key in parentheses after it.
    public static let withheldPrefix = "acknowledgement withheld "

    /// Which guard withholds the acknowledgement and why, or nil. The mail being decided on is
    /// not stored yet, so it counts as one more from its sender.
    func acknowledgementWithheld(
        sender: String, recipient: String, signature: NearDuplicateText, snapshot: some DeskSnapshot, now: Date
    ) throws -> (AcknowledgementLimits.Guard, String)? {
        let limits = rules.limits
        let recent = try snapshot.messageCount(from: sender, since: now - limits.senderWindow) + 1
        if recent > limits.messagesPerSender {
            return (.perSender, "\(recent) messages from \(sender) within \(Int(limits.senderWindow / 60)) minutes")
        }
        let acks = try snapshot.acknowledgementCount(to: recipient, since: now - 86_400)
        if acks >= limits.acknowledgementsPerRecipientPerDay {
            return (.perRecipient, "\(acks) acknowledgements to \(recipient) in the last 24 hours")
        }
        if !signature.isEmpty {
            // Other senders only: one sender repeating itself is the per-sender guard's business.
            // Counting stops once the limit is reached: that is all the guard needs to know.
            var alike = 0
            let sender = sender.lowercased()
            let probe = NearDuplicateText.Probe(signature, threshold: limits.sameTextSimilarity)
            // Candidates share the signature's first minimum (its band): identical texts always do,
            // texts 90% alike nine times in ten; one indexed lookup a new ticket.
            try snapshot.visitOpeningSketches(since: now - limits.sameTextWindow, band: signature.band) { candidate, sketch in
                if probe.matches(sketch: sketch) && candidate.lowercased() != sender { alike += 1 }
                return alike < limits.sameTextTickets
            }
            if alike >= limits.sameTextTickets {
                return (.sameText, "the same text opened \(alike) tickets of other senders within \(Int(limits.sameTextWindow / 60)) minutes (backscatter guard)")
            }
        }
        guard limits.acknowledgementsPerWindow > 0 else { return nil }
        let total = try snapshot.acknowledgementCount(since: now - limits.acknowledgementWindow)
        if total >= limits.acknowledgementsPerWindow {
            return (.rate, "\(total) acknowledgements within \(Int(limits.acknowledgementWindow / 60)) minutes (rate limit)")
        }
        return nil
    }

    /// A customer's reply: a bare close word closes their ticket (confirmed by the event), a bare
    /// thanks on a resolved ticket is only recorded (it stays resolved), anything else restarts the clock.
    func customerReply(_ message: MailMessage, command: CustomerCommand?, on ticket: Ticket, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        let actor = "customer:\(ticket.customer.address)"
        switch command {
        case .close:
            var effects = try stateChange(ticket, to: .closed, actor: actor, snapshot: snapshot, now: now)
            let sequence = try snapshot.lastSequence(ticket: ticket.number, kind: .confirmation) + 1
            var conversation = try snapshot.conversation(ticket: ticket.number)
            if let id = message.messageID {
                conversation.lastCustomerMessageID = id
                if !conversation.messageIDs.contains(id) { conversation.messageIDs.append(id) }
            }
            if let mail = rules.composer(forQueue: ticket.queue).closedConfirmation(
                ticket: ticket, envelope: envelope(ticket, conversation: conversation), sequence: sequence, now: now)
            {
                effects.append(.queueMail(mail, author: nil, onQueued: .system(.mailQueued, "closing confirmation queued to \(ticket.customer.address)", at: now)))
            }
            return effects
        case .thanks where ticket.state == .resolved:
            return [.addEvent(ticket: ticket.number, TicketEvent(
                at: now, kind: .noted, actor: actor, detail: "the customer said thanks; the ticket stays resolved"))]
        case .thanks, nil:
            return try resumeClock(ticket, snapshot: snapshot, now: now)
        }
    }

    /// A customer reply restarts the clock: a ticket waiting on them opens again, and without a
    /// running promise a new one (the update interval) is made.
    func resumeClock(_ ticket: Ticket, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        var effects: [DeskEffect] = []
        if ticket.state == .waiting {
            effects += [
                .setState(ticket: ticket.number, .open),
                .addEvent(ticket: ticket.number, .system(.stateChanged, "waiting → open: the customer replied", at: now)),
            ]
        }
        if ticket.promisedBy == nil, ticket.state != .closed {
            effects += try promise(ticket, first: false, snapshot: snapshot, now: now).1
        }
        return effects
    }
}
