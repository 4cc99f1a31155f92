#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled glob over folded UTF-8: `*` is any run of characters, `?` one character, `\` makes
/// the next character literal; the whole value must match.
///
/// The pattern is cut at its stars into segments. The first segment must match at the start and
/// the last at the end; each one between is found at its leftmost place after the previous one
/// (`memchr` to candidates when it has no `?`). That is exact for globs, and linear in the value
/// for each segment, so no pattern can make matching slow.
struct GlobPattern: Sendable {
    private enum Piece: Sendable, Equatable {
        case byte(UInt8)
        case anyCharacter
    }

    /// The pieces between stars; `segments.count - 1` stars.
    private let segments: [[Piece]]

    /// Compiles a folded glob.
    init(folded pattern: [UInt8]) {
        var segments: [[Piece]] = [[]]
        var escaped = false
        for byte in pattern {
            switch (escaped, byte) {
            case (false, UInt8(ascii: "\\")): escaped = true
            case (false, UInt8(ascii: "*")): if !(segments.last?.isEmpty ?? false) || segments.count == 1 { segments.append([]) }
            case (false, UInt8(ascii: "?")): segments[segments.count - 1].append(.anyCharacter)
            default:
                segments[segments.count - 1].append(.byte(byte))
                escaped = false
            }
        }
        if escaped { segments[segments.count - 1].append(.byte(UInt8(ascii: "\\"))) }
        self.segments = segments
    }

    /// Whether all of `value` (folded UTF-8) matches.
    func matches(_ value: [UInt8]) -> Bool {
        value.withUnsafeBufferPointer { value in
            guard let first = segments.first, let last = segments.last else { return value.isEmpty }
            guard let afterFirst = Self.match(first, in: value, at: 0) else { return false }
            if segments.count == 1 { return afterFirst == value.count }
            var position = afterFirst
            for segment in segments.dropFirst().dropLast() {
                guard let end = Self.find(segment, in: value, from: position) else { return false }
                position = end
            }
            return Self.matchesSuffix(last, of: value, from: position)
        }
    }

    /// Where `segment` ends when it matches at `start`, nil when it does not.
    private static func match(_ segment: [Piece], in value: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var index = start
        for piece in segment {
            guard index < value.count else { return nil }
            switch piece {
            case .byte(let byte):
                guard value[index] == byte else { return nil }
                index += 1
            case .anyCharacter:
                index = nextCharacter(after: index, in: value)
            }
        }
        return index
    }

    /// The end of the leftmost match of `segment` starting at or after `start`.
    private static func find(_ segment: [Piece], in value: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard case .byte(let lead) = segment.first, let base = value.baseAddress else {
            var candidate = start
            while candidate <= value.count {
                if let end = match(segment, in: value, at: candidate) { return end }
                guard candidate < value.count else { return nil }
                candidate = nextCharacter(after: candidate, in: value)
            }
            return nil
        }
        var candidate = start
        while candidate < value.count {
            guard let found = memchr(base + candidate, Int32(lead), value.count - candidate) else { return nil }
            let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if let end = match(segment, in: value, at: offset) { return end }
            candidate = offset + 1
        }
        return nil
    }

    /// Whether `segment` matches a suffix of `value` that starts at or after `start`.
    private static func matchesSuffix(_ segment: [Piece], of value: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        if !segment.contains(.anyCharacter) {
            let begin = value.count - segment.count
            return begin >= start && match(segment, in: value, at: begin) == value.count
        }
        var candidate = start
        while candidate <= value.count {
            if match(segment, in: value, at: candidate) == value.count { return true }
            guard candidate < value.count else { return false }
            candidate = nextCharacter(after: candidate, in: value)
        }
        return false
    }

    /// The index of the scalar after the one starting at `index` (UTF-8 continuation bytes skipped).
    private static func nextCharacter(after index: Int, in value: UnsafeBufferPointer<UInt8>) -> Int {
        var next = index + 1
        while next < value.count, value[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}
