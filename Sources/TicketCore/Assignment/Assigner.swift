import BusinessTime
import Foundation

/// Chooses the owner of a ticket: a pure decision over the roster, absences and load.
///
/// An agent is *eligible* for a request when they
/// - work its queue (an agent with no queues works every queue),
/// - speak its language (an agent with no languages takes any language),
/// - have its skill, when it asks for one,
/// - are in its region, when it names one (compared without regard to case),
/// - and are not away on the ticket's working day.
///
/// The working day is the day of the desk's next opening at or after `now`: today while the desk is
/// open or opens later today, otherwise the next working day, so a ticket arriving on Friday evening
/// does not go to someone away from Monday. Presence is judged per whole day, like absences.
///
/// A request's ``AssignmentRequest/preferred`` agent keeps the ticket when present; when away, their
/// stand-ins are followed (``StaffAbsences/chain(from:on:)``; a stand-in need not pass the filters,
/// they were named by a person). A chain that loops or ends with everyone away leaves the ticket
/// with its queue; an agent away without a stand-in leaves the choice to the policy.
///
/// ```swift
/// let assigner = Assigner(roster: roster, absences: absences, calendar: policy.calendar,
///                         defaultCapacity: policy.throughputPerAgentPerDay)
/// let decision = assigner.assign(AssignmentRequest(queue: "support", language: "hu"),
///                                policy: .leastLoaded, load: load, now: now)
/// // decision.assignee == "anna@example.com"
/// // decision.reason == "least loaded: 3 open of capacity 8; speaks hu"
/// ```
public struct Assigner: Sendable {
    /// Everyone on the desk, in configuration order (the order ties are broken in).
    public var roster: StaffRoster
    /// Who is away when, and their stand-ins.
    public var absences: StaffAbsences
    /// The desk's business calendar: its time zone gives the day, its hours the working day.
    public var calendar: BusinessCalendar
    /// The capacity of an agent without their own (`sla.throughput`), above 0.
    public var defaultCapacity: Double

    public init(roster: StaffRoster, absences: StaffAbsences, calendar: BusinessCalendar, defaultCapacity: Double) {
        self.roster = roster
        self.absences = absences
        self.calendar = calendar
        self.defaultCapacity = defaultCapacity
    }

    /// The day whose absences count for a ticket arriving at `now`.
    public func workingDay(at now: Date) -> LocalDate {
        calendar.localDate(of: calendar.nextOpening(atOrAfter: now))
    }

    /// The owner of a ticket described by `request` under `policy`, given the desk's `load`.
    ///
    /// - Parameters:
    ///   - request: the ticket's queue, language, skill, region and preferred agent.
    ///   - policy: the ticket's queue's policy.
    ///   - load: open tickets per agent, and the last agent assigned per queue (for round robin).
    ///   - now: when the ticket is assigned.
    /// - Returns: the chosen address (nil: the queue keeps it) and why.
    public func assign(_ request: AssignmentRequest, policy: AssignmentPolicy, load: AssignmentLoad, now: Date) -> AssignmentDecision {
        let day = workingDay(at: now)
        if let preferred = request.preferred {
            switch absences.chain(from: preferred, on: day) {
            case .present:
                return AssignmentDecision(assignee: preferred, reason: "asked for \(preferred), present on \(day)")
            case .standIn(let address, let path):
                return AssignmentDecision(assignee: address, reason: "stand-in for \(preferred), away on \(day): \(Self.arrows(path))")
            case .loops(let path):
                return AssignmentDecision(assignee: nil, reason: "stand-ins loop on \(day): \(Self.arrows(path)); left to queue \(request.queue)")
            case .allAway(let path):
                return AssignmentDecision(assignee: nil, reason: "every stand-in is away on \(day): \(Self.arrows(path)); left to queue \(request.queue)")
            case .noStandIn:
                break
            }
        }
        if policy == .none {
            return AssignmentDecision(assignee: nil, reason: "policy none: left to queue \(request.queue)")
        }
        let candidates = eligible(for: request, on: day)
        guard !candidates.isEmpty else {
            return AssignmentDecision(assignee: nil, reason: "nobody present on \(day) \(Self.wanted(request)); left to queue \(request.queue)")
        }
        let chosen: StaffMember
        let why: String
        if policy == .roundRobin {
            (chosen, why) = nextInTurn(candidates, after: load.lastAssigned(in: request.queue), queue: request.queue)
        } else {
            chosen = leastLoaded(candidates, load: load)
            why = "least loaded: \(load.openCount(of: chosen.address)) open of capacity \(Self.number(capacity(of: chosen)))"
        }
        return AssignmentDecision(assignee: chosen.address, reason: ([why] + matches(chosen, request)).joined(separator: "; "))
    }

    /// The members eligible for `request` on `day`, in roster order.
    public func eligible(for request: AssignmentRequest, on day: LocalDate) -> [StaffMember] {
        roster.members.filter { member in
            member.works(queue: request.queue)
                && (member.languages.isEmpty || member.languages.contains(request.language))
                && request.skill.map { member.skills.contains($0) } ?? true
                && request.region.map { $0 == member.region?.lowercased() } ?? true
                && !absences.isAway(member.address, on: day)
        }
    }

    /// `member`'s tickets a business day.
    func capacity(of member: StaffMember) -> Double {
        member.capacity.map(Double.init) ?? defaultCapacity
    }

    /// The lowest open / capacity; ties to the fewest open, then the earliest in the roster.
    func leastLoaded(_ candidates: [StaffMember], load: AssignmentLoad) -> StaffMember {
        // `min(by:)` keeps the first of equal elements, and candidates are in roster order.
        candidates.min { lhs, rhs in
            let left = Double(load.openCount(of: lhs.address)) / capacity(of: lhs)
            let right = Double(load.openCount(of: rhs.address)) / capacity(of: rhs)
            return left != right ? left < right : load.openCount(of: lhs.address) < load.openCount(of: rhs.address)
        } ?? candidates[0]
    }

    /// The first candidate after `last` in roster order, wrapping; the first candidate when `last`
    /// is nil or no longer on the roster.
    func nextInTurn(_ candidates: [StaffMember], after last: String?, queue: String) -> (StaffMember, String) {
        guard let last, let lastIndex = roster.members.firstIndex(where: { $0.address == last }) else {
            return (candidates[0], "round robin: first in queue \(queue)")
        }
        let position = { (member: StaffMember) in roster.members.firstIndex(of: member) ?? 0 }
        let next = candidates.first { position($0) > lastIndex } ?? candidates[0]
        return (next, "round robin: next after \(last) in queue \(queue)")
    }

    /// What `member` brings to `request`, for the reason.
    func matches(_ member: StaffMember, _ request: AssignmentRequest) -> [String] {
        [member.languages.isEmpty ? "takes any language" : "speaks \(request.language)"]
            + [request.skill.map { "skill \($0)" }, request.region.map { "region \($0)" }].compactMap { $0 }
    }

    /// The request's filters in words: `working support, speaking hu, with skill billing`.
    static func wanted(_ request: AssignmentRequest) -> String {
        (["working \(request.queue)", "speaking \(request.language)"]
            + [request.skill.map { "with skill \($0)" }, request.region.map { "in region \($0)" }].compactMap { $0 })
            .joined(separator: ", ")
    }

    static func arrows(_ path: [String]) -> String {
        path.joined(separator: " → ")
    }

    /// `8` for a whole number, else one decimal (`7.5`).
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.1f", value)
    }
}
