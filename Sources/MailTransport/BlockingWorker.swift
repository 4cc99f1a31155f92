import Dispatch

/// Runs blocking work (libcurl, SQLite) on a dedicated serial thread, never on Swift's cooperative pool.
public struct BlockingWorker: Sendable {
    private let queue: DispatchQueue

    /// - Parameter label: names the thread in debuggers and crash reports, e.g. `ticketd.imap.support`.
    public init(label: String) {
        queue = DispatchQueue(label: label, qos: .utility)
    }

    /// Runs `body` on the worker's thread and returns its result to the awaiting task.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
