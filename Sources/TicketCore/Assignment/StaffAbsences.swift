import BusinessTime
import Foundation

/// Who is away on a day, and who stands in for them.
public struct StaffAbsences: Sendable, Hashable {
    /// Whole days staff are away (`[[absence]]`, `staff away`).
    public var absences: [AbsenceCalendar.Absence]
    /// Stand-ins for some of those absences; where two cover one day, the first listed wins.
    public var standIns: [StandIn]

    public init(absences: [AbsenceCalendar.Absence] = [], standIns: [StandIn] = []) {
        self.absences = absences
        self.standIns = standIns
    }

    /// Whether `address` (any case) is away on `date`.
    public func isAway(_ address: String, on date: LocalDate) -> Bool {
        let address = address.lowercased()
        return absences.contains { $0.agent.lowercased() == address && $0.covers(date) }
    }

    /// The stand-in named for `address` on `date`, if any.
    public func standIn(for address: String, on date: LocalDate) -> String? {
        let address = address.lowercased()
        return standIns.first { $0.agent == address && $0.covers(date) }?.standIn
    }

    /// Where the stand-ins of `address` lead on `date`, starting from `address` itself.
    ///
    /// Each agent away hands on to their stand-in until someone present is reached. With anna
    /// away (stand-in bob) and bob away (stand-in carol), the chain from anna is
    /// `.present("carol", path: ["anna", "bob", "carol"])`.
    public func chain(from address: String, on date: LocalDate) -> StandInChain {
        var path = [address.lowercased()]
        while let current = path.last, isAway(current, on: date) {
            guard let next = standIn(for: current, on: date) else {
                return path.count == 1 ? .noStandIn : .allAway(path: path)
            }
            guard !path.contains(next) else { return .loops(path: path + [next]) }
            path.append(next)
        }
        return path.count == 1 ? .present : .standIn(path.last ?? "", path: path)
    }
}

/// The end of a chain of stand-ins (``StaffAbsences/chain(from:on:)``).
public enum StandInChain: Sendable, Hashable {
    /// The agent is not away: nobody needs to stand in.
    case present
    /// The agent is away and named no stand-in.
    case noStandIn
    /// `address`, the last of `path`, is present and takes the work.
    case standIn(String, path: [String])
    /// Everyone on `path` is away and the last named no stand-in.
    case allAway(path: [String])
    /// `path` comes back to someone already on it (its last element), everyone on it away.
    case loops(path: [String])
}
