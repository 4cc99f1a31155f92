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

    /// Bytes from `"512KB"`, `"25MB"`, `"1GB"` (binary multiples) or a plain integer, at most 1 TiB.
    mutating func byteSize(_ table: TOMLTable?, _ prefix: String, _ key: String, default fallback: Int) -> Int {
        guard let value = table?[key] else { return fallback }
        if let bytes = value.int, bytes >= 0, bytes <= 1 << 40 { return bytes }
        let units: [String: Int] = ["KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30]
        if let text = value.string?.uppercased().replacingOccurrences(of: " ", with: ""), text.count > 2,
            let factor = units[String(text.suffix(2))], let number = Int(text.dropLast(2)), number >= 0, number <= (1 << 40) / factor
        {
            return number * factor
        }
        error("\(prefix).\(key)", "'\(key)' must be a size such as \"512KB\", \"25MB\" or \"1GB\", or a number of bytes, at most 1024GB")
        return fallback
    }

    /// The longest interval and SLA duration accepted: one year. Longer ones make no sense for a
    /// help desk and would put promises and timers beyond what dates and the store can hold.
    static let maximumIntervalSeconds = 366 * 86_400

    /// Seconds from `"90s"`, `"5m"`, `"2h"`, `"1d"` or a plain integer, within 0 s … 366 d.
    mutating func interval(_ table: TOMLTable?, _ prefix: String, _ key: String, default fallback: Int) -> Int {
        guard let value = table?[key] else { return fallback }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        var seconds: Int?
        if let plain = value.int {
            seconds = plain
        } else if let text = value.string, let unit = text.last, let factor = units[unit], let number = Int(text.dropLast()), number >= 0 {
            let (product, overflow) = number.multipliedReportingOverflow(by: factor)
            seconds = overflow ? Int.max : product
        } else if value.string != nil, let digits = value.string?.dropLast(), !digits.isEmpty, digits.allSatisfy { $0.isASCII && $0.isNumber } {
            seconds = Int.max
        }
        guard let seconds else {
            error("\(prefix).\(key)", "'\(key)' must be a duration such as \"60s\", \"5m\", \"2h\" or \"1d\"")
            return fallback
        }
        guard (0...Self.maximumIntervalSeconds).contains(seconds) else {
            error("\(prefix).\(key)", "'\(key)' must be between 0s and 366d")
            return fallback
        }
        return seconds
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
        let duration: BusinessDuration
        do {
            duration = try BusinessDuration(parsing: text)
        } catch {
            self.error("\(prefix).\(key)", "\(error)")
            return nil
        }
        let year = 366
        guard duration.calendarDays <= year, duration.businessDays <= year, duration.businessMinutes <= year * 24 * 60,
            duration.seconds <= Self.maximumIntervalSeconds, duration.calendarDays + duration.businessDays <= year
        else {
            self.error("\(prefix).\(key)", "'\(key)' = \"\(text)\" is too long: at most 366 days (366d, 366bd, 8784h)")
            return nil
        }
        return duration
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
