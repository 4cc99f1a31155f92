import Foundation

/// Reads the commands a staff member writes in the first lines of a mail's new text:
///
/// ```
/// #assign me
/// #priority high
///
/// Dear Ms Kovács, …
/// ```
///
/// Lines may end in LF or CRLF (the remaining text is joined with LF). Leading blank lines are skipped; then every line that starts with `#` and a letter is a command
/// line, blank lines between them included, until the first other line. Names and keyword
/// arguments ignore case (`#Close`, `#PRIORITY High`, `#assign ME`). A line like `#1 priority` or
/// `# Heading` is text, not a command. Pure syntax: whether an address is staff or a queue exists
/// is ``StaffCommandValidator``'s job.
public enum StaffCommandParser {
    /// The commands at the top of `text`, per-line errors, and `text` without the command lines.
    public static func parse(_ text: String) -> StaffCommandBlock {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var commands: [StaffCommandBlock.Entry] = []
        var errors: [StaffCommandError] = []
        var index = 0
        while index < lines.count {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                index += 1
                continue
            }
            guard isCommandLine(trimmed) else { break }
            switch command(in: trimmed) {
            case let .success(command): commands.append(.init(line: index + 1, text: trimmed, command: command))
            case let .failure(problem): errors.append(StaffCommandError(line: index + 1, text: trimmed, problem: problem))
            }
            index += 1
        }
        guard !commands.isEmpty || !errors.isEmpty else {
            return StaffCommandBlock(commands: [], errors: [], remainingText: text)
        }
        let remaining = lines[index...].joined(separator: "\n")
        return StaffCommandBlock(commands: commands, errors: errors, remainingText: remaining)
    }

    /// `#` and an ASCII letter.
    static func isCommandLine(_ trimmed: String) -> Bool {
        guard trimmed.first == "#", let second = trimmed.dropFirst().first else { return false }
        return second.isASCII && second.isLetter
    }

    /// Parses one trimmed command line.
    static func command(in line: String) -> Result<StaffCommand, StaffCommandError.Problem> {
        var words = line.dropFirst().split(whereSeparator: \.isWhitespace).map(String.init)
        var name = words.removeFirst().lowercased()
        if name.hasSuffix(":") { name.removeLast() }
        let arguments = words
        switch name {
        case "close": return noArgument(.close, name, arguments)
        case "resolve": return noArgument(.resolve, name, arguments)
        case "wait": return noArgument(.wait, name, arguments)
        case "reopen": return noArgument(.reopen, name, arguments)
        // `#note asking billing first`: the rest of the line is part of the internal note.
        case "note": return .success(.note)
        case "assign":
            return oneArgument(name, arguments, expected: "an address or 'me'") { argument in
                if argument.lowercased() == "me" { return .assign(.me) }
                return address(argument).map { .assign(.address($0)) }
            }
        case "priority":
            return oneArgument(name, arguments, expected: "low, normal, high or urgent") { argument in
                TicketPriority(rawValue: argument.lowercased()).map { .priority($0) }
            }
        case "queue":
            return oneArgument(name, arguments, expected: "a queue name") { argument in
                isName(argument) ? .queue(argument.lowercased()) : nil
            }
        case "time":
            guard !arguments.isEmpty else { return .failure(.missingArgument(command: name, expected: "a duration such as 30m, 1h30m or 1.5h")) }
            let joined = arguments.joined()
            guard let minutes = minutes(in: joined) else {
                return .failure(.badArgument(command: name, argument: arguments.joined(separator: " "),
                                             expected: "a duration of up to 24h such as 30m, 1h30m or 1.5h"))
            }
            return .success(.time(minutes: minutes))
        case "step":
            return oneArgument(name, arguments, expected: "a step name or 'next'") { argument in
                if argument.lowercased() == "next" { return .step(.next) }
                return isName(argument) ? .step(.named(argument.lowercased())) : nil
            }
        case "kb":
            return oneArgument(name, arguments, expected: "an article slug such as reset-password") { argument in
                isName(argument) ? .knowledgeBase(slug: argument.lowercased()) : nil
            }
        default:
            return .failure(.unknownCommand(name))
        }
    }

    /// Whole minutes in a work duration: `30m`, `1h30m`, `1.5h`, `45min`, `2h`; more than 0 and at
    /// most 24 hours. Hours come before minutes, each at most once.
    public static func minutes(in text: String) -> Int? {
        let lowered = text.lowercased()
        var rest = Substring(lowered)
        var total = 0.0
        var units: [String] = []
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
            rest = rest.dropFirst(number.count)
            let unitText = rest.drop { $0 == " " }.prefix { $0.isLetter }
            rest = rest.drop { $0 == " " }.dropFirst(unitText.count)
            guard let value = Double(number.replacingOccurrences(of: ",", with: ".")), value.isFinite,
                let first = number.first, first.isNumber, let last = number.last, last.isNumber
            else { return nil }
            let unit: String
            switch unitText {
            case "h", "hr", "hrs", "hour", "hours", "ó", "óra", "godz": unit = "h"
            case "m", "min", "mins", "minute", "minutes", "p", "perc": unit = "m"
            default: return nil
            }
            guard !units.contains(unit), units.last != "m" else { return nil }
            units.append(unit)
            total += unit == "h" ? value * 60 : value
        }
        let rounded = total.rounded()
        guard rounded >= 1, rounded <= 24 * 60 else { return nil }
        return Int(rounded)
    }

    private static func noArgument(
        _ command: StaffCommand, _ name: String, _ arguments: [String]
    ) -> Result<StaffCommand, StaffCommandError.Problem> {
        arguments.isEmpty ? .success(command) : .failure(.unexpectedArgument(command: name))
    }

    private static func oneArgument(
        _ name: String, _ arguments: [String], expected: String, _ read: (String) -> StaffCommand?
    ) -> Result<StaffCommand, StaffCommandError.Problem> {
        guard let argument = arguments.first else { return .failure(.missingArgument(command: name, expected: expected)) }
        guard arguments.count == 1, let command = read(argument) else {
            return .failure(.badArgument(command: name, argument: arguments.joined(separator: " "), expected: expected))
        }
        return .success(command)
    }

    /// An address argument, `<…>` and `mailto:` tolerated: one `@` with something on both sides.
    private static func address(_ argument: String) -> String? {
        var text = Substring(argument)
        if text.hasPrefix("<"), text.hasSuffix(">") { text = text.dropFirst().dropLast() }
        if text.lowercased().hasPrefix("mailto:") { text = text.dropFirst(7) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return nil }
        return text.lowercased()
    }

    /// Letters, digits, `-`, `_` and `.`, starting with a letter or digit.
    private static func isName(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first.isNumber, text.count <= 64 else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
    }
}
