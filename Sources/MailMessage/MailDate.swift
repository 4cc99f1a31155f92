import Foundation

/// Parses and formats RFC 5322 dates, tolerating obsolete and common broken forms.
enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "edt": -240, "est": -300, "cdt": -300, "cst": -360, "mdt": -360,
        "mst": -420, "pdt": -420, "pst": -480, "cet": 60, "cest": 120, "met": 60, "mest": 120, "eet": 120,
        "eest": 180, "wet": 0, "west": 60, "bst": 60,
    ]

    /// Parses `day month year time zone` (with optional weekday), asctime, and `yyyy-mm-dd` forms.
    static func parse(_ value: String?) -> Date? {
        guard let value, value.utf8.count < 200 else { return nil }
        var text = ""
        var depth = 0
        for character in value.lowercased() {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); text.append(" "); continue }
            if depth == 0 { text.append(character) }
        }
        // Character searches (`"t" as Character`): the String overloads go through Foundation's NSString search.
        var tokens: [Substring] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
            let pieces = word.contains("t" as Character) && word.contains(":" as Character) && word.first?.isNumber == true
                ? word.split(separator: "t") : [word]
            for raw in pieces {
                if raw.contains("-" as Character), !raw.hasPrefix("-"), raw.contains(where: { $0.isNumber }),
                   !raw.contains(":" as Character) {
                    tokens.append(contentsOf: raw.split(separator: "-"))
                } else {
                    tokens.append(raw)
                }
            }
        }
        var month: Int?
        var numbers: [Substring] = []
        var time: (Int, Int, Int)?
        var offset: Int?
        for token in tokens {
            if time == nil, token.contains(":" as Character) {
                guard let parsed = parseTime(token, offset: &offset) else { return nil }
                time = parsed
                continue
            }
            if let first = token.first, first == "+" || first == "-" {
                if time != nil, offset == nil { offset = parseOffset(token) }
                continue
            }
            if token.allSatisfy({ $0.isASCII && $0.isNumber }) {
                if token.count <= 4 { numbers.append(token) }
                continue
            }
            if token.allSatisfy({ $0.isASCII && $0.isLetter }) {
                if month == nil, token.count >= 3, let index = months.firstIndex(of: String(token.prefix(3))) {
                    month = index + 1
                } else if time != nil, offset == nil, let zone = zones[String(token)] {
                    offset = zone
                } else if time != nil, offset == nil, token.count == 1 {
                    offset = 0
                }
            }
        }
        var day: Int?
        var year: Int?
        if let month {
            for number in numbers {
                guard let parsed = Int(number) else { continue }
                if number.count <= 2, parsed >= 1, parsed <= 31, day == nil {
                    day = parsed
                } else if year == nil {
                    year = expandYear(parsed, digits: number.count)
                }
            }
            if day == nil || year == nil { return nil }
            return makeDate(year: year ?? 0, month: month, day: day ?? 0, time: time ?? (0, 0, 0), offset: offset ?? 0)
        }
        guard numbers.count >= 3, numbers[0].count == 4, let y = Int(numbers[0]), let m = Int(numbers[1]),
              let d = Int(numbers[2]) else { return nil }
        return makeDate(year: y, month: m, day: d, time: time ?? (0, 0, 0), offset: offset ?? 0)
    }

    private static func expandYear(_ year: Int, digits: Int) -> Int {
        switch digits {
        case 1, 2: return year < 50 ? 2000 + year : 1900 + year
        case 3: return 1900 + year
        default: return year
        }
    }

    private static func parseTime(_ token: Substring, offset: inout Int?) -> (Int, Int, Int)? {
        var body = token
        if let signIndex = token.firstIndex(where: { $0 == "+" || $0 == "-" }) {
            body = token[..<signIndex]
            offset = parseOffset(token[signIndex...])
        } else if token.hasSuffix("z") {
            body = token.dropLast()
            offset = 0
        }
        if let dot = body.firstIndex(of: ".") { body = body[..<dot] }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ $0.count >= 1 && $0.count <= 2 }) else { return nil }
        guard let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        let second = parts.count == 3 ? Int(parts[2]) : 0
        guard let second, hour < 24, minute < 60, second <= 60 else { return nil }
        return (hour, minute, second)
    }

    private static func parseOffset(_ token: Substring) -> Int? {
        guard let sign = token.first else { return nil }
        let digits = token.dropFirst().filter { $0 != ":" }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count == 4 || digits.count == 2,
              let number = Int(digits) else { return nil }
        let hours = digits.count == 4 ? number / 100 : number
        let minutes = digits.count == 4 ? number % 100 : 0
        guard hours <= 18, minutes < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
    }

    private static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func makeDate(year: Int, month: Int, day: Int, time: (Int, Int, Int), offset: Int) -> Date? {
        guard (1000...9999).contains(year), (1...12).contains(month) else { return nil }
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day >= 1, day <= lengths[month - 1] else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + time.0 * 3_600 + time.1 * 60 + time.2 - offset * 60
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Formats `date` in UTC as `Fri, 20 Nov 2026 09:15:00 +0000`; dates outside years 1970–9999 are clamped.
    static func format(_ date: Date) -> String {
        let raw = date.timeIntervalSince1970
        let maximum = 253_402_300_799.0
        let clamped = raw.isFinite ? min(max(raw, 0), maximum) : 0
        let seconds = Int(clamped.rounded(.down))
        let days = seconds / 86_400
        let secondOfDay = seconds % 86_400
        let (year, month, day) = civilFromDays(days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[days % 7]), \(two(day)) \(monthNames[month - 1]) \(year) "
            + "\(two(secondOfDay / 3_600)):\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60)) +0000"
    }
}
