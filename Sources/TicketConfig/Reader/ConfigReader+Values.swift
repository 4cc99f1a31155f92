import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// Typed access to TOML values: every problem becomes an issue at the key's position.
extension ConfigReader {
    // MARK: - Typed access

    func table(_ root: TOMLTable, _ key: String) -> TOMLTable? { root[key]?.table }

    mutating func string(_ table: TOMLTable?, _ prefix: String, _ key: String) -> String? {
        guard let value = table?[key] else { return nil }
        guard let string = value.string else {
            error("\(prefix).\(key)", "'\(key)' must be a string")
            return nil
        }
        return string
    }

    mutating func required(_ table: TOMLTable, _ prefix: String, _ key: String) -> String? {
        guard table[key] != nil else {
            error(prefix, "missing required key '\(key)' in \(prefix)")
            return nil
        }
        return string(table, prefix, key)
    }

    mutating func bool(_ table: TOMLTable?, _ prefix: String, _ key: String, default fallback: Bool) -> Bool {
        guard let value = table?[key] else { return fallback }
        guard let flag = value.bool else {
            error("\(prefix).\(key)", "'\(key)' must be true or false")
            return fallback
        }
        return flag
    }

    mutating func stringArray(_ table: TOMLTable?, _ prefix: String, _ key: String) -> [String] {
        guard let value = table?[key] else { return [] }
        guard let array = value.array, array.allSatisfy({ $0.string != nil }) else {
            error("\(prefix).\(key)", "'\(key)' must be an array of strings")
            return []
        }
        return array.compactMap(\.string)
    }

    /// Bytes from `"512KB"`, `"25MB"`, `"1GB"` (binary multiples) or a plain integer.
    mutating func byteSize(_ table: TOMLTable?, _ prefix: String, _ key: String, default fallback: Int) -> Int {
        guard let value = table?[key] else { return fallback }
        if let bytes = value.int, bytes >= 0 { return bytes }
        let units: [String: Int] = ["KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30]
        if let text = value.string?.uppercased().replacingOccurrences(of: " ", with: ""), text.count > 2,
            let factor = units[String(text.suffix(2))], let number = Int(text.dropLast(2)), number >= 0, number < 1 << 20
        {
            return number * factor
        }
        error("\(prefix).\(key)", "'\(key)' must be a size such as \"512KB\", \"25MB\" or \"1GB\", or a number of bytes")
        return fallback
    }

    /// Seconds from `"90s"`, `"5m"`, `"2h"`, `"1d"` or a plain integer.
    mutating func interval(_ table: TOMLTable?, _ prefix: String, _ key: String, default fallback: Int) -> Int {
        guard let value = table?[key] else { return fallback }
        if let seconds = value.int { return seconds }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let text = value.string, let unit = text.last, let factor = units[unit], let number = Int(text.dropLast()), number >= 0 {
            return number * factor
        }
        error("\(prefix).\(key)", "'\(key)' must be a duration such as \"60s\", \"5m\", \"2h\" or \"1d\"")
        return fallback
    }

    mutating func warnUnknown(_ table: TOMLTable?, prefix: String, known: Set<String>) {
        guard let table else { return }
        for key in table.keys where !known.contains(key) {
            warn(prefix.isEmpty ? key : "\(prefix).\(key)", "unknown key '\(key)'\(prefix.isEmpty ? "" : " in [\(prefix)]") is ignored")
        }
    }

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") || baseDirectory.isEmpty ? path : (baseDirectory as NSString).appendingPathComponent(path)
    }

    mutating func businessDuration(_ table: TOMLTable?, _ prefix: String, _ key: String) -> BusinessDuration? {
        guard let text = string(table, prefix, key) else { return nil }
        do {
            return try BusinessDuration(parsing: text)
        } catch {
            self.error("\(prefix).\(key)", "\(error)")
            return nil
        }
    }

    mutating func dates(_ table: TOMLTable?, _ prefix: String, _ key: String) -> [LocalDate] {
        stringArray(table, prefix, key).compactMap { text in
            do {
                return try LocalDate(parsing: text)
            } catch {
                self.error("\(prefix).\(key)", "\(error)")
                return nil
            }
        }
    }
}
