import Foundation

/// How ticket numbers appear in subjects: `[#123]` by default, `[ACME #123]` with a prefix.
///
/// Finding is lenient about what mail clients do to tags (`[ # 123 ]`, `[acme#123]`, a bare
/// `#123` right after a reply prefix) but only ever accepts ticketd's own prefix.
public struct TicketTagFormat: Sendable, Equatable {
    /// Text before `#` inside the brackets (empty for `[#123]`).
    public var prefix: String

    public init(prefix: String = "") {
        self.prefix = prefix.trimmingCharacters(in: .whitespaces)
    }

    /// The tag for ticket `number`.
    public func tag(for number: Int) -> String {
        prefix.isEmpty ? "[#\(number)]" : "[\(prefix) #\(number)]"
    }

    /// The ticket number of the first tag of ours in `subject`.
    public func number(in subject: String) -> Int? {
        let characters = Array(subject)
        var index = 0
        while index < characters.count {
            if characters[index] == "[", let number = bracketedNumber(in: characters, from: index + 1) {
                return number
            }
            index += 1
        }
        return prefix.isEmpty ? bareNumberAfterReplyPrefix(subject) : nil
    }

    /// Matches `PREFIX? # DIGITS ]` with any spaces, starting after a `[`.
    private func bracketedNumber(in characters: [Character], from start: Int) -> Int? {
        var index = start
        func skipSpaces() { while index < characters.count, characters[index] == " " { index += 1 } }
        skipSpaces()
        if !prefix.isEmpty {
            let wanted = Array(prefix.lowercased())
            guard index + wanted.count <= characters.count,
                Array(String(characters[index..<index + wanted.count]).lowercased()) == wanted
            else { return nil }
            index += wanted.count
            skipSpaces()
        }
        guard index < characters.count, characters[index] == "#" else { return nil }
        index += 1
        skipSpaces()
        var digits = ""
        while index < characters.count, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
            digits.append(String(digit))
            index += 1
        }
        skipSpaces()
        guard !digits.isEmpty, digits.count <= 9, index < characters.count, characters[index] == "]" else { return nil }
        return Int(digits)
    }

    /// `Re: #123 …`: clients that strip brackets keep the number right after the prefix.
    private func bareNumberAfterReplyPrefix(_ subject: String) -> Int? {
        let stripped = SubjectNormalizer.stripPrefixes(subject)
        guard stripped.count < subject.count, stripped.hasPrefix("#") else { return nil }
        let digits = stripped.dropFirst().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let after = stripped.dropFirst(1 + digits.count)
        guard after.isEmpty || after.first == " " || after.first == ":" else { return nil }
        return Int(digits)
    }

    /// `subject` with our tags taken out.
    public func removingTags(from subject: String) -> String {
        var result = subject
        while let number = number(in: result) {
            let candidates = [tag(for: number), "[ #\(number) ]", "[# \(number)]", "#\(number)"]
            guard let range = candidates.lazy.compactMap({ result.range(of: $0, options: .caseInsensitive) }).first else { break }
            result.removeSubrange(range)
        }
        return result
    }
}
