import Foundation

/// Who of the support team is away on which days, to know how many agents work each day.
public struct AbsenceCalendar: Sendable, Hashable {
    /// One agent away for whole days, from `first` through `last` inclusive (vacation, sick leave).
    public struct Absence: Sendable, Hashable {
        /// The agent's name or id; overlapping absences of one agent count once.
        public let agent: String
        /// First day away.
        public let first: LocalDate
        /// Last day away (inclusive).
        public let last: LocalDate

        /// Creates an absence; `last` must not be before `first`.
        public init(agent: String, from first: LocalDate, through last: LocalDate) throws(AbsenceError) {
            guard first <= last else { throw .endsBeforeStart(agent: agent, first: first, last: last) }
            self.agent = agent
            self.first = first
            self.last = last
        }

        /// Whether the agent is away on `date`.
        public func covers(_ date: LocalDate) -> Bool {
            first <= date && date <= last
        }
    }

    /// Number of agents on the team when nobody is away.
    public let teamSize: Int
    /// The known absences.
    public let absences: [Absence]

    /// Creates an absence calendar for a team of `teamSize` agents (negative sizes count as 0).
    public init(teamSize: Int, absences: [Absence] = []) {
        self.teamSize = max(0, teamSize)
        self.absences = absences
    }

    /// Agents working on `date`: the team size minus the distinct agents away that day, never below 0.
    public func availableAgents(on date: LocalDate) -> Int {
        let away = Set(absences.filter { $0.covers(date) }.map(\.agent))
        return max(0, teamSize - away.count)
    }
}

/// Why an absence could not be recorded.
public enum AbsenceError: Error, LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// The last day is before the first day.
    case endsBeforeStart(agent: String, first: LocalDate, last: LocalDate)

    /// The same message as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// A message saying how to fix the absence.
    public var description: String {
        switch self {
        case .endsBeforeStart(let agent, let first, let last):
            "the absence of \(agent) ends (\(last)) before it starts (\(first)): give the first day, then the last day"
        }
    }
}
