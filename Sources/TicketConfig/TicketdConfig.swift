import Foundation
import MailTransport
import TicketCore

/// The whole configuration: an immutable value, decoded in one place (`ConfigLoader`).
///
/// Every key has a working default except the ones the contract requires
/// (`[[mailbox]]` url/user/password/address, `[smtp]` url).
public struct TicketdConfig: Sendable {
    /// The file it was read from.
    public var path: String
    public var daemon: DaemonSettings
    public var mailboxes: [MailboxSettings]
    public var smtp: SMTPSettings
    /// `[calendar]`, `[sla]` and `[[absence]]`: how promises are made and watched.
    public var promises: PromisePolicy
    public var spam: SpamSettings
    /// `[sla.queue.NAME]`: queues with their own calendar or targets.
    public var queuePromises: [String: PromisePolicy]
    /// `[sla.channel.NAME]`: channels (phone, chat, …) with their own targets.
    public var channelPromises: [String: PromisePolicy]
    /// `[sla.priority.NAME]`: answer targets of a priority, over the queue's or channel's.
    public var priorityTargets: [String: PriorityTargets] = [:]
    /// `[organisations]`: mail domains that belong to one customer organisation (domain = "name").
    public var organisations: [String: String]
    /// `[limits]`: loop guards on acknowledgements.
    public var limits: AcknowledgementLimits
    /// `[metrics]`: the Prometheus endpoint; nil (metrics off) without `listen`.
    public var metrics: MetricsSettings?
    /// `[attachments]`: attachment files and their size limit.
    public var attachments: AttachmentSettings
    /// `[[staff]]` entries and the plain `daemon.staff` addresses, as one roster.
    public var staff: StaffRoster
    /// `[[rule]]`: admin rules, compiled once per load, run in file order on every new ticket.
    public var rules: RuleSet
    /// `[assignment]` (with `[assignment.queue.NAME]`) and the stand-ins of `[[absence]]`: who gets new tickets.
    public var assignment = AssignmentSettings()
    /// `[kb]`: the knowledge base and how many articles acknowledgements suggest.
    public var knowledge = KnowledgeSettings()
    /// `[request_type.NAME]`: request types with their own process, by name. A ticket gets one from
    /// a rule (`request_type = "NAME"`); drive it with `StepMachine` and watch it with `StepWatcher`.
    public var requestTypes: [String: RequestType] = [:]
    /// `[[contract]]`: support contracts with free hours per period.
    public var contracts: [SupportContract] = []
    /// `[[reminder]]`: mail to every contract's contact before its renewal.
    public var reminders: [ContractReminder] = []
    /// `[store]`: SQLite in `state_dir` (the default) or a PostgreSQL that several daemons share.
    public var store = StoreSettings()
}

extension TicketdConfig {
    /// Every queue the config names: a `[[mailbox]]`'s `queue`, an `[sla.queue.NAME]` section or a
    /// `[[staff]]` entry's `queues`.
    public var knownQueues: Set<String> {
        Set(mailboxes.map(\.queue)).union(queuePromises.keys).union(staff.members.flatMap(\.queues))
    }
}

/// `[attachments]`: where attachment files are stored and the largest one whose bytes are kept.
public struct AttachmentSettings: Sendable, Equatable {
    /// The folder of content-addressed files (`directory`, default `STATE_DIR/attachments`).
    public var directory: String
    /// Larger attachments are listed but not stored (`max_size`, default `"25MB"`; `0` stores none).
    public var maxSize: Int
}

/// `[kb]`: Markdown articles staff insert with `#kb SLUG`, and suggestions in acknowledgements.
public struct KnowledgeSettings: Sendable {
    /// The folder of `<lang>/<slug>.md` files (`directory`, default none).
    public var directory: String?
    /// Articles an acknowledgement suggests, 0 to 10 (`suggest`, default 0: none).
    public var suggest = 0
    /// The articles of `directory`, read when the config is loaded (and so again on SIGHUP).
    public var base = KnowledgeBase.empty
}

/// `[spam]`: the built-in filter and upstream verdicts.
public struct SpamSettings: Sendable {
    /// Use the built-in filter (`enabled`, default true).
    public var enabled: Bool
    /// Spam and ham messages each that must be trained before the filter drops anything (`min_training`, default 20).
    public var minimumTraining: Int
    /// Hosts whose SpamAssassin/rspamd headers are believed (`trusted_hosts`, default none).
    public var trustedHosts: Set<String>
}

/// `[daemon]`: process-wide settings.
public struct DaemonSettings: Sendable {
    /// Where the database and spool live (`state_dir`, default `/var/lib/ticketd`).
    public var stateDirectory: String
    /// IANA time zone for business hours and holidays (`timezone`, default `UTC`).
    public var timeZone: TimeZone
    /// Seconds between polls (`poll_interval`, default `60s`).
    public var pollInterval: Int
    /// Language when none is detected (`default_language`, default `en`).
    public var defaultLanguage: String
    /// Subject tag format (`tag_prefix`, default empty: `[#123]`).
    public var tagFormat: TicketTagFormat
    /// Signature in templates (`team_name`, default `Support`).
    public var teamName: String
    /// Domain of ticketd's Message-IDs (`message_id_domain`, default the first mailbox address's domain).
    public var messageIDDomain: String
    /// Staff addresses (`staff`): their mail on a ticket is a staff answer.
    public var staff: Set<String>
    /// The authserv-id of the MTA in front of the desk (`authserv_id`, e.g. `mx.example.com`): its
    /// topmost Authentication-Results header may verify staff mail. Nil (the default): only reply
    /// tokens verify staff mail.
    public var authservID: String?
    /// A folder of `<lang>/<kind>.mustache` files overriding the built-in templates (`templates_dir`).
    public var templatesDirectory: String?
    /// How long the subject fallback of threading looks back (`subject_window`, seconds; default 30 days).
    public var subjectWindow: TimeInterval
    /// A customer reply reopens a resolved ticket within this time of its last activity, else opens
    /// a new linked ticket (`reopen_window`, default 30 days).
    public var reopenWindow: TimeInterval
    /// Treat `name+tag@domain` as `name@domain` (`fold_plus_addressing`, default false).
    public var foldPlusAddressing: Bool

    /// The SQLite database file.
    public var databasePath: String { (stateDirectory as NSString).appendingPathComponent("ticketd.sqlite") }
}

/// One `[[mailbox]]`.
public struct MailboxSettings: Sendable {
    public var name: String
    public var endpoint: MailServerEndpoint
    /// The support address customers write to; acknowledgements come from it.
    public var address: String
    /// Tickets from this mailbox go to this queue (`queue`, default the mailbox name).
    public var queue: String
    /// Processed mail is moved here (`processed_folder`, default `Processed`).
    public var processedFolder: String
    /// Mail that is not a ticket is moved here (`dropped_folder`, default `Dropped`).
    public var droppedFolder: String
    /// Wait for new mail in IMAP IDLE between polls when the server offers it (`idle`, default true).
    public var idle = true
}

/// `[smtp]`: how outgoing mail leaves.
public struct SMTPSettings: Sendable {
    public var endpoint: MailServerEndpoint
    /// Envelope sender for all outgoing mail (`envelope_sender`, default the sending mailbox's address).
    public var envelopeSender: String?
    /// With `verp = true`: the MTA's recipient delimiter (`recipient_delimiter`, default `+`) used to
    /// put the ticket number into the envelope sender, so bounces find their ticket.
    public var verpDelimiter: Character?
    /// The MTA's recipient delimiter (`recipient_delimiter`, default `+`): staff reply addresses
    /// (`support+t42-…@`) and VERP senders put their extension after it.
    public var recipientDelimiter: Character = "+"
    /// How many SMTP connections send the outbox in parallel (`connections`, default 4).
    public var connections = SMTPSettings.defaultConnections
    /// `connections` when the config leaves it out.
    public static let defaultConnections = 4
    /// More parallel connections than an MTA's per-client limit usually allows.
    public static let maximumConnections = 16
}
