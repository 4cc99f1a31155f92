/// One `[[rule]]`, compiled: its conditions ready to run and its actions typed.
public struct CompiledRule: Sendable {
    public let name: String
    public let mode: RuleMatchMode
    public let actions: RuleActions
    let conditions: [CompiledCondition]

    /// Judges the rule; a condition that could not be judged makes it not match, with the error.
    func evaluate(on subject: inout PreparedSubject, result: RuleResult) -> RuleTrace {
        var traces: [ConditionTrace] = []
        traces.reserveCapacity(conditions.count)
        for index in conditions.indices { traces.append(conditions[index].evaluate(on: &subject, result: result)) }
        if let error = traces.lazy.compactMap(\.error).first {
            return RuleTrace(name: name, matched: false, conditions: traces, error: error)
        }
        let matched = switch mode {
        case .all: traces.allSatisfy(\.matched)
        case .any: conditions.isEmpty || traces.contains(where: \.matched)
        }
        return RuleTrace(name: name, matched: matched, conditions: traces)
    }
}
