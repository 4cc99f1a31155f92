import Foundation
import TicketCore
import TOMLKit

/// `[assignment]` and `[assignment.queue.NAME]`: who gets new tickets.
///
/// ```toml
/// [assignment]
/// policy = "least_loaded"       # none (default) | least_loaded | round_robin
///
/// [assignment.queue.billing]
/// policy = "round_robin"        # this queue's own policy
/// ```
///
/// Stand-ins come from the `standin` key of `[[absence]]` entries (`readAbsences`).
extension ConfigReader {
    /// `[assignment]` over `queues` (the queues the config knows), with `standIns`.
    mutating func readAssignment(_ table: TOMLTable?, queues: Set<String>, standIns: [StandIn]) -> AssignmentSettings {
        var settings = AssignmentSettings(standIns: standIns)
        warnUnknown(table, prefix: "assignment", known: ["policy", "queue"])
        if let policy = assignmentPolicy(table, "assignment") { settings.policy = policy }
        guard let entries = table?["queue"] else { return settings }
        guard let entries = entries.table else {
            error("assignment.queue", "'queue' must hold one table per queue: write [assignment.queue.NAME]")
            return settings
        }
        for name in entries.keys.sorted() {
            let key = "assignment.queue.\(name)"
            guard let entry = entries[name]?.table else {
                error(key, "[assignment.queue.\(name)] must be a table")
                continue
            }
            guard queues.contains(name.lowercased()) || queues.contains(name) else {
                error(key, "unknown queue '\(name)': known queues are \(Self.list(queues)); "
                    + "add it as a [[mailbox]] queue, an [sla.queue.\(name)] section or to a [[staff]] entry's queues")
                continue
            }
            warnUnknown(entry, prefix: key, known: ["policy"])
            if let policy = assignmentPolicy(entry, key) { settings.queuePolicies[name.lowercased()] = policy }
        }
        return settings
    }

    /// The `policy` of `table`, if set and valid.
    mutating func assignmentPolicy(_ table: TOMLTable?, _ key: String) -> AssignmentPolicy? {
        guard let text = string(table, key, "policy") else { return nil }
        guard let policy = AssignmentPolicy(rawValue: text.lowercased()) else {
            let known = AssignmentPolicy.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            error("\(key).policy", "assignment policy '\(text)' is not one of \(known)")
            return nil
        }
        return policy
    }
}
