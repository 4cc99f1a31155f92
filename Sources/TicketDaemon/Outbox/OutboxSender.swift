import Foundation
import Logging
import MailTransport
import TicketConfig
import TicketStore

/// Sends what the outbox holds: marked sent only after the SMTP server accepted the mail.
///
/// Temporary failures (4xx, unreachable) are retried with exponential backoff (1 min doubling,
/// at most 1 h); permanent ones (5xx) are marked failed with the server's reply, visible in
/// `outbox list` and as an event on the ticket.
public struct OutboxSender: Sendable {
    let settings: SMTPSettings
    let storage: any TicketStorage
    let logger: Logger
    /// Test hook: `TICKETD_FAULT=kill-before-send` kills the process right before the first send.
    let killBeforeSend: Bool

    public init(settings: SMTPSettings, storage: any TicketStorage, logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.settings = settings
        self.storage = storage
        self.logger = logger
        killBeforeSend = environment["TICKETD_FAULT"] == "kill-before-send"
    }

    /// What one flush did.
    public struct Summary: Sendable, Equatable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
        /// The transport error that stopped the flush, if the server could not be used at all.
        public var unreachable: TransportError?
    }

    /// Sends every due mail. Blocking: run it on the outbox worker thread.
    public func flush(now: @Sendable () -> Date) throws -> Summary {
        var summary = Summary()
        let due = try storage.dueOutbox(now: now(), limit: 500)
        guard !due.isEmpty else { return summary }
        let client: SMTPClient
        do {
            client = try SMTPClient(endpoint: settings.endpoint)
        } catch {
            summary.unreachable = error
            return summary
        }
        sending: for entry in due {
            if killBeforeSend { kill(getpid(), SIGKILL) }
            var entryLogger = logger
            entryLogger[metadataKey: "ticket.number"] = "\(entry.ticket)"
            entryLogger[metadataKey: "mail.id"] = "\(entry.messageID)"
            do {
                try client.send(entry.raw, from: entry.envelopeSender, to: entry.recipients)
                try storage.markSent(outboxID: entry.id, at: now())
                summary.sent += 1
                entryLogger.info("sent", metadata: ["mail.kind": "\(entry.kind)", "mail.to": "\(entry.recipients.joined(separator: ","))"])
            } catch let error as TransportError {
                if error.isTransient {
                    let delay = min(60.0 * pow(2, Double(entry.attempts)), 3600)
                    try storage.markFailed(outboxID: entry.id, reason: error.description, retryAt: now() + delay, now: now())
                    summary.deferred += 1
                    entryLogger.warning("deferred", metadata: ["error": "\(error)", "retry_in_s": "\(Int(delay))"])
                    if case .unreachable = error {
                        summary.unreachable = error
                        break sending
                    }
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
