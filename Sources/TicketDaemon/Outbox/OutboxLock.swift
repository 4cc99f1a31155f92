import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `flock` on `state_dir/outbox.lock`, held while one process sends: the daemon, each `ticketd
/// ingest` the MTA starts and the staff commands all flush the outbox, and without it two of them
/// could send the same queued mail at once. Waiting is bounded by the send timeouts of the holder;
/// the kernel drops the lock when the holder exits, `kill -9` included.
final class OutboxLock {
    private let descriptor: Int32

    /// Waits until no other process holds the lock, then holds it until released.
    init(path: String) throws(OutboxLockError) {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .cannotOpen(path: path, reason: reason)
            }
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why the outbox could not be locked for sending.
public enum OutboxLockError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            "cannot lock the outbox at \(path): \(reason); state_dir must be writable by the user ticketd runs as"
        }
    }
}
