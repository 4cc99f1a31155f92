import Foundation
import MailMessage
import TicketConfig
import TicketCore
import TicketStore

/// Turns raw mail into stored tickets and queued acknowledgements, with the config's policy.
///
/// Built once per config; blocking (it writes the store): call it from a worker thread.
public struct IntakePipeline: Sendable {
    public let storage: any TicketStorage
    let planner: IntakePlanner
    let composer: AcknowledgementComposer
    let config: TicketdConfig

    public init(loaded: LoadedConfig, storage: any TicketStorage) {
        let config = loaded.config
        self.config = config
        self.storage = storage
        let ownAddresses = Set(config.mailboxes.map(\.address))
        let daemon = config.daemon
        planner = IntakePlanner(
            detector: AutomatedMailDetector(ownAddresses: ownAddresses, ownMessageIDDomain: daemon.messageIDDomain),
            matcher: ThreadMatcher(
                tagFormat: daemon.tagFormat, ownMessageIDDomain: daemon.messageIDDomain,
                staffAddresses: daemon.staff, subjectWindow: daemon.subjectWindow),
            defaultLanguage: daemon.defaultLanguage
        )
        composer = AcknowledgementComposer(
            templates: loaded.templates, tagFormat: daemon.tagFormat,
            messageIDDomain: daemon.messageIDDomain, teamName: daemon.teamName)
    }

    /// Stores one message that arrived through `mailbox` (a configured name, or nil for the first one).
    public func ingest(raw: [UInt8], source: SourceKey?, mailbox name: String?, internalDate: Date?, now: Date) throws -> IngestOutcome {
        let mailbox = config.mailboxes.first { $0.name == name } ?? config.mailboxes[0]
        let mail = IncomingMail(raw: raw, source: source, mailbox: mailbox.name, receivedAt: now, internalDate: internalDate)
        let sender = MailAddress(address: mailbox.address, name: config.daemon.teamName)
        let envelopeSender = config.smtp.envelopeSender ?? mailbox.address
        let composer = self.composer
        return try storage.ingest(mail, queue: mailbox.queue, planner: planner, now: now) { ticket, mail in
            composer.compose(
                ticket: ticket, original: mail.message, from: sender, envelopeSender: envelopeSender,
                promise: .init(formatted: nil, businessHours: nil), now: now)
        }
    }
}
