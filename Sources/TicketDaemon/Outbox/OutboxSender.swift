import Foundation
import Logging
import MailTransport
import Synchronization
import TicketConfig
import TicketStore

/// Sends what the outbox holds: marked sent only after the SMTP server accepted the mail.
///
/// Temporary failures (4xx, unreachable) are retried with exponential backoff and jitter (1 min
/// doubling, at most 1 h); permanent ones (5xx) are marked failed with the server's reply
/// ("550 5.1.1 … User unknown"), visible in `outbox list` and as an event on the ticket.
/// The SMTP connection is kept between mails and between flushes, so a burst costs one login.
public struct OutboxSender: Sendable {
    let settings: SMTPSettings
    let storage: any TicketStorage
    let logger: Logger
    /// Test hook: `TICKETD_FAULT=kill-before-send` kills the process right before the first send.
    let killBeforeSend: Bool
    let connection: Connection
    let metrics: DaemonMetrics
    /// The file every process that sends from this state locks first.
    let lockPath: String
    /// Raised on SIGTERM: the mail in hand is finished (or, if its server hangs, broken off and
    /// left queued) and the rest waits in the outbox.
    let stop: StopSignal
    /// Where each accepted mail is noted before the store records it, beside the lock.
    let journal: AcceptedJournal

    public init(
        settings: SMTPSettings, storage: any TicketStorage, lockPath: String, logger: Logger, metrics: DaemonMetrics = .disabled,
        stop: StopSignal = StopSignal(), environment: [String: String] = ProcessInfo.processInfo.environment, keeping previous: OutboxSender? = nil
    ) {
        // After a reload, unchanged SMTP settings keep the open connections.
        connection = previous.flatMap { $0.settings.endpoint == settings.endpoint ? $0.connection : nil } ?? Connection()
        self.stop = stop
        self.settings = settings
        self.storage = storage
        self.lockPath = lockPath
        journal = AcceptedJournal(path: ((lockPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("outbox-accepted"))
        self.logger = logger
        self.metrics = metrics
        killBeforeSend = environment["TICKETD_FAULT"] == "kill-before-send"
    }

    /// What one flush did.
    public struct Summary: Sendable, Equatable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
        /// The transport error that stopped the flush, if the server could not be used at all.
        public var unreachable: TransportError?
        /// The flush took a full batch (``batchLimit`` mails): more may be due right now.
        public var moreDue = false
        public init() {}

        /// A full batch made progress and the server is usable: the rest of a backlog is due now.
        public var backlogRemains: Bool {
            moreDue && unreachable == nil && sent + deferred + failed > 0
        }

        /// Adds what another connection of the same flush did.
        mutating func add(_ part: Summary) {
            sent += part.sent
            deferred += part.deferred
            failed += part.failed
            unreachable = unreachable ?? part.unreachable
        }
    }

    /// The due mails of one flush, ticket by ticket in the order of their first mail, taken by
    /// the parallel connections: a ticket's mails go over one connection, in order.
    final class TicketQueue: Sendable {
        private let tickets: [[OutboxEntry]]
        private let taken = Mutex(0)

        init(_ due: [OutboxEntry]) {
            var order: [Int] = []
            var mails: [Int: [OutboxEntry]] = [:]
            for entry in due {
                if mails[entry.ticket] == nil { order.append(entry.ticket) }
                mails[entry.ticket, default: []].append(entry)
            }
            tickets = order.map { mails[$0]! }
        }

        /// The next ticket's mails, nil once every ticket was taken.
        func next() -> [OutboxEntry]? {
            taken.withLock { index in
                guard index < tickets.count else { return nil }
                defer { index += 1 }
                return tickets[index]
            }
        }
    }

    /// The most due mails one flush takes; the rest waits for the next flush.
    public static let batchLimit = 500

    /// The kept SMTP clients, one per parallel connection, shared by the copies of this sender;
    /// one flush uses them at a time.
    final class Connection: Sendable {
        let lanes = Mutex<[Lane]>([])
    }

    /// One parallel SMTP connection. Only the thread sending its share of a flush touches it,
    /// and flushes are serialized by ``Connection/lanes``.
    final class Lane: @unchecked Sendable {
        var client: SMTPClient?
    }

    /// Retries of a deferred mail: 1 min doubling, at most 1 h, scaled by a random factor in 0.8...1.2.
    static let retries = Backoff(base: 60, cap: 3600, spread: 0.8...1.2)

    /// The delay before retry number `attempts + 1` of a deferred mail that was tried `attempts` times.
    static func retryDelay(attempts: Int, random: Double = Double.random(in: 0...1)) -> TimeInterval {
        retries.delay(afterFailures: max(attempts, 0) + 1, random: random)
    }

    /// Sends every due mail. Blocking: run it on the outbox worker thread.
    ///
    /// Another process sending from the same state (a `ticketd ingest`, a staff command) is
    /// waited for, and what it sent is not due any more once this one reads the outbox.
    public func flush(now: @escaping @Sendable () -> Date) throws -> Summary {
        try connection.lanes.withLock { lanes in
            let lock = try FileLock(path: lockPath)
            defer { lock.unlock() }
            try recordAccepted()
            let due = try storage.dueOutbox(now: now(), limit: Self.batchLimit)
            guard !due.isEmpty else { return Summary() }
            // Never more connections than tickets; a ticket's mails go over one connection, in order.
            let tickets = Set(due.map(\.ticket)).count
            let count = max(1, min(settings.connections, tickets))
            while lanes.count < count { lanes.append(Lane()) }
            var summary = count == 1 ? try send(due, over: lanes[0], now: now) : try send(due, overParallel: Array(lanes.prefix(count)), now: now)
            summary.moreDue = due.count == Self.batchLimit
            // Every accepted mail of this flush is recorded (a throw above keeps the notes for the next).
            journal.clear()
            return summary
        }
    }

    /// Sends `due` over `lanes` at once: a thread per connection (the mails wait on the server,
    /// not on a core: a dispatch pool as wide as the cores ran only two of four at a time), each
    /// taking the next ticket's mails until none are left, so no connection idles while another has a queue.
    private func send(_ due: [OutboxEntry], overParallel lanes: [Lane], now: @escaping @Sendable () -> Date) throws -> Summary {
        let queue = TicketQueue(due)
        let results = Mutex<[Result<Summary, any Error>]>([])
        let done = DispatchGroup()
        for lane in lanes {
            done.enter()
            Thread {
                let result = Result { try drain(queue, over: lane, now: now) }
                results.withLock { $0.append(result) }
                done.leave()
            }.start()
        }
        done.wait()
        var summary = Summary()
        for result in results.withLock({ $0 }) { summary.add(try result.get()) }
        return summary
    }

    /// Records as sent what the journal says the server accepted in a flush that was broken off
    /// (killed, or its store failed) before the store recorded it, then empties the journal.
    private func recordAccepted() throws {
        let accepted = journal.entries()
        guard !accepted.isEmpty else { return }
        for (id, at) in accepted { try storage.markSent(outboxID: id, at: at) }
        journal.clear()
        logger.notice("recorded mail the SMTP server had accepted before the last flush was broken off", metadata: ["mail.count": "\(accepted.count)"])
    }

    /// Sends ticket after ticket from `queue` over `lane` until the queue is empty, the server
    /// cannot be used over this connection, or the daemon stops.
    private func drain(_ queue: TicketQueue, over lane: Lane, now: @Sendable () -> Date) throws -> Summary {
        var summary = Summary()
        while summary.unreachable == nil, !stop.isRaised, let mails = queue.next() {
            summary.add(try send(mails, over: lane, now: now))
        }
        return summary
    }

    /// Sends `due` in order over `lane`'s client: reused, opened when missing, dropped when broken.
    private func send(_ due: [OutboxEntry], over lane: Lane, now: @Sendable () -> Date) throws -> Summary {
        var summary = Summary()
        guard !due.isEmpty else { return summary }
        let client: SMTPClient
        do {
            if let open = lane.client {
                client = open
            } else {
                client = try SMTPClient(endpoint: settings.endpoint, stop: stop)
                lane.client = client
            }
        } catch {
            metrics.transportError(.smtp)
            summary.unreachable = error
            return summary
        }
        sending: for entry in due {
            if stop.isRaised {
                logger.notice("stopping: the rest of the outbox waits for the next start", metadata: ["mail.queued": "\(due.count - summary.sent - summary.deferred - summary.failed)"])
                break
            }
            guard storage.holdsClaim(on: entry) else {
                logger.notice("the store's connection changed since these mails were claimed: the rest waits to be claimed again", metadata: [
                    "mail.queued": "\(due.count - summary.sent - summary.deferred - summary.failed)"])
                break
            }
            if killBeforeSend { kill(getpid(), SIGKILL) }
            var entryLogger = logger
            entryLogger[metadataKey: "ticket.number"] = "\(entry.ticket)"
            entryLogger[metadataKey: "mail.id"] = "\(entry.messageID)"
            do {
                try client.send(entry.raw, from: entry.envelopeSender, to: entry.recipients)
                let accepted = now()
                journal.note(entry.id, at: accepted)
                try storage.markSent(outboxID: entry.id, at: accepted)
                summary.sent += 1
                metrics.sent(kind: entry.kind)
                entryLogger.info("sent", metadata: ["mail.kind": "\(entry.kind)", "mail.to": "\(entry.recipients.joined(separator: ","))"])
            } catch let error as TransportError {
                if case .stopped = error {
                    // Broken off by SIGTERM: the mail stays queued as it was, and the client goes.
                    lane.client = nil
                    entryLogger.notice("send broken off for shutdown; the mail stays queued")
                    break sending
                }
                metrics.transportError(.smtp)
                if error.isTransient {
                    let delay = Self.retryDelay(attempts: entry.attempts)
                    try storage.markFailed(outboxID: entry.id, reason: error.description, retryAt: now() + delay, now: now())
                    summary.deferred += 1
                    entryLogger.warning("deferred", metadata: ["error": "\(error)", "retry_in_s": "\(Int(delay))"])
                    if case .unreachable = error {
                        lane.client = nil
                        summary.unreachable = error
                        break sending
                    }
                } else if case .authenticationFailed = error {
                    // Our credentials, not this mail: keep it queued and report the server as unusable.
                    let delay = Self.retryDelay(attempts: entry.attempts)
                    try storage.markFailed(outboxID: entry.id, reason: error.description, retryAt: now() + delay, now: now())
                    summary.deferred += 1
                    lane.client = nil
                    summary.unreachable = error
                    entryLogger.error("SMTP login refused", metadata: ["error": "\(error)"])
                    break sending
                } else {
                    try storage.markFailed(outboxID: entry.id, reason: error.description, retryAt: nil, now: now())
                    summary.failed += 1
                    entryLogger.error("failed for good", metadata: ["error": "\(error)"])
                }
            }
        }
        return summary
    }
}
