import BusinessTime
import Foundation

/// Who takes an agent's tickets while they are away: the `standin` of an `[[absence]]` entry,
/// over the same days.
public struct StandIn: Sendable, Hashable {
    /// The agent away (lower-cased address).
    public let agent: String
    /// The agent who stands in (lower-cased address).
    public let standIn: String
    /// First day of the absence.
    public let first: LocalDate
    /// Last day of the absence (inclusive).
    public let last: LocalDate

    /// `standIn` covers for the agent of `absence` over its days; nobody stands in for themselves.
    public init(for absence: AbsenceCalendar.Absence, standIn: String) throws(StandInError) {
        let agent = absence.agent.trimmingCharacters(in: .whitespaces).lowercased()
        let standIn = standIn.trimmingCharacters(in: .whitespaces).lowercased()
        guard agent != standIn else { throw .standsInForThemselves(agent: agent) }
        self.agent = agent
        self.standIn = standIn
        first = absence.first
        last = absence.last
    }

    /// Whether it applies on `date`.
    public func covers(_ date: LocalDate) -> Bool {
        first <= date && date <= last
    }
}

/// Why a stand-in could not be recorded.
public enum StandInError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stand-in is the agent who is away.
    case standsInForThemselves(agent: String)

    /// A message saying how to fix the entry.
    public var description: String {
        switch self {
        case .standsInForThemselves(let agent):
            "\(agent) cannot stand in for themselves: name another staff member, or leave 'standin' out"
        }
    }
}
