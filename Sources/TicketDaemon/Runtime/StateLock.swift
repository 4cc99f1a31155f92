import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on the state directory, so two daemons never work on the same state.
///
/// `flock` on `state_dir/ticketd.lock`, held for the process's life; the kernel drops it when the
/// process dies, even by `kill -9`, so there is no stale lock to clean up.
public final class StateLock: Sendable {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock or throws `StateLockError.held` at once (never waits).
    public init(stateDirectory: String) throws(StateLockError) {
        path = (stateDirectory as NSString).appendingPathComponent("ticketd.lock")
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw .held(path: path, holder: holder.flatMap { $0.isEmpty ? nil : $0 })
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pwrite(descriptor, pid, pid.count, 0)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why the state lock could not be taken.
public enum StateLockError: Error, Sendable, CustomStringConvertible {
    case held(path: String, holder: String?)
    case cannotOpen(path: String, reason: String)

    public var description: String {
        switch self {
        case let .held(path, holder):
            "another ticketd\(holder.map { " (pid \($0))" } ?? "") is already working on this state (\(path)); stop it first or point this one at another state_dir"
        case let .cannotOpen(path, reason):
            "cannot open the lock file \(path): \(reason); check state_dir's permissions"
        }
    }
}
