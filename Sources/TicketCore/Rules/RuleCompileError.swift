/// Why one `[[rule]]` cannot be used, with where: the rule's index in file order and the key path
/// inside it (`conditions[1].regex`), so the config loader can point at `FILE:LINE:COL`.
public struct RuleCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        /// PCRE2 rejected the pattern: its own message and the byte offset in the pattern.
        case invalidRegex(pattern: String, message: String, offset: Int)
        case unknownField(String)
        /// A condition key that is neither `field`, `header`, `not` nor an operator.
        case unknownOperator(String)
        /// A `[[rule]]` key that is neither `name`, `match`, `conditions` nor an action.
        case unknownAction(String)
        /// A key whose value has the wrong type or is not one of the allowed words.
        case invalidValue(key: String, expected: String)
        case missingKey(String)
        /// Keys that exclude each other (`field` and `header`, two operators, `assign` and `assign_skill`).
        case conflictingKeys([String])
        /// The conditions contradict each other; the reason says how.
        case neverMatches(String)
        /// The name is already used by the rule at `firstIndex`.
        case duplicateName(String, firstIndex: Int)
    }

    /// The rule's position among the `[[rule]]` tables, from 0.
    public var ruleIndex: Int
    /// The rule's name, when it has a usable one.
    public var ruleName: String?
    /// The key inside the rule, e.g. `conditions[2].regex`; empty for the rule as a whole.
    public var keyPath: String
    public var kind: Kind

    public init(ruleIndex: Int, ruleName: String?, keyPath: String, kind: Kind) {
        self.ruleIndex = ruleIndex
        self.ruleName = ruleName
        self.keyPath = keyPath
        self.kind = kind
    }

    /// The problem and what to do, e.g. `rule 'Invoices': invalid regex '(a': missing closing parenthesis at offset 2`.
    public var message: String {
        let rule = ruleName.map { "rule '\($0)'" } ?? "rule #\(ruleIndex + 1)"
        return "\(rule): \(reason)"
    }

    public var description: String { message }

    private var reason: String {
        switch kind {
        case .invalidRegex(let pattern, let message, let offset):
            "invalid regex '\(pattern)': \(message) at offset \(offset)"
        case .unknownField(let name):
            "unknown field '\(name)': use one of \(RuleField.allCases.map(\.rawValue).joined(separator: ", ")), or header = \"NAME\""
        case .unknownOperator(let key):
            "unknown key '\(key)' in a condition: a condition has field or header, one operator of "
                + "\(RuleOperator.allCases.map(\.rawValue).joined(separator: ", ")), and optionally not = true"
        case .unknownAction(let key):
            "unknown key '\(key)': a rule has name, match, conditions and the actions \(RuleActions.keys.joined(separator: ", "))"
        case .invalidValue(let key, let expected):
            "'\(key)' must be \(expected)"
        case .missingKey(let key):
            "missing '\(key)'"
        case .conflictingKeys(let keys):
            "use only one of \(keys.map { "'\($0)'" }.joined(separator: " and "))"
        case .neverMatches(let reason):
            "can never match: \(reason)"
        case .duplicateName(let name, let firstIndex):
            "the name '\(name)' is already used by rule #\(firstIndex + 1); rule names must be unique"
        }
    }
}

/// Every reason a list of rules did not compile, in file order.
public struct RuleCompileFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [RuleCompileError]

    public init(errors: [RuleCompileError]) {
        self.errors = errors
    }

    public var description: String { errors.map(\.message).joined(separator: "\n") }
}
