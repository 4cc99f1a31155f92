import Foundation
import Logging
import Synchronization
import TicketConfig

/// What the daemon's services share: the daemon of the running config (swapped whole on
/// reload), which mailboxes have a loop, what the loops last reported, and when each loop is
/// due to show life again (for the systemd watchdog).
final class ServiceContext: Sendable {
    private struct Running {
        var daemon: TicketDaemon
        /// The wake of every mailbox loop still running, by mailbox name.
        var mailboxLoops: [String: ServiceWake] = [:]
    }

    private let running: Mutex<Running>
    /// What the mailbox loops and the outbox sender last reported.
    let board = Mutex(StatusBoard())
    /// Wakes the timers-and-status loop (a reload, a mailbox whose state changed, a flush that did something).
    let statusWake = ServiceWake()
    /// Loop name → when it is due to show life again at the latest.
    private let heartbeats = Mutex<[String: ContinuousClock.Instant]>([:])
    let logger: Logger
    let notifier: SystemdNotifier

    init(daemon: TicketDaemon, logger: Logger, notifier: SystemdNotifier) {
        running = Mutex(Running(daemon: daemon))
        self.logger = logger
        self.notifier = notifier
    }

    /// The daemon of the running config.
    var daemon: TicketDaemon { running.withLock { $0.daemon } }

    /// Swaps `daemon` in; returns the loops to start for the mailboxes that have none (at the
    /// start: all of them; after a reload: the added ones). The running loops take it at their
    /// next turn (``wakeAll()``); a removed mailbox's loop then ends.
    func install(_ daemon: TicketDaemon) -> [MailboxService] {
        let added = running.withLock { running in
            running.daemon = daemon
            let added = daemon.loaded.config.mailboxes.map(\.name).filter { running.mailboxLoops[$0] == nil }
            for name in added { running.mailboxLoops[name] = ServiceWake() }
            return added.map { MailboxService(name: $0, wake: running.mailboxLoops[$0]!, context: self) }
        }
        for service in added { beat("mailbox \(service.name)", next: .zero) }
        return added
    }

    /// The running daemon and the poller of mailbox `name`; nil when the mailbox left the
    /// config: its loop then counts as ended (a reload that adds it again starts a new one).
    func poller(for name: String) -> (TicketDaemon, MailboxPoller)? {
        running.withLock { running in
            if let poller = running.daemon.poller(named: name) { return (running.daemon, poller) }
            running.mailboxLoops[name] = nil
            return nil
        }
    }

    /// Wakes every loop: each takes the running daemon at once (a reload).
    func wakeAll() {
        let (mailboxes, outbox) = running.withLock { (Array($0.mailboxLoops.values), $0.daemon.outboxWake) }
        for wake in mailboxes + [outbox, statusWake] { wake.raise() }
    }

    /// Notes that loop `name` shows life now and will again within `next` (its wait).
    func beat(_ name: String, next: Duration) {
        heartbeats.withLock { $0[name] = .now + next }
    }

    /// Loop `name` ended: the watchdog no longer waits for it.
    func forget(_ name: String) {
        _ = heartbeats.withLock { $0.removeValue(forKey: name) }
    }

    /// How long past its due time the most overdue loop is (zero when none is).
    func overdue() -> Duration {
        let due = heartbeats.withLock { $0.values.min() }
        return due.map { max(.zero, ContinuousClock.now - $0) } ?? .zero
    }
}
