import BusinessTime
import Foundation

/// A ticket with a running promise, as the watcher sees it.
public struct WatchedTicket: Sendable, Equatable {
    public var number: Int
    public var state: TicketState
    /// The current promise.
    public var promisedBy: Date
    /// When the current promise was made.
    public var promisedAt: Date
    /// 1 for the first promise on the ticket, 2 after the first slip, …
    public var promiseNumber: Int
    /// Unanswered tickets ahead of this one in its queue (for the next promise).
    public var openAhead: Int

    public init(number: Int, state: TicketState, promisedBy: Date, promisedAt: Date, promiseNumber: Int, openAhead: Int) {
        self.number = number
        self.state = state
        self.promisedBy = promisedBy
        self.promisedAt = promisedAt
        self.promiseNumber = promiseNumber
        self.openAhead = openAhead
    }
}

/// What the watcher decided for one ticket.
public enum PromiseAction: Sendable, Equatable {
    /// Tell staff the window is mostly gone (`PromisePolicy.warningRatio`).
    case warnStaff(ticket: Int, promiseNumber: Int)
    /// The promise slipped: tell the customer with a new promise, alarm staff, and escalate on a
    /// second slip. Keyed by the missed promise's number, so it happens once per slip.
    case slip(ticket: Int, promiseNumber: Int, missed: Date, newPromise: Date, escalate: Bool)
}

/// Decides, at `now`, which promises need a warning or a slip follow-up.
///
/// Pure and idempotent on its own: the same inputs give the same actions, and every action
/// carries the promise number it belongs to, which the outbox uses as its unique key — so
/// repeated runs, restarts and `kill -9` never send a follow-up twice. Tickets waiting on the
/// customer, resolved or closed are not watched (the clock is paused or stopped).
public struct PromiseWatcher: Sendable {
    public var policy: PromisePolicy

    public init(policy: PromisePolicy) {
        self.policy = policy
    }

    public func actions(for tickets: [WatchedTicket], now: Date) -> [PromiseAction] {
        var actions: [PromiseAction] = []
        // Warnings only go out in working hours: outside them no promise window needs measuring.
        let open = policy.calendar.isOpen(at: now)
        let watched = tickets.filter { $0.state == .new || $0.state == .open }
        // Promises already passed all take their new promise from the same capacity walk from
        // now: walked once for the longest queue, then searched per ticket.
        let passed = watched.filter { $0.promisedBy <= now }
        let shared = passed.count > 1 ? policy.slipTimeline(openAhead: passed.map(\.openAhead).max() ?? 0, now: now) : nil
        for ticket in watched {
            if now >= ticket.promisedBy - policy.followUpLead {
                let renewed = if let shared, ticket.promisedBy <= now {
                    policy.promiseAfterSlip(missed: ticket.promisedBy, openAhead: ticket.openAhead, timeline: shared)
                } else {
                    policy.promiseAfterSlip(missed: ticket.promisedBy, openAhead: ticket.openAhead, now: now)
                }
                let next = renewed ?? policy.calendar.adding(policy.updateInterval, to: max(now, ticket.promisedBy))
                actions.append(.slip(
                    ticket: ticket.number, promiseNumber: ticket.promiseNumber, missed: ticket.promisedBy,
                    newPromise: next, escalate: ticket.promiseNumber >= 2))
                continue
            }
            guard open else { continue }
            // The window is the same every cycle (memoized); working time used is at most the
            // time passed, so a promise not that far along needs no second walk.
            let window = policy.calendar.windowSeconds(from: ticket.promisedAt, to: ticket.promisedBy)
            let threshold = policy.warningRatio * Double(window)
            guard window > 0, now.timeIntervalSince(ticket.promisedAt) >= threshold else { continue }
            if Double(policy.calendar.businessSeconds(from: ticket.promisedAt, to: now)) >= threshold {
                actions.append(.warnStaff(ticket: ticket.number, promiseNumber: ticket.promiseNumber))
            }
        }
        return actions
    }
}
