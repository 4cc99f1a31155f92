import Foundation

/// The daemon's notion of now: the wall clock, or a fixed instant from `--now`.
public struct DaemonClock: Sendable {
    private let fixed: Date?

    /// The wall clock.
    public static let system = DaemonClock(fixed: nil)

    /// A clock that always says `date` (for `--now` simulation and tests).
    public static func fixed(_ date: Date) -> DaemonClock { DaemonClock(fixed: date) }

    public func now() -> Date { fixed ?? Date() }
}
