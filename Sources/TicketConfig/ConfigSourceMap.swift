import Foundation

/// Finds the line and column of a key in TOML source text, for error messages.
///
/// TOMLKit reports positions for syntax errors only; for a wrong value this map points at the
/// line that set it. It understands `[table]` and `[[array]]` headers (entries numbered from 0,
/// `[array.sub]` belonging to the latest entry), quoted and spaced key parts (`[sla.queue."vip"]`),
/// dotted keys (`queue.vip.hours = …`), LF and CRLF line ends, and skips multi-line strings.
/// Inline tables inside an array value are numbered from 0 with their keys
/// (`rule[0].conditions[1].regex` for the second `{ … }` of `conditions = [ … ]`).
struct ConfigSourceMap {
    private var positions: [String: (line: Int, column: Int)] = [:]
    /// How many entries each `[[array]]` (by resolved path) has so far.
    private var arrayCounts: [String: Int] = [:]

    init(source: String) {
        var table = ""
        var inMultilineString = false
        var scanner: InlineTableScanner?
        let lines = source.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (offset, rawLine) in lines.enumerated() {
            let line = offset + 1
            if var open = scanner {
                open.scan(rawLine, line: line, from: rawLine.startIndex, into: &positions)
                scanner = open.isDone ? nil : open
                continue
            }
            let trimmed = rawLine.drop { $0 == " " || $0 == "\t" }
            let column = rawLine.count - trimmed.count + 1
            let startsInString = inMultilineString
            if Self.togglesMultilineString(rawLine) { inMultilineString.toggle() }
            if startsInString || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("[[") {
                let name = resolve(Self.keyPath(trimmed.dropFirst(2)))
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                table = "\(name)[\(index)]"
                record(table, line, column)
            } else if trimmed.hasPrefix("[") {
                table = resolve(Self.keyPath(trimmed.dropFirst()))
                record(table, line, column)
            } else if let equals = Self.unquotedIndex(of: "=", in: trimmed) {
                var path = table
                for part in Self.keyPath(trimmed[..<equals]) {
                    path = path.isEmpty ? part : "\(path).\(part)"
                    record(path, line, column)
                }
                let value = trimmed[trimmed.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
                if value.hasPrefix("[") {
                    var open = InlineTableScanner(path: path)
                    open.scan(rawLine, line: line, from: value.startIndex, into: &positions)
                    scanner = open.isDone ? nil : open
                }
            }
        }
    }

    /// The position of `path` (`daemon.timezone`, `mailbox[1].url`), else of the nearest
    /// enclosing table or key that is in the source (`sla.queue.vip`, `absence`), else 1:1.
    func position(of path: String) -> (line: Int, column: Int) {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let found = positions[String(candidate)] { return found }
            if candidate.hasSuffix("]"), let bracket = candidate.lastIndex(of: "[") {
                candidate = candidate[..<bracket]
            } else {
                candidate = candidate[..<(candidate.lastIndex(of: ".") ?? candidate.startIndex)]
            }
        }
        return (1, 1)
    }

    /// Keeps the first position seen for a path: a dotted key's tables start where first named.
    private mutating func record(_ path: String, _ line: Int, _ column: Int) {
        if positions[path] == nil { positions[path] = (line, column) }
    }

    /// `parts` as a path, each part that names an `[[array]]` followed by its latest entry's index.
    private func resolve(_ parts: [String]) -> String {
        var path = ""
        for (index, part) in parts.enumerated() {
            path = path.isEmpty ? part : "\(path).\(part)"
            if index < parts.count - 1, let count = arrayCounts[path] { path += "[\(count - 1)]" }
        }
        return path
    }

    /// The dotted key at the start of `text` (up to an unquoted `]` or the end), unquoted and trimmed.
    private static func keyPath(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else if character == "]" {
                break
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts
    }

    /// The first `target` in `text` outside a quoted string.
    private static func unquotedIndex(of target: Character, in text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == target {
                return index
            }
        }
        return nil
    }

    /// Whether `line` opens or closes a multi-line string (an odd number of `"""` or `'''`).
    private static func togglesMultilineString(_ line: Substring) -> Bool {
        let text = String(line)
        return (text.components(separatedBy: "\"\"\"").count - 1 + text.components(separatedBy: "'''").count - 1) % 2 == 1
    }
}

/// Follows one array value across lines (`conditions = [ { field = "subject", … }, … ]`) and
/// records where each inline table and each of its keys starts. Strings and comments are skipped.
private struct InlineTableScanner {
    let path: String
    private var brackets = 0
    private var braces = 0
    private var elements = 0
    private var quote: Character?
    private var expectingKey = false
    private var started = false

    init(path: String) {
        self.path = path
    }

    /// Whether the array's closing `]` was seen.
    var isDone: Bool { started && brackets == 0 }

    mutating func scan(_ line: Substring, line number: Int, from start: Substring.Index, into positions: inout [String: (line: Int, column: Int)]) {
        var index = start
        while index < line.endIndex, !isDone {
            let character = line[index]
            let column = line.distance(from: line.startIndex, to: index) + 1
            if let open = quote {
                if character == "\\" && open == "\"" {
                    index = line.index(after: index)
                } else if character == open {
                    quote = nil
                }
            } else {
                switch character {
                case "#": return
                case "\"", "'": quote = character
                case "[":
                    brackets += 1
                    started = true
                case "]": brackets -= 1
                case "{":
                    braces += 1
                    if braces == 1 && brackets == 1 {
                        positions["\(path)[\(elements)]"] = (number, column)
                        expectingKey = true
                    }
                case "}":
                    braces -= 1
                    if braces == 0 && brackets == 1 { elements += 1 }
                case ",": if braces == 1 { expectingKey = true }
                case "=": expectingKey = false
                default:
                    if expectingKey, braces == 1, character.isLetter || character.isNumber || character == "_" || character == "-" {
                        let key = line[index...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                        positions["\(path)[\(elements)].\(key)"] = (number, column)
                        expectingKey = false
                        index = key.endIndex
                        continue
                    }
                }
            }
            index = line.index(after: index)
        }
    }
}
