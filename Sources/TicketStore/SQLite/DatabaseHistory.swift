import Foundation

/// Refuses to create a fresh, empty database where one lived before.
///
/// SQLite happily creates a new database in place of a deleted or emptied (0-byte) file; for
/// ticketd that would forget every ticket and acknowledge every customer a second time. So the
/// store leaves a marker beside the database (`ticketd.sqlite.created`, the creation time) the
/// first time it opens it, and before opening looks for that marker and for other signs of an
/// earlier life in the state directory (the database's WAL, attachments, the IMAP spool).
struct DatabaseHistory {
    let databasePath: String

    var markerPath: String { databasePath + ".created" }
    private var directory: String { (databasePath as NSString).deletingLastPathComponent }

    /// Throws `databaseLost` when the database is missing or empty but the directory shows it existed.
    func check() throws(StorageError) {
        guard Self.size(of: databasePath) ?? 0 == 0 else { return }
        let evidence = self.evidence()
        guard !evidence.isEmpty else { return }
        throw .databaseLost(path: databasePath, state: Self.size(of: databasePath) == nil ? "missing" : "empty (0 bytes)", evidence: evidence, marker: markerPath)
    }

    /// Leaves the marker after a successful open, once.
    func recordCreation(now: Date = Date()) {
        guard !FileManager.default.fileExists(atPath: markerPath) else { return }
        let text = "ticketd database \((databasePath as NSString).lastPathComponent) first opened \(now.formatted(.iso8601))\n"
        FileManager.default.createFile(atPath: markerPath, contents: Data(text.utf8))
    }

    /// What shows the database existed: each item names a file or folder.
    func evidence() -> [String] {
        var found: [String] = []
        if FileManager.default.fileExists(atPath: markerPath) { found.append((markerPath as NSString).lastPathComponent) }
        if (Self.size(of: databasePath + "-wal") ?? 0) > 0 { found.append((databasePath as NSString).lastPathComponent + "-wal") }
        let attachments = (directory as NSString).appendingPathComponent("attachments")
        if Self.holdsAFile(attachments) { found.append("attachments/") }
        let spool = (directory as NSString).appendingPathComponent("spool")
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: spool), !entries.isEmpty { found.append("spool/") }
        return found
    }

    /// Whether any regular file lies somewhere under `directory`.
    private static func holdsAFile(_ directory: String) -> Bool {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return false }
        while walker.nextObject() != nil {
            if walker.fileAttributes?[.type] as? FileAttributeType == .typeRegular { return true }
        }
        return false
    }

    private static func size(of path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_size)
    }
}
