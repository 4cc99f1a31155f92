import Foundation
import Testing
@testable import TicketStore

/// The daemon's lock is never waited for: a second taker is refused at once, told the holder's pid.
@Suite("FileLock")
struct FileLockTests {
    @Test("a lock not waited for is refused while held, naming the holder, and free once released")
    func heldIsRefused() throws {
        let path = NSTemporaryDirectory() + "ticketd-filelock-\(UUID().uuidString).lock"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var first: FileLock? = try FileLock(path: path, wait: false)
        do {
            _ = try FileLock(path: path, wait: false)
            Issue.record("a held lock was taken twice")
        } catch {
            guard case let .held(heldPath, holder) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(heldPath == path && holder == "\(getpid())")
            #expect(error.description.contains("pid \(getpid())"))
        }
        #expect(first?.path == path)
        first = nil
        #expect(throws: Never.self) { _ = try FileLock(path: path, wait: false) }
    }
}
