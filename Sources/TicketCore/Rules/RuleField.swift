/// What a condition looks at: one of the message's fields, or a header by name.
public enum RuleTarget: Sendable, Hashable, CustomStringConvertible {
    case field(RuleField)
    /// A header, any occurrence; the name is compared case-insensitively.
    case header(String)

    /// As the trace names it: `subject`, `header X-Priority`.
    public var description: String {
        switch self {
        case .field(let field): field.rawValue
        case .header(let name): "header \(name)"
        }
    }
}

/// The fields a condition may name with `field = "…"`.
public enum RuleField: String, Sendable, CaseIterable {
    /// Sender addresses and display names.
    case from
    /// Recipient addresses and display names.
    case to
    /// Copy recipient addresses and display names.
    case cc
    case subject
    /// The new text of the message, without quoted history, cut at `RuleLimits.bodyBytes`.
    case body
    /// The configured mailbox it arrived through.
    case mailbox
    /// The ticket language: detected, or as set by an earlier rule.
    case language
    /// The customer's organisation from `[organisations]`.
    case organisation
    /// Attachment file names.
    case attachment
    /// `email`, `phone`, …
    case channel
    /// The queue: the mailbox's, or as set by an earlier rule.
    case queue
    /// The priority: `normal`, or as set by an earlier rule.
    case priority
    /// The request type set by an earlier rule.
    case requestType = "request_type"

    /// Whether a message has at most one value of this field, so two different `is` values exclude each other.
    var isSingleValued: Bool {
        switch self {
        case .from, .to, .cc, .attachment: false
        default: true
        }
    }

    /// Whether earlier rules can change the value, so it is read afresh for every rule.
    var isSetByRules: Bool {
        switch self {
        case .language, .queue, .priority, .requestType: true
        default: false
        }
    }
}

/// How a condition compares: `is`, `contains` and `matches` ignore case and Unicode normalisation;
/// `regex` sees NFC-normalised text and is case-sensitive unless the pattern says `(?i)`.
public enum RuleOperator: String, Sendable, CaseIterable {
    case `is`
    case contains
    /// A glob: `*` any run of characters, `?` one character, `\` escapes; the whole value must match.
    case matches
    /// A PCRE2 regular expression, found anywhere in the value unless anchored.
    case regex

    /// The verb in trace details, e.g. "does not contain".
    func verb(negated: Bool) -> String {
        switch (self, negated) {
        case (.is, false): "is"
        case (.is, true): "is not"
        case (.contains, false): "contains"
        case (.contains, true): "does not contain"
        case (.matches, false): "matches"
        case (.matches, true): "does not match"
        case (.regex, false): "matches regex"
        case (.regex, true): "does not match regex"
        }
    }
}
