import Foundation

extension DeskCore {
    /// Who gets a new ticket: the agent a rule asked for (or their stand-in), else the queue's
    /// `[assignment]` policy over the agents present, speaking its language, with the skill a
    /// rule asked for. A rule's `assign_skill` in a queue without a policy chooses the least loaded.
    func assignment(for ticket: NewTicket, skill: String?, snapshot: some DeskSnapshot, now: Date) throws -> AssignmentDecision? {
        var policy = rules.assignment.policy(forQueue: ticket.queue)
        if policy == .none, skill != nil { policy = .leastLoaded }
        guard policy != .none || ticket.assignee != nil, !rules.roster.isEmpty else { return nil }
        let request = AssignmentRequest(queue: ticket.queue, language: ticket.language, skill: skill, preferred: ticket.assignee)
        return assigner(forQueue: ticket.queue).assign(request, policy: policy, load: try snapshot.assignmentLoad(), now: now)
    }

    /// The assigner with the calendar, absences and capacity of `queue`'s promise policy.
    func assigner(forQueue queue: String) -> Assigner {
        let policy = rules.policy(forQueue: queue)
        return Assigner(
            roster: rules.roster, absences: StaffAbsences(absences: policy.absences, standIns: rules.assignment.standIns),
            calendar: policy.calendar, defaultCapacity: policy.throughputPerAgentPerDay)
    }

    /// When an agent's absence has started, their open tickets move to their stand-in or by the
    /// queue's policy (oldest first), each with an event saying why and a notification to the
    /// new owner; under policy `none` a ticket nobody can take keeps its owner.
    public func reassignAbsent(snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard !rules.roster.isEmpty else { return [] }
        let tickets = try snapshot.assignedOpenTickets()
        guard !tickets.isEmpty else { return [] }
        var effects: [DeskEffect] = []
        var load = try snapshot.assignmentLoad()
        for (queue, group) in Dictionary(grouping: tickets, by: \.queue) {
            for move in assigner(forQueue: queue).reassignments(of: group, settings: rules.assignment, load: load, now: now) {
                guard move.decision.assignee != nil || rules.assignment.policy(forQueue: queue) != .none,
                    var ticket = try snapshot.ticket(number: move.ticket)
                else { continue }
                load.release(move.from)
                effects.append(.addEvent(ticket: move.ticket, .system(
                    .assigned, "\(move.from) is away; \(move.decision.assignee.map { "assigned to \($0)" } ?? "back to queue \(queue)"): \(move.decision.reason)",
                    at: now)))
                guard let assignee = move.decision.assignee else {
                    effects.append(.unassign(ticket: move.ticket))
                    continue
                }
                load.record(assignee, queue: queue)
                effects += [.assign(ticket: move.ticket, to: assignee), .touch(ticket: move.ticket, at: now)]
                ticket.assignee = assignee
                effects += [try notification(
                    on: ticket, to: member(assignee), text: "Reassigned to you: \(move.from) is away (\(move.decision.reason)).", snapshot: snapshot, now: now)]
                    .compactMap { $0 }
            }
        }
        return effects
    }

    /// Unassigned open tickets of queues with a policy get an owner as soon as one is present
    /// (an absence ended, someone joined, nobody spoke the language before), oldest first.
    public func assignWaiting(snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard !rules.roster.isEmpty else { return [] }
        var load = try snapshot.assignmentLoad()
        var effects: [DeskEffect] = []
        for ticket in try snapshot.unassignedOpenTickets(limit: 500) {
            let policy = rules.assignment.policy(forQueue: ticket.queue)
            guard policy != .none else { continue }
            let request = AssignmentRequest(queue: ticket.queue, language: ticket.language)
            let decision = assigner(forQueue: ticket.queue).assign(request, policy: policy, load: load, now: now)
            guard let assignee = decision.assignee else { continue }
            load.record(assignee, queue: ticket.queue)
            effects += [
                .assign(ticket: ticket.number, to: assignee), .touch(ticket: ticket.number, at: now),
                .addEvent(ticket: ticket.number, .system(.assigned, "assigned to \(assignee) (it waited unassigned): \(decision.reason)", at: now)),
            ]
            var assigned = ticket
            assigned.assignee = assignee
            effects += [try notification(
                on: assigned, to: member(assignee), text: "Assigned to you: it waited unassigned (\(decision.reason)).", snapshot: snapshot, now: now)]
                .compactMap { $0 }
        }
        return effects
    }
}
