import Foundation
import MailMessage
import Testing
import TicketCore
@testable import TicketStore

@Suite("Attachments")
struct AttachmentStoreTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "ticketd-attachments-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256MatchesTheFIPSVectors(input: String, expected: String) {
        #expect(ContentDigest.sha256(Array(input.utf8)) == expected)
    }

    @Test func identicalBytesAreStoredOnceUnderTheirDigest() throws {
        let directory = try temporaryDirectory()
        let store = AttachmentStore(directory: directory, maxSize: 1 << 20)
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let first = try store.file([Attachment(filename: "számla ő.pdf", contentType: "application/pdf", data: bytes)])
        let again = try store.file([Attachment(filename: "copy.pdf", contentType: "application/pdf", data: bytes)])
        let digest = try #require(first.first?.sha256)
        #expect(again.first?.sha256 == digest)
        #expect(first.first?.filename == "számla ő.pdf")
        #expect(try store.read(digest: digest) == bytes)
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(folders == [String(digest.prefix(2))])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/" + folders[0]) == [digest], "one file, no temporary left")
    }

    @Test func overTheLimitOnlyTheDescriptionIsKept() throws {
        let directory = try temporaryDirectory()
        let store = AttachmentStore(directory: directory, maxSize: 1024)
        let records = try store.file([
            Attachment(filename: "small.txt", contentType: "text/plain", data: Array(repeating: 65, count: 1024)),
            Attachment(filename: "video.mp4", contentType: "video/mp4", data: Array(repeating: 0, count: 3000)),
        ])
        #expect(records.map { $0.sha256 != nil } == [true, false])
        #expect(records[1].size == 3000)
        #expect(records[1].notStoredReason == "larger than the 1.0 KB limit (attachments.max_size)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 1)
    }

    @Test func anUnwritableDirectoryIsAClearError() throws {
        let store = AttachmentStore(directory: "/proc/ticketd-cannot-write-here", maxSize: 1 << 20)
        #expect(throws: AttachmentStoreError.self) {
            try store.file([Attachment(filename: "a.txt", contentType: "text/plain", data: [1, 2, 3])])
        }
        #expect(throws: AttachmentStoreError.missing(path: store.path(digest: String(repeating: "0", count: 64)))) {
            try store.read(digest: String(repeating: "0", count: 64))
        }
    }

    @Test func theTicketListsItsAttachmentsAndNotesWhatWasNotStored() throws {
        let storage = try SQLiteStorage(inMemoryWith: TicketTagFormat())
        let files = AttachmentStore(directory: try temporaryDirectory(), maxSize: 2048)
        let raw = """
            From: Kowalski <jan@firma.example.pl>\r
            Subject: Faktura\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            W załączniku faktura.\r
            --b\r
            Content-Type: application/pdf\r
            Content-Disposition: attachment; filename*=utf-8''faktura%20%C5%82%C3%B3d%C5%BA.pdf\r
            Content-Transfer-Encoding: base64\r
            \r
            \(Data(Array(repeating: 0x25, count: 1500)).base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: "\r\n"))\r
            --b\r
            Content-Type: application/zip; name="logs.zip"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(Data(Array(repeating: 0x50, count: 4096)).base64EncodedString(options: .lineLength76Characters))\r
            --b--\r
            """
        var mail = IncomingMail(raw: Array(raw.utf8), source: nil, mailbox: "support", receivedAt: now)
        mail.attachments = try files.file(mail.message.attachments)
        _ = try storage.ingest(mail, queue: "support", rules: .forTests(staff: []), now: now)

        let message = try #require(try storage.ticket(number: 1)?.messages?.first)
        #expect(message.attachments.map(\.name) == ["faktura łódź.pdf", "logs.zip"])
        #expect(message.attachments.map(\.size) == [1500, 4096])
        #expect(message.attachments.map(\.stored) == [true, false])
        let pdf = try #require(try storage.attachment(id: message.attachments[0].id, ticket: 1))
        #expect(try files.read(digest: try #require(pdf.sha256)) == Array(repeating: 0x25, count: 1500))
        #expect(try storage.attachment(id: message.attachments[0].id, ticket: 2) == nil, "only through its own ticket")
        let events = try #require(try storage.ticket(number: 1)?.events)
        #expect(events.contains { $0.detail.contains("logs.zip (4.0 KB) kept only inside the raw message") })
    }
}
