/// What happened to one rule for one message: `rules test` prints it, the ticket's `rule` event records it.
public struct RuleTrace: Sendable, Equatable, Encodable {
    public var name: String
    /// Whether the rule fired (its actions were applied).
    public var matched: Bool
    /// Each condition in order; empty when the rule was skipped.
    public var conditions: [ConditionTrace]
    /// What the rule set, as `key = value`, when it fired.
    public var changes: [String]
    /// Why a condition could not be judged (a regex limit hit); the rule then counts as not matched
    /// and the caller records a rule error event.
    public var error: String?
    /// Why the rule was not evaluated (an earlier rule stopped or dropped).
    public var skipped: String?

    public init(
        name: String, matched: Bool, conditions: [ConditionTrace], changes: [String] = [], error: String? = nil, skipped: String? = nil
    ) {
        self.name = name
        self.matched = matched
        self.conditions = conditions
        self.changes = changes
        self.error = error
        self.skipped = skipped
    }
}

/// One condition's verdict, e.g. `matched: true, detail: "subject contains 'számla'"`.
public struct ConditionTrace: Sendable, Equatable, Encodable {
    public var matched: Bool
    /// The condition in words: target, operator (negated), value.
    public var detail: String
    /// Set when the condition could not be judged; `matched` is then false.
    public var error: String?

    public init(matched: Bool, detail: String, error: String? = nil) {
        self.matched = matched
        self.detail = detail
        self.error = error
    }
}

/// Every rule's trace in file order and the resulting ticket fields: `rules test --json` prints it as is.
public struct RuleEvaluation: Sendable, Equatable, Encodable {
    public var rules: [RuleTrace]
    public var result: RuleResult

    public init(rules: [RuleTrace], result: RuleResult) {
        self.rules = rules
        self.result = result
    }

    /// The names of the rules that fired, in order (`tickets show --json` `"rules"`).
    public var fired: [String] { rules.filter(\.matched).map(\.name) }

    /// The rules whose evaluation failed (record each as a rule error event).
    public var errors: [RuleTrace] { rules.filter { $0.error != nil } }
}
