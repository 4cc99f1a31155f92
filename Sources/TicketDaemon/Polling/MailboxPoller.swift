import Foundation
import Logging
import MailTransport
import TicketConfig
import TicketCore
import TicketStore

/// Fetches new mail from one IMAP mailbox, stores it, then moves it out of the inbox.
///
/// The order is the safety: a message is committed to the store before it is moved on the
/// server, and our own record of (UIDVALIDITY, UID) — not the server's flags — says what was
/// seen. A crash anywhere means the next poll fetches the message again and the store
/// recognises it.
public struct MailboxPoller: Sendable {
    public let mailbox: MailboxSettings
    let pipeline: IntakePipeline
    let logger: Logger
    /// Messages fetched per IMAP command.
    let batchSize: Int

    public init(mailbox: MailboxSettings, pipeline: IntakePipeline, logger: Logger, batchSize: Int = 50) {
        self.mailbox = mailbox
        self.pipeline = pipeline
        var logger = logger
        logger[metadataKey: "imap.mailbox"] = "\(mailbox.name)"
        self.logger = logger
        self.batchSize = batchSize
    }

    /// What one poll did.
    public struct Summary: Sendable, Equatable {
        public var fetched = 0
        public var stored = 0
        public var duplicates = 0
        public var tickets = 0
    }

    /// One poll. Blocking: run it on the mailbox's worker thread.
    public func poll(now: @Sendable () -> Date) throws -> Summary {
        let storage = pipeline.storage
        let session = try IMAPSession(endpoint: mailbox.endpoint)
        let status = try session.select(mailbox.endpoint.mailboxName)
        var state = try storage.syncState(mailbox: mailbox.name)
        if let known = state, known.uidValidity != status.uidValidity {
            logger.warning("UIDVALIDITY changed: resyncing the whole folder, duplicates are recognised by content",
                metadata: ["imap.uidvalidity.old": "\(known.uidValidity)", "imap.uidvalidity.new": "\(status.uidValidity)"])
            state = nil
        }
        var sync = state ?? MailboxSyncState(mailbox: mailbox.name, uidValidity: status.uidValidity, lastUID: 0)
        var summary = Summary()
        guard status.exists > 0 else { return summary }
        let uids = try session.uids(from: sync.lastUID + 1)
        var foldersReady = false
        for start in stride(from: 0, to: uids.count, by: batchSize) {
            let batch = Array(uids[start..<min(start + batchSize, uids.count)])
            var processed: [UInt32] = []
            var dropped: [UInt32] = []
            for message in try session.fetch(batch) {
                summary.fetched += 1
                let source = SourceKey(mailbox: mailbox.name, uidValidity: status.uidValidity, uid: message.uid)
                let outcome = try pipeline.ingest(
                    raw: message.bytes, source: source, mailbox: mailbox.name, internalDate: message.internalDate, now: now())
                switch outcome {
                case .duplicate:
                    summary.duplicates += 1
                    processed.append(message.uid)
                case let .stored(ticket, action, _):
                    summary.stored += 1
                    if case .drop = action { dropped.append(message.uid) } else { processed.append(message.uid) }
                    if case .open = action { summary.tickets += 1 }
                    logger.info("stored message", metadata: [
                        "imap.uid": "\(message.uid)", "ticket.number": "\(ticket.map(String.init) ?? "-")",
                        "intake.action": "\(Self.describe(action))",
                    ])
                }
            }
            sync.lastUID = max(sync.lastUID, batch.max() ?? 0)
            try storage.saveSyncState(sync)
            if !foldersReady {
                try session.ensureMailbox(mailbox.processedFolder)
                try session.ensureMailbox(mailbox.droppedFolder)
                foldersReady = true
            }
            try session.move(processed, to: mailbox.processedFolder)
            try session.move(dropped, to: mailbox.droppedFolder)
        }
        return summary
    }

    static func describe(_ action: IntakePlan.Action) -> String {
        switch action {
        case .open: "opened"
        case .append(_, let kind, let rule, _): "\(kind.rawValue) reply by \(rule.rawValue)"
        case .note: "noted"
        case let .drop(key): "dropped (\(key))"
        }
    }
}
