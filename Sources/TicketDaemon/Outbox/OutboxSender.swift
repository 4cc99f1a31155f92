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
    let connection = Connection()
    let metrics: DaemonMetrics
    /// The file every process that sends from this state locks first.
    let lockPath: String
    /// Raised on SIGTERM: the mail in hand is finished (or, if its server hangs, broken off and
    /// left queued) and the rest waits in the outbox.
    let stop: StopSignal

    public init(
        settings: SMTPSettings, storage: any TicketStorage, lockPath: String, logger: Logger, metrics: DaemonMetrics = .disabled,
        stop: StopSignal = StopSignal(), environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.stop = stop
        self.settings = settings
        self.storage = storage
        self.lockPath = lockPath
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
        public init() {}
    }

    /// The kept SMTP client, shared by the copies of this sender; one flush uses it at a time.
    final class Connection: Sendable {
        let client = Mutex<SMTPClient?>(nil)
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
    public func flush(now: @Sendable () -> Date) throws -> Summary {
        try connection.client.withLock { client in try flush(keeping: &client, now: now) }
    }

    /// `flush(now:)` with the kept client in hand: reused, opened when missing, dropped when broken.
    private func flush(keeping kept: inout SMTPClient?, now: @Sendable () -> Date) throws -> Summary {
        var summary = Summary()
        let lock = try FileLock(path: lockPath)
        defer { lock.unlock() }
        let due = try storage.dueOutbox(now: now(), limit: 500)
        guard !due.isEmpty else { return summary }
        let client: SMTPClient
        do {
            if let open = kept {
                client = open
            } else {
                client = try SMTPClient(endpoint: settings.endpoint, stop: stop)
                kept = client
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
            if killBeforeSend { kill(getpid(), SIGKILL) }
            var entryLogger = logger
            entryLogger[metadataKey: "ticket.number"] = "\(entry.ticket)"
            entryLogger[metadataKey: "mail.id"] = "\(entry.messageID)"
            do {
                try client.send(entry.raw, from: entry.envelopeSender, to: entry.recipients)
                try storage.markSent(outboxID: entry.id, at: now())
                summary.sent += 1
                metrics.sent(kind: entry.kind)
                entryLogger.info("sent", metadata: ["mail.kind": "\(entry.kind)", "mail.to": "\(entry.recipients.joined(separator: ","))"])
            } catch let error as TransportError {
                if case .stopped = error {
                    // Broken off by SIGTERM: the mail stays queued as it was, and the client goes.
                    kept = nil
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
                        kept = nil
                        summary.unreachable = error
                        break sending
                    }
                } else if case .authenticationFailed = error {
                    // Our credentials, not this mail: keep it queued and report the server as unusable.
                    let delay = Self.retryDelay(attempts: entry.attempts)
                    try storage.markFailed(outboxID: entry.id, reason: error.description, retryAt: now() + delay, now: now())
                    summary.deferred += 1
                    kept = nil
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
