import Foundation
import MailMessage
import TicketCore

/// Attachment files under `state_dir/attachments`, each named by the SHA-256 of its bytes
/// (`ab/abcdef…`): a file attached to five replies is stored once, and a stored file never changes.
///
/// Files are written and made durable *before* the database transaction that lists them commits,
/// so a listed attachment always exists. A crash in between leaves an unlisted file, which the
/// next delivery of the same mail reuses. Blocking: call it from a worker thread.
public struct AttachmentStore: Sendable {
    /// The directory holding the fan-out folders.
    public let directory: String
    /// Larger attachments are listed with their name, type and size, but their bytes are not
    /// stored (they stay inside the raw message, which is always kept).
    public let maxSize: Int

    public init(directory: String, maxSize: Int) {
        self.directory = directory
        self.maxSize = maxSize
    }

    /// Files the bytes of every attachment that fits the size limit; describes all of them, in order.
    public func file(_ attachments: [Attachment]) throws(AttachmentStoreError) -> [AttachmentRecord] {
        var records: [AttachmentRecord] = []
        for attachment in attachments {
            var record = AttachmentRecord(
                filename: attachment.filename, contentType: attachment.contentType, size: attachment.size,
                isInline: attachment.isInline, sha256: nil, notStoredReason: nil)
            if attachment.size > maxSize {
                record.notStoredReason = "larger than the \(AttachmentRecord.describe(size: maxSize)) limit (attachments.max_size)"
            } else {
                let digest = ContentDigest.sha256(attachment.data)
                try write(attachment.data, digest: digest)
                record.sha256 = digest
            }
            records.append(record)
        }
        return records
    }

    /// Where the bytes with SHA-256 `digest` are stored.
    public func path(digest: String) -> String {
        (directory as NSString).appendingPathComponent("\(digest.prefix(2))/\(digest)")
    }

    /// The stored bytes with SHA-256 `digest`.
    public func read(digest: String) throws(AttachmentStoreError) -> [UInt8] {
        let path = path(digest: digest)
        guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path: path) }
        return [UInt8](data)
    }

    /// Writes `bytes` under `digest` unless already there: temporary file, fsync, rename, fsync of the folder.
    private func write(_ bytes: [UInt8], digest: String) throws(AttachmentStoreError) {
        let target = path(digest: digest)
        if FileManager.default.fileExists(atPath: target) { return }
        let folder = (target as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: folder, reason: error.localizedDescription)
        }
        let temporary = folder + "/.incoming-\(digest.prefix(16))-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .cannotWrite(path: temporary, reason: String(cString: strerror(errno))) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                unlink(temporary)
                throw .cannotWrite(path: temporary, reason: reason)
            }
            offset += written
        }
        let synced = fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: target, reason: reason)
        }
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }
}

/// Why an attachment could not be filed or read back.
public enum AttachmentStoreError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(path: String, reason: String)
    case missing(path: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            "cannot store an attachment at \(path): \(reason); the message stays unprocessed and is retried"
        case let .missing(path):
            "attachment file \(path) is missing from the state directory; restore it from backup"
        }
    }
}
