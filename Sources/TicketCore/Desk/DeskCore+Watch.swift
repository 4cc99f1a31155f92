import Foundation

extension DeskCore {
    /// The effects of one watcher decision: a staff warning, or for a slipped promise the
    /// customer's follow-up with a new promise, a staff alarm and (when due) an escalation.
    /// Nothing when the ticket changed since the watcher read it (answered, or promised anew).
    public func watch(_ action: PromiseAction, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        let (number, promiseNumber): (Int, Int) = switch action {
        case let .warnStaff(ticket, promise): (ticket, promise)
        case let .slip(ticket, promise, _, _, _): (ticket, promise)
        }
        guard let ticket = try snapshot.ticket(number: number), let promisedBy = ticket.promisedBy,
            [.new, .open].contains(ticket.state), try snapshot.promiseCount(ticket: number) <= promiseNumber
        else { return [] }
        let envelope = envelope(ticket, conversation: try snapshot.conversation(ticket: number))
        let policy = rules.policy(forQueue: ticket.queue, channel: ticket.channel)
        let composer = rules.composer(forQueue: ticket.queue)
        let staff = ticket.assignee.map { [$0] } ?? policy.staff
        var effects: [DeskEffect] = []
        var mails: [OutgoingMail?] = []
        switch action {
        case .warnStaff:
            mails = [composer.staffAlarm(ticket: ticket, staff: staff, envelope: envelope, missed: promisedBy, newPromise: nil, promiseNumber: promiseNumber, now: now)]
        case let .slip(_, _, missed, newPromise, escalate):
            mails = [
                composer.followUp(ticket: ticket, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, now: now),
                composer.staffAlarm(ticket: ticket, staff: staff, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, now: now),
                escalate ? composer.escalation(ticket: ticket, leads: policy.escalateTo, envelope: envelope, missed: missed, newPromise: newPromise, promiseNumber: promiseNumber, now: now) : nil,
            ]
            effects += [
                .addEvent(ticket: number, .system(.promiseMissed, "promise \(Self.iso(missed)) passed unanswered; new promise \(Self.iso(newPromise))", at: now)),
                .recordPromise(ticket: number, promisedBy: newPromise),
            ]
        }
        for mail in mails.compactMap({ $0 }) {
            effects.append(.queueMail(mail, author: nil, onQueued: .system(.mailQueued, "\(mail.kind.rawValue) queued to \(mail.recipients.joined(separator: ", "))", at: now)))
        }
        return effects
    }
}
