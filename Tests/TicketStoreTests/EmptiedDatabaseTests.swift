import Foundation
import MailMessage
import Testing
import TicketCore
@testable import TicketStore

/// A database file that vanished or was emptied while its state directory lived on must not be
/// silently replaced by a new, empty one (history gone, every customer acknowledged again).
@Suite("Emptied or missing database")
struct EmptiedDatabaseTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func stateDirectory() throws -> String {
        let directory = NSTemporaryDirectory() + "ticketd-emptied-\(UInt64.random(in: 0..<UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory + "/attachments", withIntermediateDirectories: true)
        return directory
    }

    /// A database with one ticket in it, closed again.
    func populatedDatabase(in directory: String) throws -> String {
        let path = directory + "/ticketd.sqlite"
        let store = try SQLiteStorage(path: path, tagFormat: TicketTagFormat())
        let mail = IncomingMail(
            raw: Array("From: a@acme.example\r\nSubject: Hi\r\nMessage-ID: <1@acme.example>\r\n\r\nbody\r\n".utf8),
            source: SourceKey(mailbox: "support", uidValidity: 1, uid: 1), mailbox: "support", receivedAt: now)
        _ = try store.ingest(mail, queue: "support", rules: DeskRules.forTests(staff: []), now: now)
        return path
    }

    @Test("a 0-byte database beside its marker is refused, naming the evidence and how to restore from `ticketd backup`")
    func emptiedIsRefused() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try populatedDatabase(in: directory)
        for companion in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + companion) }
        #expect(truncate(path, 0) == 0)

        #expect {
            try SQLiteStorage(path: path, tagFormat: TicketTagFormat())
        } throws: { error in
            guard case let .databaseLost(lostPath, state, evidence, _) = error as? StorageError else { return false }
            let text = "\(error)"
            return lostPath == path && state.contains("0 bytes") && evidence.contains("ticketd.sqlite.created")
                && text.contains("ticketd backup") && text.contains(path)
        }
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_size == 0, "the empty file is left as it was, not re-created")
    }

    @Test("a deleted database with attachments left in the state directory is refused")
    func missingWithAttachmentsIsRefused() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try populatedDatabase(in: directory)
        for suffix in ["", "-wal", "-shm", ".created"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.createDirectory(atPath: directory + "/attachments/ab", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/attachments/ab/abcdef", contents: Data("x".utf8))

        #expect {
            try SQLiteStorage(path: path, tagFormat: TicketTagFormat())
        } throws: { error in
            guard case let .databaseLost(_, state, evidence, _) = error as? StorageError else { return false }
            return state == "missing" && evidence == ["attachments/"]
        }
    }

    @Test("a new state directory gets a new database, and the existing one reopens with its tickets")
    func freshAndReopenedWork() throws {
        let directory = try stateDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try populatedDatabase(in: directory)
        #expect(FileManager.default.fileExists(atPath: path + ".created"))
        #expect(try SQLiteStorage(path: path, tagFormat: TicketTagFormat()).tickets(TicketFilter()).count == 1)
    }
}
