/// A `RuleSubject` during one evaluation: each field's values normalised or folded at most once,
/// the body cut to `RuleLimits.bodyBytes`. Fields rules can set are read from the current result.
struct PreparedSubject {
    private let subject: RuleSubject
    private let body: String
    private var normalizedCache: [[String]?]
    private var foldedCache: [[[UInt8]]?]

    /// Prepares `subject` for conditions that use `slots` cache slots (see `slot(of:)`).
    init(_ subject: RuleSubject, slots: Int, limits: RuleLimits) {
        self.subject = subject
        self.body = Self.prefix(subject.body, bytes: limits.bodyBytes)
        normalizedCache = Array(repeating: nil, count: slots)
        foldedCache = Array(repeating: nil, count: slots)
    }

    /// Slots 0 ..< this are fields in `RuleField.allCases` order; headers follow.
    static let fieldSlots = RuleField.allCases.count

    /// The slot of a field.
    static func slot(of field: RuleField) -> Int {
        RuleField.allCases.firstIndex(of: field) ?? 0
    }

    mutating func normalizedValues(of target: RuleTarget, slot: Int, result: RuleResult) -> [String] {
        if case .field(let field) = target, field.isSetByRules {
            return Self.values(of: field, in: result).map(TextFolding.normalized)
        }
        if let cached = normalizedCache[slot] { return cached }
        let values = rawValues(of: target).map(TextFolding.normalized)
        normalizedCache[slot] = values
        return values
    }

    mutating func foldedValues(of target: RuleTarget, slot: Int, result: RuleResult) -> [[UInt8]] {
        if case .field(let field) = target, field.isSetByRules {
            return Self.values(of: field, in: result).map(TextFolding.folded)
        }
        if let cached = foldedCache[slot] { return cached }
        let values = rawValues(of: target).map(TextFolding.folded)
        foldedCache[slot] = values
        return values
    }

    private func rawValues(of target: RuleTarget) -> [String] {
        switch target {
        case .header(let name): subject.headers[name.lowercased()] ?? []
        case .field(let field):
            switch field {
            case .from: subject.from
            case .to: subject.to
            case .cc: subject.cc
            case .subject: [subject.subject]
            case .body: [body]
            case .mailbox: [subject.mailbox]
            case .organisation: subject.organisation.map { [$0] } ?? []
            case .attachment: subject.attachments
            case .channel: [subject.channel]
            case .language, .queue, .priority, .requestType: []
            }
        }
    }

    private static func values(of field: RuleField, in result: RuleResult) -> [String] {
        switch field {
        case .language: result.language.map { [$0] } ?? []
        case .queue: [result.queue]
        case .priority: [result.priority.rawValue]
        case .requestType: result.requestType.map { [$0] } ?? []
        default: []
        }
    }

    /// The first `bytes` UTF-8 bytes of `text`, cut back to a character boundary.
    private static func prefix(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        let utf8 = Array(text.utf8.prefix(bytes + 1))
        var end = bytes
        while end > 0, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }
}
