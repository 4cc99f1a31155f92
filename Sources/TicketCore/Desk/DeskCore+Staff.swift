import Foundation
import MailMessage

extension DeskCore {
    /// `text` to the customer as the staff answer on `ticket`: the promise is fulfilled and the
    /// ticket waits on the customer.
    /// The customer sees `name` beside the desk's: `Anna Kovács — Support`.
    func relay(
        _ body: MailBody, on ticket: Ticket, from staff: String, name: String? = nil, detail: String, conversation: Conversation,
        snapshot: some DeskSnapshot, now: Date
    ) throws -> (mail: OutgoingMail, effects: [DeskEffect]) {
        let sequence = try snapshot.lastSequence(ticket: ticket.number, kind: .staff) + 1
        var envelope = envelope(ticket, conversation: conversation)
        if let name, !name.isEmpty {
            envelope.from.name = [name, envelope.from.name].compactMap { $0 }.joined(separator: " — ")
        }
        let mail = rules.composer(forQueue: ticket.queue).staffReply(ticket: ticket, body: body, envelope: envelope, sequence: sequence, now: now)
        var effects: [DeskEffect] = [.queueMail(mail, author: staff, onQueued: nil)]
        effects += staffAnswered(ticket, staff: staff, detail: detail, now: now)
        effects += [
            .setState(ticket: ticket.number, .waiting),
            .touch(ticket: ticket.number, at: now),
            .addEvent(ticket: ticket.number, TicketEvent(at: now, kind: .stateChanged, actor: "staff:\(staff)", detail: "\(ticket.state.rawValue) → waiting")),
        ]
        return (mail, effects)
    }

    /// A staff answer entered with `ticketd tickets reply`.
    public func staffReply(ticket number: Int, from staff: String, text: String, snapshot: some DeskSnapshot, now: Date) throws -> (mail: OutgoingMail, effects: [DeskEffect]) {
        guard let ticket = try snapshot.ticket(number: number) else { throw DeskError.noSuchTicket(number) }
        let staff = staff.lowercased()
        return try relay(MailBody([.text(text)]), on: ticket, from: staff, detail: "answered by \(staff)", conversation: try snapshot.conversation(ticket: number), snapshot: snapshot, now: now)
    }

    /// Moves a ticket to `state`: reopening makes a new promise when none runs; waiting,
    /// resolved and closed stop the clock. The same state changes nothing.
    public func changeState(ticket number: Int, to state: TicketState, actor: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard let ticket = try snapshot.ticket(number: number) else { throw DeskError.noSuchTicket(number) }
        return try stateChange(ticket, to: state, actor: actor, snapshot: snapshot, now: now)
    }

    /// `ticket` (as it is now, within this decision) moved to `state`.
    func stateChange(_ ticket: Ticket, to state: TicketState, actor: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        let number = ticket.number
        var ticket = ticket
        guard ticket.state != state else { return [] }
        let kind: TicketEvent.Kind = state == .open && [.resolved, .closed].contains(ticket.state) ? .reopened : .stateChanged
        var effects: [DeskEffect] = [
            .setState(ticket: number, state), .touch(ticket: number, at: now),
            .addEvent(ticket: number, TicketEvent(at: now, kind: kind, actor: actor, detail: "\(ticket.state.rawValue) → \(state.rawValue)")),
        ]
        ticket.state = state
        switch state {
        case .resolved, .closed, .waiting:
            effects.append(.clearPromise(ticket: number))
        case .open, .new:
            if ticket.promisedBy == nil { effects += try promise(ticket, first: false, snapshot: snapshot, now: now).1 }
        }
        return effects
    }

    /// Gives `ticket` to `assignee`.
    public func assign(ticket number: Int, to assignee: String, actor: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard try snapshot.ticket(number: number) != nil else { throw DeskError.noSuchTicket(number) }
        let address = assignee.lowercased()
        return [
            .assign(ticket: number, to: address), .touch(ticket: number, at: now),
            .addEvent(ticket: number, TicketEvent(at: now, kind: .assigned, actor: actor, detail: "assigned to \(address)")),
        ]
    }

    /// A ticket from another channel (phone, chat) with `text` as its first message, promised and
    /// acknowledged by mail; staff hear of it as of a mailed one.
    public func createTicket(
        channel: String, customer: Customer, subject: String, text: String, queue: String, snapshot: some DeskSnapshot, now: Date
    ) throws -> (number: Int, effects: [DeskEffect]) {
        let number = try snapshot.nextTicketNumber()
        let new = NewTicket(
            subject: subject, normalizedSubject: SubjectNormalizer.normalize(subject, tagFormat: rules.planner.matcher.tagFormat),
            customer: customer, queue: queue,
            language: try snapshot.preferredLanguage(customer: customer.address) ?? LanguageDetector.detect(subject + "\n" + text) ?? rules.planner.defaultLanguage,
            channel: channel)
        var effects: [DeskEffect] = [
            .openTicket(number: number, new),
            .addEvent(ticket: number, .system(.created, "opened by CLI for the \(channel) channel", at: now)),
            .storeChannelMessage(ticket: number, from: customer.address, subject: subject, text: text, channel: channel),
        ]
        var ticket = Ticket(
            number: number, subject: new.subject, normalizedSubject: new.normalizedSubject, queue: queue, language: new.language,
            channel: channel, customer: customer, createdAt: now)
        let (promise, promiseEffects) = try self.promise(ticket, first: true, snapshot: snapshot, now: now)
        ticket.promisedBy = promise
        effects += promiseEffects
        let envelope = rules.envelope(ticket: number, queue: queue, inReplyTo: nil, references: [])
        if let ack = rules.composer(forQueue: queue).acknowledgement(ticket: ticket, recipient: customer.address, envelope: envelope, promise: promise, now: now) {
            effects.append(.queueMail(ack, author: nil, onQueued: .system(.acknowledged, "acknowledgement queued to \(customer.address)", at: now)))
        }
        effects += try notifyStaff(ticket, text: text, snapshot: snapshot, now: now)
        return (number, effects)
    }
}
