import Foundation

/// A message fetched from an IMAP mailbox.
public struct FetchedMessage: Sendable {
    public var uid: UInt32
    /// The server's INTERNALDATE (when it received the mail), if it sent one.
    public var internalDate: Date?
    /// The raw RFC 5322 bytes, exactly as stored on the server.
    public var bytes: [UInt8]

    public init(uid: UInt32, internalDate: Date?, bytes: [UInt8]) {
        self.uid = uid
        self.internalDate = internalDate
        self.bytes = bytes
    }
}

/// What one untagged response in the answer to `UID FETCH … BODY.PEEK[]` carried.
enum IMAPFetchItem: Equatable {
    /// A whole message.
    case message(uid: UInt32)
    /// A FETCH response without a body (an unsolicited flag change), or another untagged response.
    case other
    /// A FETCH response that named a body but could not be read: no UID, no usable body, no
    /// parenthesised list. `uid` when it named one.
    case malformed(uid: UInt32?)
}

/// Reads the data items of an untagged `* n FETCH (...)` response.
enum IMAPFetchParser {
    /// The message in a FETCH response that carried `UID` and `BODY[]`; nil for other FETCH responses.
    static func message(from response: IMAPResponse) -> FetchedMessage? {
        parse(response).message
    }

    /// Sorts a response to `UID FETCH`: a message, something else, or a malformed FETCH.
    static func classify(_ response: IMAPResponse) -> (item: IMAPFetchItem, message: FetchedMessage?) {
        let words = response.textString.split(separator: " ", maxSplits: 3)
        guard words.count >= 3, words[0] == "*", words[2].uppercased().hasPrefix("FETCH") else { return (.other, nil) }
        let parsed = parse(response)
        if let message = parsed.message { return (.message(uid: message.uid), message) }
        return (parsed.namedBody || !parsed.wellFormed ? .malformed(uid: parsed.uid) : .other, nil)
    }

    private struct Parsed {
        var message: FetchedMessage?
        var uid: UInt32?
        var namedBody = false
        var wellFormed = true
    }

    private static func parse(_ response: IMAPResponse) -> Parsed {
        let text = response.text
        guard let open = text.firstIndex(of: UInt8(ascii: "(")) else { return Parsed(wellFormed: false) }
        var scanner = Scanner(bytes: text, position: open + 1)
        var literalIndex = 0
        var uid: UInt32?
        var internalDate: Date?
        var body: [UInt8]?
        var namedBody = false
        while let key = scanner.atom() {
            switch key.uppercased() {
            case "UID":
                uid = scanner.atom().flatMap { UInt32($0) }
            case "INTERNALDATE":
                internalDate = scanner.quoted().flatMap(parseInternalDate)
            default:
                let isBody = key.uppercased().hasPrefix("BODY[") || (key.uppercased().hasPrefix("RFC822") && !key.uppercased().hasPrefix("RFC822.SIZE"))
                if isBody { namedBody = true }
                switch scanner.skipValue() {
                case .literal:
                    if isBody, literalIndex < response.literals.count { body = response.literals[literalIndex] }
                    literalIndex += 1
                case let .quoted(value) where isBody:
                    body = Array(value.utf8)
                default:
                    break
                }
            }
        }
        guard let uid, let body else { return Parsed(uid: uid, namedBody: namedBody) }
        return Parsed(message: FetchedMessage(uid: uid, internalDate: internalDate, bytes: body), uid: uid, namedBody: true)
    }

    /// Parses `23-Nov-2026 16:21:07 +0000` (day may be space-padded).
    static func parseInternalDate(_ value: String) -> Date? {
        let parts = value.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 3 else { return nil }
        let date = parts[0].split(separator: "-")
        let time = parts[1].split(separator: ":")
        let zone = parts[2]
        guard date.count == 3, time.count == 3, zone.count == 5,
            let day = Int(date[0]), let year = Int(date[2]),
            let month = months.firstIndex(of: date[1].lowercased()),
            let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
            let zoneHours = Int(zone.dropFirst().prefix(2)), let zoneMinutes = Int(zone.suffix(2))
        else { return nil }
        let sign = zone.first == "-" ? -1 : 1
        let days = daysFromCivil(year: year, month: month + 1, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - sign * (zoneHours * 3600 + zoneMinutes * 60)
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// A cursor over a FETCH response's text.
    struct Scanner {
        enum Value {
            case atom, quoted(String), literal, list, nothing
        }

        let bytes: [UInt8]
        var position: Int

        mutating func skipSpaces() {
            while position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
        }

        /// An atom, extended over `[...]` sections (`BODY[HEADER.FIELDS (FROM)]`) and `<n>` partials.
        mutating func atom() -> String? {
            skipSpaces()
            let begin = position
            var depth = 0
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "]") { depth -= 1 }
                if depth <= 0 && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "(")) {
                    break
                }
                position += 1
            }
            guard position > begin else { return nil }
            return String(decoding: bytes[begin..<position], as: UTF8.self)
        }

        mutating func quoted() -> String? {
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
            var value: [UInt8] = []
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count { position += 1 }
                value.append(bytes[position])
                position += 1
            }
            position += 1
            return String(decoding: value, as: UTF8.self)
        }

        /// Skips one value of any kind and says what it was.
        mutating func skipValue() -> Value {
            skipSpaces()
            guard position < bytes.count else { return .nothing }
            switch bytes[position] {
            case UInt8(ascii: "\""):
                return quoted().map(Value.quoted) ?? .nothing
            case UInt8(ascii: "{"):
                while position < bytes.count, bytes[position] != UInt8(ascii: "}") { position += 1 }
                position += 1
                return .literal
            case UInt8(ascii: "("):
                var depth = 0
                repeat {
                    if bytes[position] == UInt8(ascii: "(") { depth += 1 }
                    if bytes[position] == UInt8(ascii: ")") { depth -= 1 }
                    if bytes[position] == UInt8(ascii: "\"") {
                        _ = quoted()
                        continue
                    }
                    position += 1
                } while depth > 0 && position < bytes.count
                return .list
            case UInt8(ascii: ")"):
                position += 1
                return .nothing
            default:
                _ = atom()
                return .atom
            }
        }
    }
}
