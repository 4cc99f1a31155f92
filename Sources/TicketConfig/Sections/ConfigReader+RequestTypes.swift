import BusinessTime
import Foundation
import TicketCore
import TOMLKit

/// `[request_type.NAME]`: request types that run their own process.
///
/// ```toml
/// [request_type.device_swap]
/// title = { en = "Device replacement", hu = "Eszközcsere", pl = "Wymiana urządzenia" }
/// steps = [                                   # in order; at least one, names unique
///   { name = "triage", owner = "support", due = "4h" },
///   { name = "visit",  owner = "field",   due = "2bd", notify = "visit_scheduled" },
///   { name = "done",   owner = "support", due = "1bd", notify = "done" },
/// ]
/// escalate = [{ after = 1.0, to = "lead" }, { after = 1.5, to = "manager" }]
/// ```
///
/// - `title`: the customer-facing title by language (a plain string is the English title).
/// - `owner`: a queue (`TicketdConfig.knownQueues`), else a skill of some `[[staff]]` entry, else
///   a role (`agent`, `lead`, `manager`), looked up in that order.
/// - `due`: required, more than zero, a business duration on the queue's calendar (`4h`, `2bd`).
/// - `notify`: a step notice template sent to the customer on entering the step (`visit_scheduled`, `done`).
/// - `escalate`: rungs by share of a step's window (`after`, above 0 and at most 10, each share
///   once) to a role or a mail address (`to`).
extension ConfigReader {
    static let requestTypeKeys: Set<String> = ["title", "steps", "escalate"]
    static let requestTypeStepKeys: Set<String> = ["name", "owner", "due", "notify"]
    static let requestTypeRungKeys: Set<String> = ["after", "to"]

    /// Every `[request_type.NAME]` that is valid, by name; `queues` and `skills` are what owners may name.
    mutating func readRequestTypes(_ table: TOMLTable?, queues: Set<String>, skills: Set<String>) -> [String: RequestType] {
        guard let table else { return [:] }
        var types: [String: RequestType] = [:]
        for name in table.keys.sorted() {
            let key = "request_type.\(name)"
            guard let entry = table[name]?.table else {
                error(key, "[request_type.\(name)] must be a table")
                continue
            }
            warnUnknown(entry, prefix: key, known: Self.requestTypeKeys)
            let titles = requestTypeTitles(entry, key)
            let steps = requestTypeSteps(entry, key, queues: queues, skills: skills)
            let rungs = escalationRungs(entry, key)
            guard let steps, let rungs else { continue }
            do {
                types[name] = try RequestType(name: name, titles: titles, steps: steps, escalation: rungs)
            } catch {
                self.error(error.isAboutRungs ? "\(key).escalate" : "\(key).steps", "\(error)")
            }
        }
        return types
    }

    private mutating func requestTypeTitles(_ entry: TOMLTable, _ key: String) -> [String: String] {
        guard let value = entry["title"] else { return [:] }
        if let text = value.string { return ["en": text] }
        guard let languages = value.table, languages.keys.allSatisfy({ languages[$0]?.string != nil }) else {
            error("\(key).title", "'title' must be a string or a table of strings by language, e.g. { en = \"Device replacement\", hu = \"Eszközcsere\" }")
            return [:]
        }
        return Dictionary(uniqueKeysWithValues: languages.keys.compactMap { language in languages[language]?.string.map { (language, $0) } })
    }

    /// The steps, or nil when any is unusable (each problem is reported).
    private mutating func requestTypeSteps(_ entry: TOMLTable, _ key: String, queues: Set<String>, skills: Set<String>) -> [RequestTypeStep]? {
        guard let array = entry["steps"]?.array else {
            error(entry["steps"] == nil ? key : "\(key).steps", "[\(key)] needs 'steps': an array of { name, owner, due } tables")
            return nil
        }
        var steps: [RequestTypeStep] = []
        var usable = true
        var seen: Set<String> = []
        for (index, value) in array.enumerated() {
            let stepKey = "\(key).steps[\(index)]"
            guard let table = value.table else {
                error("\(key).steps", "each step must be a table such as { name = \"triage\", owner = \"support\", due = \"4h\" }")
                usable = false
                continue
            }
            warnUnknown(table, prefix: stepKey, known: Self.requestTypeStepKeys)
            let name = required(table, stepKey, "name")
            if let name, !seen.insert(name).inserted {
                error("\(stepKey).name", "step name '\(name)' is used twice in [\(key)]: give each step its own name")
                usable = false
            }
            let owner = required(table, stepKey, "owner").flatMap { stepOwner($0, "\(stepKey).owner", queues: queues, skills: skills) }
            let due = table["due"] == nil ? nil : businessDuration(table, stepKey, "due")
            if table["due"] == nil {
                error(stepKey, "step '\(name ?? "?")' has no 'due': give it a business duration such as \"4h\" or \"2bd\"")
            } else if due?.isZero == true {
                error("\(stepKey).due", "step '\(name ?? "?")' has a zero 'due': give it at least a minute, e.g. \"30m\"")
            }
            var notify: TemplateKind?
            if let text = string(table, stepKey, "notify") {
                notify = TemplateKind.stepNotices.first { $0.rawValue == text }
                if notify == nil {
                    error("\(stepKey).notify", "unknown step notice template '\(text)': use one of \(TemplateKind.stepNotices.map(\.rawValue).joined(separator: ", "))")
                    usable = false
                }
            }
            guard let name, let owner, let due, !due.isZero else {
                usable = false
                continue
            }
            steps.append(RequestTypeStep(name: name, owner: owner, due: due, notify: notify))
        }
        return usable ? steps : nil
    }

    /// A queue, else a skill, else a role.
    private mutating func stepOwner(_ text: String, _ key: String, queues: Set<String>, skills: Set<String>) -> StepOwner? {
        if queues.contains(text) || queues.contains(text.lowercased()) { return .queue(text.lowercased()) }
        if skills.contains(text) { return .skill(text) }
        if let role = StaffRole(rawValue: text.lowercased()) { return .role(role) }
        error(key, "unknown owner '\(text)': use a queue (\(Self.list(queues))), a skill of a [[staff]] entry "
            + "(\(Self.list(skills))) or a role (agent, lead, manager)")
        return nil
    }

    /// The ladder, or nil when any rung is unusable (each problem is reported).
    private mutating func escalationRungs(_ entry: TOMLTable, _ key: String) -> [EscalationRung]? {
        guard let value = entry["escalate"] else { return [] }
        guard let array = value.array else {
            error("\(key).escalate", "'escalate' must be an array such as [{ after = 1.0, to = \"lead\" }]")
            return nil
        }
        var rungs: [EscalationRung] = []
        var usable = true
        for (index, item) in array.enumerated() {
            let rungKey = "\(key).escalate[\(index)]"
            guard let table = item.table else {
                error("\(key).escalate", "each rung must be a table such as { after = 1.0, to = \"lead\" }")
                usable = false
                continue
            }
            warnUnknown(table, prefix: rungKey, known: Self.requestTypeRungKeys)
            let share = table["after"].flatMap { $0.double ?? $0.int.map(Double.init) }
            let target = required(table, rungKey, "to").flatMap { escalationTarget($0, "\(rungKey).to") }
            guard let share else {
                error(table["after"] == nil ? rungKey : "\(rungKey).after", "a rung needs 'after': a share of the step's window such as 1.0 or 1.5")
                usable = false
                continue
            }
            do {
                if let target { rungs.append(try EscalationRung(after: share, to: target)) } else { usable = false }
            } catch {
                self.error("\(rungKey).after", "\(error)")
                usable = false
            }
        }
        return usable ? rungs : nil
    }

    /// A role name, or a mail address.
    private mutating func escalationTarget(_ text: String, _ key: String) -> EscalationTarget? {
        if let role = StaffRole(rawValue: text.lowercased()) { return .role(role) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty { return .address(text.lowercased()) }
        error(key, "escalation target '\(text)' is neither a role (agent, lead, manager) nor a mail address")
        return nil
    }
}

extension RequestTypeError {
    /// Whether the problem is in the escalation ladder rather than the steps.
    fileprivate var isAboutRungs: Bool {
        switch self {
        case .duplicateRung, .badShare: true
        case .noSteps, .duplicateStep, .unknownStep, .alreadyAtLastStep: false
        }
    }
}
