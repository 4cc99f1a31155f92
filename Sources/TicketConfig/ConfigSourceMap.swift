import Foundation

/// Finds the line and column of a key in TOML source text, for error messages.
///
/// TOMLKit reports positions for syntax errors only; for a wrong value this map points at the
/// line that set it. It understands `[table]`, `[[array]]` (numbered from 0) and `key =` lines.
struct ConfigSourceMap {
    private var positions: [String: (line: Int, column: Int)] = [:]

    init(source: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        for (offset, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
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
                positions[table.isEmpty ? key : "\(table).\(key)"] = (line, column)
            }
        }
    }

    /// The position of `path` (`daemon.timezone`, `mailbox[1].url`), else of its table, else 1:1.
    func position(of path: String) -> (line: Int, column: Int) {
        if let exact = positions[path] { return exact }
        if let dot = path.lastIndex(of: "."), let table = positions[String(path[..<dot])] { return table }
        return (1, 1)
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
