import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outbox rows whose mail the SMTP server has accepted, each noted the moment its 250
/// arrives, before the store records it as sent.
///
/// The store's commit can wait: behind a batch of stored mail holding SQLite's writer, behind a
/// sync. A kill in that wait left the mail queued, and the next start sent it again (RFC 1047's
/// window, made wider by our own wait). Noting the row is one `write` to a file in the state
/// directory, which a killed process keeps (the page cache has it); the next flush records what
/// is noted here in the store before it reads the outbox, so the mail is not sent twice. A line
/// a power cut cut short is skipped: that mail is sent again, as before.
///
/// One line per row, `ID UNIXTIME`. Read and emptied only under the one-sender lock.
struct AcceptedJournal: Sendable {
    let path: String

    /// Notes that the mail of outbox row `id` was accepted at `date`. Best effort: when the note
    /// cannot be written (a full disk) the store's own record is all there is, as before.
    @discardableResult
    func note(_ id: Int64, at date: Date) -> Bool {
        let line = Array("\(id) \(date.timeIntervalSince1970)\n".utf8)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } == line.count
    }

    /// The rows noted since the journal was last emptied, with the time each was accepted.
    func entries() -> [(id: Int64, at: Date)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).compactMap { line in
            let fields = line.split(separator: UInt8(ascii: " "))
            guard fields.count == 2, let id = Int64(String(decoding: fields[0], as: UTF8.self)),
                let seconds = Double(String(decoding: fields[1], as: UTF8.self))
            else { return nil }
            return (id, Date(timeIntervalSince1970: seconds))
        }
    }

    /// Empties the journal once every row noted is recorded in the store. Should that fail, the
    /// rows are recorded again by the next flush, which changes nothing.
    @discardableResult
    func clear() -> Bool {
        truncate(path, 0) == 0 || errno == ENOENT
    }
}
