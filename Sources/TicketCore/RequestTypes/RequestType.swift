import BusinessTime

/// A kind of request that runs its own process (`[request_type.NAME]`): ordered steps, each with
/// an owner and a deadline, and a ladder of escalations for a step that overruns.
///
/// ```swift
/// let swap = try RequestType(
///     name: "device_swap", titles: ["en": "Device replacement", "hu": "Eszközcsere"],
///     steps: [RequestTypeStep(name: "triage", owner: .queue("support"), due: .businessHours(4))],
///     escalation: [EscalationRung(after: 1.0, to: .role(.lead))])
/// ```
public struct RequestType: Sendable, Hashable {
    /// The key of `[request_type.NAME]`, as rules set it.
    public let name: String
    /// The title shown to customers, by language code.
    public let titles: [String: String]
    /// The process, in order; never empty, names unique.
    public let steps: [RequestTypeStep]
    /// Escalations for an overrunning step, ordered by ``EscalationRung/after``.
    public let escalation: [EscalationRung]

    /// A request type; throws when `steps` is empty or has a name twice, or two rungs share a share.
    public init(name: String, titles: [String: String], steps: [RequestTypeStep], escalation: [EscalationRung]) throws(RequestTypeError) {
        guard !steps.isEmpty else { throw .noSteps(type: name) }
        var names: Set<String> = []
        for step in steps where !names.insert(step.name).inserted {
            throw .duplicateStep(type: name, step: step.name)
        }
        var percents: Set<Int> = []
        for rung in escalation where !percents.insert(rung.percent).inserted {
            throw .duplicateRung(type: name, percent: rung.percent)
        }
        self.name = name
        self.titles = titles
        self.steps = steps
        self.escalation = escalation.sorted { $0.after < $1.after }
    }

    /// The title in `language`, else in `fallback`, else in English, else the type's name.
    public func title(language: String, fallback: String = "en") -> String {
        titles[language] ?? titles[fallback] ?? titles["en"] ?? name
    }

    /// The step named `name`, or nil.
    public func step(named name: String) -> RequestTypeStep? {
        steps.first { $0.name == name }
    }

    /// The first step: where every ticket of this type starts.
    public var firstStep: RequestTypeStep { steps[0] }

    /// The step after the one named `name`; throws when there is no such step or it is the last.
    public func next(after name: String) throws(RequestTypeError) -> RequestTypeStep {
        let index = try index(of: name)
        guard index + 1 < steps.count else { throw .alreadyAtLastStep(type: self.name, step: name) }
        return steps[index + 1]
    }

    /// The position of the step named `name` in ``steps``.
    func index(of name: String) throws(RequestTypeError) -> Int {
        guard let index = steps.firstIndex(where: { $0.name == name }) else {
            throw .unknownStep(type: self.name, step: name, known: steps.map(\.name))
        }
        return index
    }
}
