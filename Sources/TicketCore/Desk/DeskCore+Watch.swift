import Foundation
import MailMessage

extension DeskCore {
    /// The effects of one watcher decision: a staff warning, or for a slipped promise the
    /// customer's follow-up with a new promise, a staff alarm and (when due) an escalation.
    /// Nothing when the ticket changed since the watcher read it (answered, or promised anew).
    public func watch(_ action: PromiseAction, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        let (number, promiseNumber): (Int, Int) = switch action {
        case let .warnStaff(ticket, promise): (ticket, promise)
        case let .slip(ticket, promise, _, _, _): (ticket, promise)
        }
        guard let ticket = try watchable(number, promiseNumber: promiseNumber, snapshot: snapshot), let promisedBy = ticket.promisedBy else { return [] }
        let envelope = envelope(ticket, conversation: try snapshot.conversation(ticket: number))
        let policy = rules.policy(forQueue: ticket.queue, channel: ticket.channel, priority: ticket.priority)
        let composer = rules.composer(forQueue: ticket.queue)
        let staff = ticket.assignee.map { [$0] } ?? policy.staff
        var effects: [DeskEffect] = []
        var mails: [OutgoingMail?] = []
        switch action {
        case .warnStaff:
            mails = perStaff(staff, ticket: ticket, envelope: envelope) { to, replyTo, slot in
                composer.staffAlarm(
                    ticket: ticket, staff: to, envelope: envelope, missed: promisedBy, newPromise: nil, promiseNumber: promiseNumber, replyTo: replyTo,
                    slot: slot, now: now)
            }
        case let .slip(_, _, missed, newPromise, escalate):
            effects += slipped(ticket, promiseNumber: promiseNumber, missed: missed, newPromise: newPromise, envelope: envelope, now: now)
            mails += perStaff(staff, ticket: ticket, envelope: envelope) { to, replyTo, slot in
                composer.staffAlarm(
                    ticket: ticket, staff: to, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, replyTo: replyTo,
                    slot: slot, now: now)
            }
            if escalate {
                mails += perStaff(policy.escalateTo, ticket: ticket, envelope: envelope) { to, replyTo, slot in
                    composer.escalation(
                        ticket: ticket, leads: to, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, replyTo: replyTo,
                        slot: slot, now: now)
                }
            }
        }
        return effects + mails.compactMap { $0.map { queued($0, now: now) } }
    }

    /// `number` as the watcher may still act on it for promise `promiseNumber`: open, and not
    /// promised anew since the watcher read it.
    func watchable(_ number: Int, promiseNumber: Int, snapshot: some DeskSnapshot) throws -> Ticket? {
        guard let ticket = try snapshot.ticket(number: number), ticket.promisedBy != nil,
            [.new, .open].contains(ticket.state), try snapshot.promiseCount(ticket: number) <= promiseNumber
        else { return nil }
        return ticket
    }

    /// What a slip does for the customer, with or without staff mail: the follow-up with the
    /// new promise, the event, and the new promise recorded.
    func slipped(_ ticket: Ticket, promiseNumber: Int, missed: Date, newPromise: Date, envelope: TicketMailComposer.Envelope, now: Date) -> [DeskEffect] {
        let followUp = rules.composer(forQueue: ticket.queue).followUp(
            ticket: ticket, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, now: now)
        return [
            .addEvent(ticket: ticket.number, .system(.promiseMissed, "promise \(Self.iso(missed)) passed unanswered; new promise \(Self.iso(newPromise))", at: now)),
            .recordPromise(ticket: ticket.number, promisedBy: newPromise),
        ] + (followUp.map { [queued($0, now: now)] } ?? [])
    }

    /// `mail` into the outbox, with an event saying to whom once it is queued.
    func queued(_ mail: OutgoingMail, now: Date) -> DeskEffect {
        .queueMail(mail, author: nil, onQueued: .system(.mailQueued, "\(mail.kind.rawValue) queued to \(mail.recipients.joined(separator: ", "))", at: now))
    }

    /// One mail per staff member on the roster (each with their own reply address, numbered by
    /// slot), or, without a staff key, one mail to all of `recipients` as before.
    func perStaff(
        _ recipients: [String], ticket: Ticket, envelope: TicketMailComposer.Envelope, make: ([String], String?, Int) -> OutgoingMail?
    ) -> [OutgoingMail?] {
        guard let desk = rules.staff, !recipients.isEmpty else { return [make(recipients, nil, 0)] }
        return recipients.prefix(99).enumerated().map { index, address in
            let replyTo = desk.roster.contains(address) ? desk.replyAddress(desk: envelope.from.address, ticket: ticket.number, staff: address) : nil
            return make([address], replyTo, index + 1)
        }
    }
}
