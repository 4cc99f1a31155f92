import BusinessTime
import Foundation
import TicketCore
import TOMLKit

/// `[calendar]`, `[sla]` (with `[sla.queue.NAME]` and `[sla.channel.NAME]`) and `[[absence]]` (its
/// stand-ins go to `[assignment]`).
extension ConfigReader {
    /// The keys a queue's or channel's own targets may set over the global `[sla]`.
    static let targetKeys: Set<String> = ["hours", "holidays", "first_response", "update_interval", "throughput", "escalate_to"]

    /// `[calendar]` and `[sla]` with `absences` (from ``readAbsences(_:staff:)``), on top of
    /// `PromisePolicy.standard` for the time zone. Alarms go to the roster; escalations to
    /// `sla.escalate_to`, else to its leads and managers.
    mutating func readPromisePolicy(_ root: TOMLTable, daemon: DaemonSettings, staff: StaffRoster, absences: [AbsenceCalendar.Absence]) -> PromisePolicy {
        var policy = PromisePolicy.standard(timeZone: daemon.timeZone, staff: staff.members.map(\.address))
        policy.escalateTo = staff.members.filter { $0.role != .agent }.map(\.address)
        let calendar = table(root, "calendar")
        warnUnknown(calendar, prefix: "calendar", known: ["hours", "holidays", "closures", "working_days"])
        policy.calendar = BusinessCalendar(
            timeZone: daemon.timeZone, schedule: policy.calendar.schedule, holidays: policy.calendar.holidays,
            closures: dates(calendar, "calendar", "closures"), extraWorkingDays: dates(calendar, "calendar", "working_days"))
        readCalendar(calendar, "calendar", into: &policy)

        let sla = table(root, "sla")
        warnUnknown(sla, prefix: "sla", known: Self.targetKeys.subtracting(["hours", "holidays"]).union(["warning", "follow_up_before", "digest_after", "queue", "channel", "priority"]))
        readTargets(sla, "sla", into: &policy)
        checkReach(of: policy, targets: sla, "sla", hoursKey: "calendar.hours")
        if let value = sla?["warning"] {
            if let ratio = value.double ?? value.int.map(Double.init), ratio > 0, ratio < 1 {
                policy.warningRatio = ratio
            } else {
                error("sla.warning", "'warning' is the share of the promise window after which staff are warned, between 0 and 1 (e.g. 0.75)")
            }
        }
        policy.followUpLead = TimeInterval(interval(sla, "sla", "follow_up_before", default: 0))
        if let value = sla?["digest_after"] {
            if let count = value.int, (0...100_000).contains(count) {
                policy.digestAfter = count
            } else {
                error("sla.digest_after", "'digest_after' is how many slips in one watcher run staff still get one mail each for, 0 to 100000 (0: never a digest)")
            }
        }
        policy.absences = absences
        return policy
    }

    /// `[sla.GROUP.NAME]` (group `queue` or `channel`): the targets of `base` with the entry's own
    /// calendar and targets over them, for queues like a 24/7 line.
    mutating func readQueuePolicies(_ sla: TOMLTable?, group: String, base: PromisePolicy) -> [String: PromisePolicy] {
        guard let queues = sla?[group]?.table else { return [:] }
        var result: [String: PromisePolicy] = [:]
        for name in queues.keys {
            let key = "sla.\(group).\(name)"
            guard let entry = queues[name]?.table else {
                error(key, "[sla.\(group).\(name)] must be a table")
                continue
            }
            warnUnknown(entry, prefix: key, known: Self.targetKeys)
            var policy = base
            readCalendar(entry, key, into: &policy)
            readTargets(entry, key, into: &policy)
            if entry["hours"] != nil || entry["first_response"] != nil || entry["update_interval"] != nil {
                checkReach(of: policy, targets: entry, key, hoursKey: "\(key).hours")
            }
            result[name] = policy
        }
        return result
    }

    /// `[sla.priority.NAME]` (NAME: low, normal, high, urgent): `first_response` and
    /// `update_interval` that replace the queue's or channel's for tickets of that priority.
    mutating func readPriorityTargets(_ sla: TOMLTable?) -> [String: PriorityTargets] {
        guard let priorities = sla?["priority"]?.table else { return [:] }
        var result: [String: PriorityTargets] = [:]
        for name in priorities.keys {
            let key = "sla.priority.\(name)"
            guard TicketPriority(rawValue: name) != nil else {
                error(key, "unknown priority '\(name)': use low, normal, high or urgent")
                continue
            }
            guard let entry = priorities[name]?.table else {
                error(key, "[sla.priority.\(name)] must be a table")
                continue
            }
            warnUnknown(entry, prefix: key, known: ["first_response", "update_interval"])
            result[name] = PriorityTargets(
                firstResponse: businessDuration(entry, key, "first_response"), updateInterval: businessDuration(entry, key, "update_interval"))
        }
        return result
    }

    /// The most tickets a day one agent may be said to close: more is a typo (or `inf`).
    static let maximumThroughput = 10_000.0

    /// Minutes of working time in a year (366 days) of `schedule`'s weekly hours: the longest an
    /// `h`/`m` target may be, so that even a few minutes a week puts no promise years ahead.
    static func yearOfWorkingMinutes(_ schedule: WeeklySchedule) -> Int {
        let weekly = Weekday.allCases.reduce(0) { total, day in total + schedule.hours(on: day).reduce(0) { $0 + $1.minutes } }
        return weekly * 366 / 7
    }

    /// Refuses an `h`/`m` target longer than a year of `policy`'s working hours, at the key that set
    /// the target in `targets`, else at `hoursKey` (the hours that made an inherited target too long).
    mutating func checkReach(of policy: PromisePolicy, targets: TOMLTable?, _ key: String, hoursKey: String) {
        let limit = Self.yearOfWorkingMinutes(policy.calendar.schedule)
        for (name, target) in [("first_response", policy.firstResponse), ("update_interval", policy.updateInterval)] where target.businessMinutes > limit {
            error(targets?[name] != nil ? "\(key).\(name)" : hoursKey, """
                '\(name)' = "\(target)" is more than a year of working time under hours "\(policy.calendar.schedule)" \
                (at most \(limit / 60)h\(limit % 60 == 0 ? "" : "\(limit % 60)m")): use business days (bd) or calendar days (d), or a shorter target
                """)
        }
    }

    /// `hours` and `holidays` of `table`, replacing those of `policy`'s calendar.
    mutating func readCalendar(_ table: TOMLTable?, _ key: String, into policy: inout PromisePolicy) {
        var schedule = policy.calendar.schedule
        var holidays = policy.calendar.holidays
        if let hours = string(table, key, "hours") {
            do { schedule = try WeeklySchedule(parsing: hours) } catch { self.error("\(key).hours", "\(error)") }
        }
        if let name = string(table, key, "holidays") {
            do { holidays = try HolidayRules(named: name) } catch { self.error("\(key).holidays", "\(error)") }
        }
        let calendar = policy.calendar
        policy.calendar = BusinessCalendar(
            timeZone: calendar.timeZone, schedule: schedule, holidays: holidays,
            closures: Array(calendar.closures), extraWorkingDays: Array(calendar.extraWorkingDays))
    }

    /// `first_response`, `update_interval`, `throughput` and `escalate_to` of `table` over `policy`'s.
    mutating func readTargets(_ table: TOMLTable?, _ key: String, into policy: inout PromisePolicy) {
        if let value = businessDuration(table, key, "first_response") { policy.firstResponse = value }
        if let value = businessDuration(table, key, "update_interval") { policy.updateInterval = value }
        if let value = table?["throughput"] {
            if let rate = value.double ?? value.int.map(Double.init), rate > 0, rate <= Self.maximumThroughput {
                policy.throughputPerAgentPerDay = rate
            } else {
                error("\(key).throughput", "'throughput' is tickets one agent closes per business day, a number above 0 and at most 10000")
            }
        }
        let leads = stringArray(table, key, "escalate_to")
        if !leads.isEmpty { policy.escalateTo = leads.map { $0.lowercased() } }
    }

    /// `[[absence]]`: staff away from `from` through `to` (`YYYY-MM-DD`), with an optional
    /// `standin`, a member of `staff` other than the one away, who takes their tickets meanwhile.
    mutating func readAbsences(_ root: TOMLTable, staff: StaffRoster) -> (absences: [AbsenceCalendar.Absence], standIns: [StandIn]) {
        guard let array = root["absence"]?.array else { return ([], []) }
        var absences: [AbsenceCalendar.Absence] = []
        var standIns: [StandIn] = []
        for (index, value) in array.enumerated() {
            let key = "absence[\(index)]"
            guard let entry = value.table else { continue }
            warnUnknown(entry, prefix: key, known: ["staff", "from", "to", "standin"])
            guard let staffAddress = required(entry, key, "staff"), let from = required(entry, key, "from"), let to = required(entry, key, "to") else { continue }
            let absence: AbsenceCalendar.Absence
            do {
                absence = try AbsenceCalendar.Absence(agent: staffAddress.lowercased(), from: try LocalDate(parsing: from), through: try LocalDate(parsing: to))
            } catch {
                self.error(key, "\(error)")
                continue
            }
            absences.append(absence)
            guard let standIn = string(entry, key, "standin") else { continue }
            guard staff.contains(standIn) else {
                error("\(key).standin", "stand-in '\(standIn)' is not on the staff: add a [[staff]] entry or a daemon.staff address")
                continue
            }
            do {
                standIns.append(try StandIn(for: absence, standIn: standIn))
            } catch {
                self.error("\(key).standin", error.description)
            }
        }
        return (absences, standIns)
    }
}
