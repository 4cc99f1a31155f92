import ArgumentParser
import Foundation
import MailMessage

/// Checks of command-line arguments shared by the commands. Each failure names the argument
/// and what would be right: a `ValidationError` (exit 64, with the usage) for malformed input,
/// exit 73 for a file that cannot be created.
enum ArgumentValidation {
    /// One bare mail address (`anna@example.com`), nothing else.
    static func address(_ value: String, argument: String) throws {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw ValidationError("\(argument) is empty: give a mail address such as anna@example.com") }
        let parsed = MailAddress.parseList(trimmed)
        guard parsed.count == 1, let only = parsed.first, only.address == trimmed || "<\(only.address)>" == trimmed, isAddrSpec(only.address) else {
            throw ValidationError("\(argument) '\(value)' is not a mail address such as anna@example.com")
        }
    }

    /// `local@domain.tld`: one @, a non-empty local part without spaces, a domain of dotted labels.
    static func isAddrSpec(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[0].contains(where: \.isWhitespace) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-") && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }

    /// An ISO 8601 time (or bare date) whose fields all exist: no 30 February, no hour 24.
    static func instant(_ value: String, argument: String) throws -> Date {
        let example = "such as 2026-11-20T16:45:00+01:00"
        guard let match = value.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/) else {
            throw ValidationError("\(argument) '\(value)' is not an ISO 8601 time \(example)")
        }
        let year = Int(match.1) ?? 0, month = Int(match.2) ?? 0, day = Int(match.3) ?? 0
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            throw ValidationError("\(argument) '\(value)': there is no day \(match.1)-\(match.2)-\(match.3)")
        }
        let hour = match.4.flatMap { Int($0) } ?? 0, minute = match.5.flatMap { Int($0) } ?? 0, second = match.6.flatMap { Int($0) } ?? 0
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else {
            throw ValidationError("\(argument) '\(value)': the time of day does not exist")
        }
        guard let date = parseInstant(value) else { throw ValidationError("\(argument) '\(value)' is not an ISO 8601 time \(example)") }
        return date
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A path where a new file can be written: not empty (64), not there yet, in an existing,
    /// writable directory (73, naming the directory).
    static func newFile(_ path: String, argument: String) throws {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("\(argument) is empty: give the path of a new file") }
        if FileManager.default.fileExists(atPath: path) {
            printError("ticketd: \(argument) \(path) exists; choose a new file name")
            throw ExitCode(73)
        }
        let directory = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("ticketd: \(argument) \(path): the directory \(directory) does not exist; create it first")
            throw ExitCode(73)
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            printError("ticketd: \(argument) \(path): the directory \(directory) is not writable for this user")
            throw ExitCode(73)
        }
    }
}
