import Foundation

extension DeskCore {
    /// Who gets a new ticket: the agent a rule asked for (or their stand-in), else the queue's
    /// `[assignment]` policy over the agents present, speaking its language, with the skill a
    /// rule asked for. A rule's `assign_skill` in a queue without a policy chooses the least loaded.
    func assignment(for ticket: NewTicket, skill: String?, snapshot: some DeskSnapshot, now: Date) throws -> AssignmentDecision? {
        var policy = rules.assignment.policy(forQueue: ticket.queue)
        if policy == .none, skill != nil { policy = .leastLoaded }
        guard policy != .none || ticket.assignee != nil, !rules.roster.isEmpty else { return nil }
        let queuePolicy = rules.policy(forQueue: ticket.queue, channel: ticket.channel, priority: ticket.priority)
        let assigner = Assigner(
            roster: rules.roster, absences: StaffAbsences(absences: queuePolicy.absences, standIns: rules.assignment.standIns),
            calendar: queuePolicy.calendar, defaultCapacity: queuePolicy.throughputPerAgentPerDay)
        let request = AssignmentRequest(queue: ticket.queue, language: ticket.language, skill: skill, preferred: ticket.assignee)
        return assigner.assign(request, policy: policy, load: try snapshot.assignmentLoad(), now: now)
    }
}
