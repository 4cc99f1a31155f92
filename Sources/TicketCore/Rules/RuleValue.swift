/// A rule as written in the config, before it is compiled: TOML values without TOML.
///
/// The config loader turns each `[[rule]]` table into a `RuleValue.table`; `RuleSet` alone knows
/// which keys, fields, operators and actions exist, so its errors name what is wrong.
public indirect enum RuleValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case array([RuleValue])
    case table([String: RuleValue])
    /// Any other TOML value (a float, a date); `kind` names it in messages.
    case other(kind: String)

    /// What kind of value this is, for "must be a string, not an array" messages.
    public var kind: String {
        switch self {
        case .string: "a string"
        case .bool: "true or false"
        case .integer: "an integer"
        case .array: "an array"
        case .table: "a table"
        case .other(let kind): kind
        }
    }
}

extension RuleValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(arrayLiteral elements: RuleValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, RuleValue)...) {
        self = .table(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
