import Foundation

/// Writing mail to this machine failed (disk full, quota, permissions): a local problem, not the
/// mail server's. The mail stays on the server, unmoved, and is fetched again once there is room.
public struct LocalStorageFailure: Error, Sendable, CustomStringConvertible {
    /// The file or directory that could not be written.
    public var path: String
    /// Bytes free to ticketd on that path's file system, when it could be asked.
    public var freeBytes: Int64?
    /// What the system said.
    public var reason: String

    /// A failure to write `path`, with the free space measured now.
    public init(path: String, error: any Error) {
        self.path = path
        freeBytes = Self.freeBytes(near: path)
        reason = (error as NSError).localizedDescription
    }

    /// "1 MiB free there" for the file system holding `path` (or its nearest existing parent).
    public static func freeSpace(near path: String) -> String {
        freeBytes(near: path).map { "\(format(bytes: $0)) free there" } ?? "free space unknown"
    }

    public var description: String {
        let free = freeBytes.map { "\(Self.format(bytes: $0)) free there" } ?? "free space unknown"
        return "cannot write \(path): \(reason) (\(free)); the mail stays on the server until this is fixed — "
            + "free space on that file system or fix its permissions"
    }

    /// `statvfs` of the nearest existing directory at or above `path`.
    static func freeBytes(near path: String) -> Int64? {
        var candidate = path
        while !candidate.isEmpty {
            var stats = statvfs()
            if statvfs(candidate, &stats) == 0 { return Int64(stats.f_bavail) * Int64(stats.f_frsize) }
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate { break }
            candidate = parent
        }
        return nil
    }

    static func format(bytes: Int64) -> String {
        switch bytes {
        case ..<1024: "\(bytes) bytes"
        case ..<(1024 * 1024): "\(bytes / 1024) KiB"
        case ..<(1024 * 1024 * 1024): "\(bytes / 1024 / 1024) MiB"
        default: String(format: "%.1f GiB", Double(bytes) / 1024 / 1024 / 1024)
        }
    }
}
