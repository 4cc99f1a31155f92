import BusinessTime
import Foundation
import MailMessage
import SpamFilter
import TicketConfig
import TicketCore
import TicketStore

/// Turns raw mail into stored tickets and queued acknowledgements, with the config's policy.
///
/// Built once per config; blocking (it writes the store): call it from a worker thread.
public struct IntakePipeline: Sendable {
    public let storage: any TicketStorage
    /// The decisions' inputs: planner, promise policy, composer, senders.
    public let rules: DeskRules
    /// Where attachment bytes are filed before the message that lists them is committed.
    public let attachments: AttachmentStore
    let config: TicketdConfig
    /// Called after a commit that queued outgoing mail (a stored message's acknowledgement, a
    /// fired timer's follow-up): the daemon wakes its outbox sender with it.
    let committed: @Sendable () -> Void

    /// `keyring` signs and checks staff reply tokens; nil holds every staff mail.
    public init(loaded: LoadedConfig, storage: any TicketStorage, keyring: StaffKeyring?, committed: @escaping @Sendable () -> Void = {}) {
        let config = loaded.config
        self.config = config
        self.committed = committed
        self.storage = storage
        self.attachments = AttachmentStore(directory: config.attachments.directory, maxSize: config.attachments.maxSize)
        self.rules = DeskRules(loaded: loaded, keyring: keyring)
    }

    /// Stores one message that arrived through `mailbox` (a configured name, or nil for the first one).
    ///
    /// - Parameter released: staff released it from the spam list: no spam check, and it trains ham.
    public func ingest(raw: [UInt8], source: SourceKey?, mailbox name: String?, internalDate: Date?, now: Date, released: Bool = false) throws -> IngestOutcome {
        let mailbox = mailbox(named: name)
        var mail = IncomingMail(raw: raw, source: source, mailbox: mailbox.name, receivedAt: now, internalDate: internalDate)
        var rules = try currentRules()
        if released {
            rules.planner.upstream = UpstreamSpamVerdict(trustedHosts: [])
            try storage.train(TokenDelta(training: SpamTokenizer.default.tokens(for: mail.message), as: .ham))
        } else {
            mail.spam = try assessSpam(mail.message)
        }
        mail.attachments = try attachments.file(mail.message.attachments)
        let outcome = try storage.ingest(mail, queue: mailbox.queue, rules: rules, now: now)
        if outcome.queuedMail { committed() }
        return outcome
    }

    /// The configured mailbox `name`, or the first one.
    func mailbox(named name: String?) -> MailboxSettings {
        config.mailboxes.first { $0.name == name } ?? config.mailboxes[0]
    }

    /// One fetched message of a batch.
    public struct Fetched: Sendable {
        public var raw: [UInt8]
        public var source: SourceKey
        public var internalDate: Date?

        public init(raw: [UInt8], source: SourceKey, internalDate: Date?) {
            self.raw = raw
            self.source = source
            self.internalDate = internalDate
        }
    }

    /// Stores messages fetched from `mailbox` together: the rules and the spam filter's totals
    /// read once, and one store transaction for all (one sync to disk instead of one each).
    /// When the batch fails as a whole, each message is stored on its own, so that one that
    /// cannot be stored holds up only itself.
    public func ingest(batch: [Fetched], mailbox name: String, now: Date) throws -> [IngestOutcome] {
        let mailbox = mailbox(named: name)
        let rules = try currentRules()
        let totals = config.spam.enabled ? try storage.messageTotals() : nil
        var mails: [IncomingMail] = []
        for fetched in batch {
            var mail = IncomingMail(raw: fetched.raw, source: fetched.source, mailbox: mailbox.name, receivedAt: now, internalDate: fetched.internalDate)
            if let totals { mail.spam = try assessSpam(mail.message, totals: totals) }
            mail.attachments = try attachments.file(mail.message.attachments)
            mails.append(mail)
        }
        let outcomes: [IngestOutcome]
        do {
            outcomes = try storage.ingest(mails, queue: mailbox.queue, rules: rules, now: now)
        } catch {
            guard mails.count > 1 else { throw error }
            outcomes = try mails.map { try storage.ingest($0, queue: mailbox.queue, rules: rules, now: now) }
        }
        if outcomes.contains(where: \.queuedMail) { committed() }
        return outcomes
    }

    /// The rules with the absences (and stand-ins) entered by `ticketd staff away` since the config was loaded.
    public func currentRules() throws -> DeskRules {
        let stored = try storage.absences()
        var rules = rules.adding(absences: stored.compactMap(\.absence))
        rules.assignment.standIns += stored.compactMap { entry in
            guard let standIn = entry.standIn, let absence = entry.absence else { return nil }
            return try? StandIn(for: absence, standIn: standIn)
        }
        return rules
    }

    /// The built-in filter's verdict, once it has seen `spam.min_training` spam and ham messages.
    func assessSpam(_ message: MailMessage) throws -> SpamAssessment? {
        guard config.spam.enabled else { return nil }
        return try assessSpam(message, totals: try storage.messageTotals())
    }

    /// The built-in filter's verdict given the training totals.
    func assessSpam(_ message: MailMessage, totals: TokenCount) throws -> SpamAssessment? {
        guard totals.spam >= config.spam.minimumTraining, totals.ham >= config.spam.minimumTraining else { return nil }
        let result = try SpamClassifier.default.classify(SpamTokenizer.default.tokens(for: message), using: storage)
        return SpamAssessment(
            isSpam: result.verdict == .spam, score: result.score,
            reason: "spam filter: \(result.verdict.rawValue), score \(String(format: "%.4f", result.score))")
    }

    /// Fires due promise timers (warnings, slip follow-ups, alarms) at `now`.
    public func watchPromises(now: Date) throws -> Int {
        let queued = try storage.watchPromises(rules: try currentRules(), now: now)
        if queued > 0 { committed() }
        return queued
    }
}

extension IngestOutcome {
    /// Whether storing the message queued outgoing mail.
    var queuedMail: Bool {
        if case .stored(_, _, queuedMail: true) = self { true } else { false }
    }
}
