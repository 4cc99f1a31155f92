/// A compiled glob over folded UTF-8: `*` is any run of characters, `?` one character, `\` makes
/// the next character literal; the whole value must match.
///
/// Matching walks the value once per star at worst (the classic wildcard algorithm: on a mismatch
/// only the last star backtracks), so no pattern can make it slow.
struct GlobPattern: Sendable {
    private enum Token: Sendable, Equatable {
        case byte(UInt8)
        case anyCharacter
        case star
    }

    private let tokens: [Token]

    /// Compiles a folded glob.
    init(folded pattern: [UInt8]) {
        var tokens: [Token] = []
        var escaped = false
        for byte in pattern {
            switch (escaped, byte) {
            case (false, UInt8(ascii: "\\")): escaped = true
            case (false, UInt8(ascii: "*")): if tokens.last != .star { tokens.append(.star) }
            case (false, UInt8(ascii: "?")): tokens.append(.anyCharacter)
            default:
                tokens.append(.byte(byte))
                escaped = false
            }
        }
        if escaped { tokens.append(.byte(UInt8(ascii: "\\"))) }
        self.tokens = tokens
    }

    /// Whether all of `value` (folded UTF-8) matches.
    func matches(_ value: [UInt8]) -> Bool {
        var index = 0
        var token = 0
        var starToken = -1
        var starIndex = 0
        while index < value.count {
            if token < tokens.count, case .byte(let byte) = tokens[token], value[index] == byte {
                index += 1
                token += 1
            } else if token < tokens.count, tokens[token] == .anyCharacter {
                index = Self.nextCharacter(after: index, in: value)
                token += 1
            } else if token < tokens.count, tokens[token] == .star {
                starToken = token
                starIndex = index
                token += 1
            } else if starToken >= 0 {
                starIndex = Self.nextCharacter(after: starIndex, in: value)
                index = starIndex
                token = starToken + 1
            } else {
                return false
            }
        }
        while token < tokens.count, tokens[token] == .star { token += 1 }
        return token == tokens.count
    }

    /// The index of the scalar after the one starting at `index` (UTF-8 continuation bytes skipped).
    private static func nextCharacter(after index: Int, in value: [UInt8]) -> Int {
        var next = index + 1
        while next < value.count, value[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }
}
