/// The `[[rule]]`s of one config load, compiled once (regexes compiled, globs turned into matchers)
/// and evaluated on every new ticket without I/O.
///
/// Rules run in file order; each fires at most once; a later rule sees the queue, priority, request
/// type and language earlier ones set. `stop = true` ends the evaluation after its rule fires, and so does `drop`.
///
/// ```swift
/// let rules = try RuleSet(compiling: [
///     ["name": "Hungarian invoices", "conditions": [["field": "subject", "contains": "számla"]], "queue": "billing"],
/// ])
/// let evaluation = rules.evaluate(RuleSubject(subject: "Számla", queue: "support"))
/// evaluation.result.queue   // "billing"
/// ```
public struct RuleSet: Sendable {
    /// The rules in file order.
    public let rules: [CompiledRule]
    public let limits: RuleLimits
    /// Cache slots conditions use: one per field, one per distinct header name.
    private let slots: Int

    /// No rules: every ticket keeps its mailbox's queue and priority normal.
    public static let empty = RuleSet(rules: [], limits: .standard, slots: PreparedSubject.fieldSlots)

    /// Compiles `[[rule]]` tables in file order; every problem in every rule is reported at once.
    public init(compiling tables: [RuleValue], limits: RuleLimits = .standard) throws(RuleCompileFailure) {
        var compiler = RuleCompiler(limits: limits)
        let rules = compiler.compile(tables)
        guard compiler.errors.isEmpty else { throw RuleCompileFailure(errors: compiler.errors) }
        self.init(rules: rules, limits: limits, slots: compiler.slotCount)
    }

    private init(rules: [CompiledRule], limits: RuleLimits, slots: Int) {
        self.rules = rules
        self.limits = limits
        self.slots = slots
    }

    /// Runs every rule on `subject`: a trace per rule (skipped ones after a stop or drop included)
    /// and the resulting ticket fields, starting from the subject's queue, priority and language.
    public func evaluate(_ subject: RuleSubject) -> RuleEvaluation {
        var prepared = PreparedSubject(subject, slots: slots, limits: limits)
        var result = RuleResult(queue: subject.queue, priority: subject.priority, language: subject.language)
        var traces: [RuleTrace] = []
        traces.reserveCapacity(rules.count)
        var stoppedBy: String?
        for index in rules.indices {
            if let stoppedBy {
                traces.append(RuleTrace(name: rules[index].name, matched: false, conditions: [], skipped: stoppedBy))
                continue
            }
            var trace = rules[index].evaluate(on: &prepared, result: result)
            if trace.matched {
                let actions = rules[index].actions
                trace.changes = result.apply(actions)
                if actions.drop != nil {
                    stoppedBy = "rule '\(trace.name)' dropped the message"
                } else if actions.stop {
                    stoppedBy = "rule '\(trace.name)' stopped"
                }
            }
            traces.append(trace)
        }
        return RuleEvaluation(rules: traces, result: result)
    }
}
