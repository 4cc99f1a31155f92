import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a file beside the state, for work only one process may do at a time:
/// creating and migrating the database, sending from the outbox. The daemon, each `ticketd ingest`
/// the MTA starts and the staff commands all share the state. Waits for the holder; the kernel
/// drops the lock when the holder exits, `kill -9` included.
public final class FileLock {
    private let descriptor: Int32

    /// Waits until no other process holds the lock on `path` (created if missing), then holds it
    /// until `unlock()` or release.
    public init(path: String) throws(FileLockError) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .cannotLock(path: path, reason: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .cannotLock(path: path, reason: reason)
            }
        }
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

/// Why a state lock could not be taken.
public enum FileLockError: Error, Sendable, CustomStringConvertible {
    case cannotLock(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotLock(path, reason):
            "cannot lock \(path): \(reason); state_dir must be writable by the user ticketd runs as"
        }
    }
}
