import Foundation
import TicketStore

/// One poll's bookkeeping of messages the server announced but did not deliver: a pure value,
/// loaded from the store before the poll and saved after it.
struct UndeliveredLedger {
    /// After this many polls in a row without it, a message is reported as an error (log,
    /// `status`, metrics). It is still asked for on every poll.
    static let alarmAfter = 3

    /// What one failure means for the log: said once per change, not once per poll.
    enum Change: Equatable {
        /// The first failure for this UID.
        case first
        /// It reached `alarmAfter` attempts.
        case alarm(attempts: Int)
        /// Another failure, already reported.
        case again(attempts: Int)
    }

    let uidValidity: UInt32
    private var known: [UInt32: UndeliveredMessage]
    private var touched: Set<UInt32> = []

    init(previous: [UndeliveredMessage], uidValidity: UInt32) {
        self.uidValidity = uidValidity
        known = Dictionary(previous.filter { $0.uidValidity == uidValidity }.map { ($0.uid, $0) }) { first, _ in first }
    }

    /// UIDs that failed before: fetched one at a time, after the rest, so they hold up nothing.
    var suspects: Set<UInt32> { Set(known.keys) }

    /// Records that `uid` was asked for and not delivered.
    mutating func failed(uid: UInt32, reason: String, now: Date) -> Change {
        touched.insert(uid)
        var entry = known[uid] ?? UndeliveredMessage(uidValidity: uidValidity, uid: uid, attempts: 0, firstFailedAt: now, lastFailedAt: now, reason: reason)
        entry.attempts += 1
        entry.lastFailedAt = now
        entry.reason = reason
        known[uid] = entry
        switch entry.attempts {
        case 1: return .first
        case Self.alarmAfter: return .alarm(attempts: entry.attempts)
        default: return .again(attempts: entry.attempts)
        }
    }

    /// Records that `uid` arrived; returns how many attempts had failed before, if any.
    mutating func delivered(uid: UInt32) -> Int? {
        touched.insert(uid)
        return known.removeValue(forKey: uid)?.attempts
    }

    /// What to keep: every failure of this poll, and earlier ones still on the server that this
    /// poll did not get to. UIDs no longer announced have left the folder and are forgotten.
    func remaining(announced: Set<UInt32>) -> [UndeliveredMessage] {
        known.values.filter { announced.contains($0.uid) || touched.contains($0.uid) }.sorted { $0.uid < $1.uid }
    }
}
