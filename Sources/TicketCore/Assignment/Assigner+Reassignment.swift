import Foundation

/// An open ticket with an owner, as re-assignment sees it.
public struct AssignedTicket: Sendable, Hashable {
    /// The ticket number; lower numbers are older and move first.
    public var number: Int
    /// The current owner (lower-cased address).
    public var assignee: String
    /// The ticket's queue: its policy chooses the new owner.
    public var queue: String
    /// The ticket's language: the new owner must speak it.
    public var language: String
    /// The skill a rule asked for at intake, if any.
    public var skill: String?
    /// The region a rule or the customer's organisation named, if any.
    public var region: String?

    /// Creates a ticket; texts are lower-cased.
    public init(number: Int, assignee: String, queue: String, language: String, skill: String? = nil, region: String? = nil) {
        self.number = number
        self.assignee = assignee.trimmingCharacters(in: .whitespaces).lowercased()
        self.queue = queue.lowercased()
        self.language = language.lowercased()
        self.skill = skill?.lowercased()
        self.region = region?.lowercased()
    }
}

/// One ticket leaving an owner who is away.
public struct Reassignment: Sendable, Hashable {
    /// The ticket number.
    public var ticket: Int
    /// The owner who is away.
    public var from: String
    /// The new owner (nil: back to the queue) and why.
    public var decision: AssignmentDecision

    public init(ticket: Int, from: String, decision: AssignmentDecision) {
        self.ticket = ticket
        self.from = from
        self.decision = decision
    }
}

extension Assigner {
    /// The tickets whose owner is away on the working day of `now`, each with its new owner.
    ///
    /// Pure and idempotent: once the moves are applied, the same call returns nothing, so a
    /// replay or a restart moves no ticket twice. Tickets move oldest (lowest number) first; each
    /// goes to the owner's stand-in chain first (``assign(_:policy:load:now:)`` with the owner
    /// preferred), else to its queue's policy, and each move counts in the load the next sees.
    ///
    /// - Parameters:
    ///   - tickets: open tickets that have an owner, in any order.
    ///   - settings: the policy of each queue.
    ///   - load: open tickets per agent and the last agent assigned per queue.
    ///   - now: when the check runs (e.g. the watcher's tick).
    public func reassignments(of tickets: [AssignedTicket], settings: AssignmentSettings, load: AssignmentLoad, now: Date) -> [Reassignment] {
        let day = workingDay(at: now)
        var load = load
        return tickets.sorted { $0.number < $1.number }.filter { absences.isAway($0.assignee, on: day) }.map { ticket in
            let request = AssignmentRequest(
                queue: ticket.queue, language: ticket.language, skill: ticket.skill, region: ticket.region, preferred: ticket.assignee)
            let decision = assign(request, policy: settings.policy(forQueue: ticket.queue), load: load, now: now)
            load.release(ticket.assignee)
            if let assignee = decision.assignee { load.record(assignee, queue: ticket.queue) }
            return Reassignment(ticket: ticket.number, from: ticket.assignee, decision: decision)
        }
    }
}
