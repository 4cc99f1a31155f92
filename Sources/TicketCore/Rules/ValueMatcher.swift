#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One operator with its value, compiled: tests the values of a field, true when any value matches.
enum ValueMatcher: Sendable {
    /// Folded equality.
    case equals([UInt8])
    /// Folded substring.
    case contains([UInt8])
    case glob(GlobPattern)
    /// Searched in NFC text.
    case regex(RegexPattern)

    /// Whether the matcher needs NFC text (`regex`) rather than folded bytes.
    var wantsNormalizedText: Bool {
        if case .regex = self { true } else { false }
    }

    /// Tests folded values (`equals`, `contains`, `glob`).
    func matches(folded values: [[UInt8]]) -> Bool {
        switch self {
        case .equals(let expected): values.contains(expected)
        case .contains(let needle): values.contains { Self.contains(needle, in: $0) }
        case .glob(let pattern): values.contains { pattern.matches($0) }
        case .regex: false
        }
    }

    /// Tests NFC values with the regex; stops at the first failure.
    func matches(normalized values: [String]) -> RegexPattern.Outcome {
        guard case .regex(let pattern) = self else { return .notMatched }
        for value in values {
            let outcome = pattern.firstMatch(in: value)
            if outcome != .notMatched { return outcome }
        }
        return .notMatched
    }

    /// Substring search: `memchr` to the next candidate first byte, `memcmp` to confirm.
    private static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        if needle.count > haystack.count { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let start = hay.baseAddress, let pattern = pin.baseAddress else { return false }
                let last = hay.count - pin.count
                var offset = 0
                while offset <= last {
                    guard let found = memchr(start + offset, Int32(pattern.pointee), last - offset + 1) else { return false }
                    let candidate = start.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(start + candidate, pattern, pin.count) == 0 { return true }
                    offset = candidate + 1
                }
                return false
            }
        }
    }
}

/// A condition ready to run: where to look, how to compare, negated or not, and how the trace says it.
struct CompiledCondition: Sendable {
    let target: RuleTarget
    /// Where `PreparedSubject` caches this target's values.
    let slot: Int
    let matcher: ValueMatcher
    let negated: Bool
    /// E.g. `subject contains 'számla'`.
    let detail: String

    /// Judges the condition on `subject`, with `result` as the fields set so far.
    func evaluate(on subject: inout PreparedSubject, result: RuleResult) -> ConditionTrace {
        let found: Bool
        if matcher.wantsNormalizedText {
            switch matcher.matches(normalized: subject.normalizedValues(of: target, slot: slot, result: result)) {
            case .matched: found = true
            case .notMatched: found = false
            case .failed(let reason): return ConditionTrace(matched: false, detail: detail, error: reason)
            }
        } else {
            found = matcher.matches(folded: subject.foldedValues(of: target, slot: slot, result: result))
        }
        return ConditionTrace(matched: found != negated, detail: detail)
    }
}
