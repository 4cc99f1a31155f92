import Foundation
import MailTransport
import Synchronization

/// Wakes one service's loop from its wait: new outbox rows, a reload, a mailbox whose state
/// changed, a shutdown.
///
/// A raise while the loop is busy is kept, so its next wait returns at once; raises before a
/// wait count as one. The loop waits either here (``wait(seconds:)``) or in a blocking IMAP IDLE
/// (``idle(on:_:)``), which a raise ends within a quarter second. One loop waits on a wake.
final class ServiceWake: Sendable {
    private struct State {
        var raised = false
        var waiter: CheckedContinuation<Void, Never>?
        var idle: IdleWake?
    }

    private let state = Mutex(State())

    func raise() {
        let waiter = state.withLock { state in
            state.raised = true
            state.idle?.raise()
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until raised, `seconds` pass or the task is cancelled; takes the raise.
    func wait(seconds: TimeInterval) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.raised() }
            group.addTask { try? await Task.sleep(for: .seconds(seconds)) }
            await group.next()
            group.cancelAll()
        }
        state.withLock { $0.raised = false }
    }

    /// Runs `body`, a blocking IDLE, on `worker` with an `IdleWake` that a raise (or one already
    /// kept) ends; takes the raise.
    func idle<T: Sendable>(on worker: BlockingWorker, _ body: @escaping @Sendable (IdleWake) -> T) async throws -> T {
        let idleWake = IdleWake()
        state.withLock { state in
            state.idle = idleWake
            if state.raised { idleWake.raise() }
        }
        defer {
            state.withLock { state in
                state.idle = nil
                state.raised = false
            }
        }
        return try await worker.run { body(idleWake) }
    }

    /// Returns once raised or cancelled.
    private func raised() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state in
                    if state.raised || Task.isCancelled { return true }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }?.resume()
        }
    }
}
