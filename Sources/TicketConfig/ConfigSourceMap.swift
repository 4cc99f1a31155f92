import Foundation

/// Finds the line and column of a key in TOML source text, for error messages.
///
/// TOMLKit reports positions for syntax errors only; for a wrong value this map points at the
/// line that set it. It understands `[table]`, `[[array]]` (numbered from 0), `key =` lines, and
/// inline tables inside an array value, numbered from 0 with their keys
/// (`rule[0].conditions[1].regex` for the second `{ … }` of `conditions = [ … ]`).
struct ConfigSourceMap {
    private var positions: [String: (line: Int, column: Int)] = [:]

    init(source: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        var scanner: InlineTableScanner?
        for (offset, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            if var open = scanner {
                open.scan(rawLine, line: line, from: rawLine.startIndex, into: &positions)
                scanner = open.isDone ? nil : open
                continue
            }
            let trimmed = rawLine.drop { $0 == " " || $0 == "\t" }
            let column = rawLine.count - trimmed.count + 1
            if trimmed.hasPrefix("[[") {
                let name = trimmed.dropFirst(2).prefix { $0 != "]" }.trimmingSpaces
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                table = "\(name)[\(index)]"
                positions[table] = (line, column)
            } else if trimmed.hasPrefix("[") {
                table = trimmed.dropFirst().prefix { $0 != "]" }.trimmingSpaces
                positions[table] = (line, column)
            } else if let equals = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") {
                let key = trimmed[..<equals].trimmingSpaces.replacingOccurrences(of: "\"", with: "")
                let path = table.isEmpty ? key : "\(table).\(key)"
                positions[path] = (line, column)
                let value = trimmed[trimmed.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
                if value.hasPrefix("[") {
                    var open = InlineTableScanner(path: path)
                    open.scan(rawLine, line: line, from: value.startIndex, into: &positions)
                    scanner = open.isDone ? nil : open
                }
            }
        }
    }

    /// The position of `path` (`daemon.timezone`, `mailbox[1].url`, `rule[0].conditions[2].regex`),
    /// else of the nearest enclosing key or table that has one, else 1:1.
    func position(of path: String) -> (line: Int, column: Int) {
        var path = Substring(path)
        while !path.isEmpty {
            if let exact = positions[String(path)] { return exact }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return (1, 1)
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

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
