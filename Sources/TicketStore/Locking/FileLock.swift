import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file beside the state, for work only one process may do at a time:
/// running the daemon (`state_dir/ticketd.lock`, held for the process's life and never waited
/// for), creating and migrating the database, sending from the outbox (waited for: each
/// `ticketd ingest` the MTA starts and the staff commands share the state with the daemon). The
/// kernel drops the lock when the holder exits, `kill -9` included, so no stale lock is left.
public final class FileLock: Sendable {
    private let descriptor: Int32
    /// The locked file.
    public let path: String

    /// Takes the lock on `path` (created if missing) and holds it until `unlock()` or release.
    ///
    /// - Parameter wait: `true` waits until no other process holds it; `false` throws
    ///   `FileLockError.held` at once when one does, and once taken writes this process's pid
    ///   into the file, for the message of the next one that finds it held.
    public init(path: String, wait: Bool = true) throws(FileLockError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, wait ? 0o640 : 0o644)
        guard descriptor >= 0 else { throw .cannotLock(path: path, reason: String(cString: strerror(errno))) }
        while flock(descriptor, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            close(descriptor)
            if code == EWOULDBLOCK {
                let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                throw .held(path: path, holder: holder.flatMap { $0.isEmpty ? nil : $0 })
            }
            throw .cannotLock(path: path, reason: String(cString: strerror(code)))
        }
        guard !wait else { return }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    /// Lets the next process in.
    public func unlock() {
        flock(descriptor, LOCK_UN)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why a lock on the state could not be taken.
public enum FileLockError: Error, Sendable, CustomStringConvertible {
    /// Another process holds the lock (only when not waiting); `holder` is its pid if it wrote one.
    case held(path: String, holder: String?)
    case cannotLock(path: String, reason: String)

    public var description: String {
        switch self {
        case let .held(path, holder):
            "another ticketd\(holder.map { " (pid \($0))" } ?? "") is already working on this state (\(path)); stop it first or point this one at another state_dir"
        case let .cannotLock(path, reason):
            "cannot lock \(path): \(reason); state_dir must be writable by the user ticketd runs as"
        }
    }
}
