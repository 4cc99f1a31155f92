import TicketCore
import TOMLKit

/// What a rule's actions may name: the queues, request types and staff the config knows.
///
/// A queue is known when a `[[mailbox]]` `queue` (or its name, the default queue), an
/// `[sla.queue.NAME]` section or a `[[staff]]` entry's `queues` names it (`TicketdConfig.knownQueues`);
/// a staff address when `daemon.staff` or a `[[staff]]` `address` lists it; a request type when
/// a `[request_type.NAME]` table exists.
struct RuleReferences {
    var queues: Set<String>
    var requestTypes: Set<String>
    var staff: Set<String>
}

/// `[[rule]]`: compiled into a `RuleSet`; errors at the key that caused them.
extension ConfigReader {
    /// Every `[[rule]]` in file order, compiled; `RuleSet.empty` when there are none or any is wrong
    /// (the config is then rejected with every problem found).
    mutating func readRules(_ root: TOMLTable, references: RuleReferences) -> RuleSet {
        guard let value = root["rule"] else { return .empty }
        guard let array = value.array else {
            error("rule", "'rule' must be an array of tables: write [[rule]]")
            return .empty
        }
        let tables = array.map { Self.ruleValue($0.tomlValue) }
        let rules: RuleSet
        do throws(RuleCompileFailure) {
            rules = try RuleSet(compiling: tables)
        } catch {
            for problem in error.errors {
                self.error(problem.keyPath.isEmpty ? "rule[\(problem.ruleIndex)]" : "rule[\(problem.ruleIndex)].\(problem.keyPath)", problem.message)
            }
            return .empty
        }
        checkReferences(rules, references)
        return rules
    }

    /// Queues, request types and staff addresses named by actions must exist.
    private mutating func checkReferences(_ rules: RuleSet, _ references: RuleReferences) {
        for (index, rule) in rules.rules.enumerated() {
            let key = "rule[\(index)]"
            if let queue = rule.actions.queue, !references.queues.contains(queue) {
                error("\(key).queue", "rule '\(rule.name)': unknown queue '\(queue)': known queues are \(Self.list(references.queues)); "
                    + "add it as a [[mailbox]] queue, an [sla.queue.\(queue)] section or to a [[staff]] entry's queues")
            }
            if let type = rule.actions.requestType, !references.requestTypes.contains(type) {
                error("\(key).request_type", "rule '\(rule.name)': unknown request type '\(type)': define it as [request_type.\(type)]")
            }
            if let address = rule.actions.assign, !references.staff.contains(address) {
                error("\(key).assign", "rule '\(rule.name)': '\(address)' is not a staff address: add a [[staff]] entry for it or list it in daemon.staff")
            }
        }
    }

    static func list(_ names: Set<String>) -> String {
        names.isEmpty ? "none" : names.sorted().map { "'\($0)'" }.joined(separator: ", ")
    }

    /// The TOML value as the rule compiler reads it.
    static func ruleValue(_ value: TOMLValue) -> RuleValue {
        switch value.type {
        case .string: .string(value.string ?? "")
        case .bool: .bool(value.bool ?? false)
        case .int: .integer(value.int ?? 0)
        case .double: .other(kind: "a number")
        case .date, .time, .dateTime: .other(kind: "a date or time")
        case .array: .array(value.array.map { $0.map { ruleValue($0.tomlValue) } } ?? [])
        case .table:
            .table(Dictionary(uniqueKeysWithValues: (value.table?.keys ?? []).compactMap { key in value.table?[key].map { (key, ruleValue($0)) } }))
        }
    }
}
