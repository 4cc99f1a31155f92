import BusinessTime
import Foundation
import MailMessage

/// Everything the store needs to decide, inside its transaction, what a message or a timer does:
/// the intake planner, the promise policy, the mail composer and who mail is sent as.
public struct DeskRules: Sendable {
    public var planner: IntakePlanner
    public var policy: PromisePolicy
    public var composer: TicketMailComposer
    /// Sender identity per queue: the support address and the envelope sender.
    public var senders: [String: Sender]
    /// Used for queues without their own sender.
    public var defaultSender: Sender
    /// Loop guards on acknowledgements.
    public var limits: AcknowledgementLimits
    /// Queues with their own calendar or SLA (`[sla.queue.NAME]`); others use `policy`.
    public var queuePolicies: [String: PromisePolicy]
    /// Channels with their own targets (`[sla.channel.NAME]`, e.g. phone); they win over the queue's.
    public var channelPolicies: [String: PromisePolicy] = [:]
    /// When set, mail about a ticket leaves with a VERP envelope sender naming the ticket.
    public var bounceAddress: BounceAddress?
    /// Staff by mail: verification, commands, notifications. Nil: no staff key is loaded, so no
    /// staff mail can be verified (every one is held) and nobody is notified.
    public var staff: StaffDesk?
    /// A customer's own commands (`close`, thanks) in their mail.
    public var customerCommands = CustomerCommandReader()
    /// Everyone on the desk (`[[staff]]` and `daemon.staff`), whether or not their mail can be verified.
    public var roster = StaffRoster()
    /// `[request_type.NAME]`: request types that run their own process.
    public var requestTypes: [String: RequestType] = [:]
    /// The knowledge base (`[kb]`) and how many articles an acknowledgement suggests.
    public var knowledge = KnowledgeBase.empty
    public var suggestions = 0
    /// `[assignment]` policies and the stand-ins of `[[absence]]`.
    public var assignment = AssignmentSettings()
    /// The admin's `[[rule]]`s, run in file order on every mail that opens a ticket.
    public var ruleSet = RuleSet.empty
    /// `[organisations]`: mail domain → organisation name (rules' `organisation` field).
    public var organisations: [String: String] = [:]
    /// `[[contract]]`: support contracts with free hours, and `[[reminder]]`s of their renewal.
    public var contracts: [SupportContract] = []
    public var reminders: [ContractReminder] = []
    /// `[sla.priority.NAME]`: targets that override the queue's (or channel's) for tickets of that priority.
    public var priorityTargets: [String: PriorityTargets] = [:]

    /// Who mail about a ticket comes from.
    public struct Sender: Sendable {
        public var address: MailAddress
        public var envelopeSender: String

        public init(address: MailAddress, envelopeSender: String) {
            self.address = address
            self.envelopeSender = envelopeSender
        }
    }

    public init(
        planner: IntakePlanner, policy: PromisePolicy, composer: TicketMailComposer, senders: [String: Sender], defaultSender: Sender,
        limits: AcknowledgementLimits = AcknowledgementLimits(), queuePolicies: [String: PromisePolicy] = [:]
    ) {
        self.limits = limits
        self.queuePolicies = queuePolicies
        self.planner = planner
        self.policy = policy
        self.composer = composer
        self.senders = senders
        self.defaultSender = defaultSender
    }

    /// The promise policy of `queue`, or of `channel` when that has its own; a priority with
    /// its own targets (`[sla.priority.urgent]`) sets those over it, keeping the calendar.
    public func policy(forQueue queue: String, channel: String = "email", priority: String = "normal") -> PromisePolicy {
        var policy = channelPolicies[channel] ?? queuePolicies[queue] ?? self.policy
        if let targets = priorityTargets[priority] {
            if let value = targets.firstResponse { policy.firstResponse = value }
            if let value = targets.updateInterval { policy.updateInterval = value }
        }
        return policy
    }

    /// The organisation of a sender's domain: its `[organisations]` name, else the domain itself.
    public func organisation(ofDomain domain: String) -> String? {
        domain.isEmpty ? nil : organisations[domain.lowercased()] ?? domain.lowercased()
    }

    /// The composer with `queue`'s policy (its business hours and time zone in customer mail).
    public func composer(forQueue queue: String) -> TicketMailComposer {
        var composer = self.composer
        composer.policy = policy(forQueue: queue)
        return composer
    }

    /// These rules with extra staff absences (e.g. entered with `ticketd staff away`) in every policy.
    public func adding(absences: [AbsenceCalendar.Absence]) -> DeskRules {
        guard !absences.isEmpty else { return self }
        var rules = self
        rules.policy.absences += absences
        for key in rules.queuePolicies.keys { rules.queuePolicies[key]?.absences += absences }
        for key in rules.channelPolicies.keys { rules.channelPolicies[key]?.absences += absences }
        return rules
    }

    /// The envelope for mail about `ticket` of `queue`, threaded onto `inReplyTo` and `references`.
    public func envelope(ticket: Int, queue: String, inReplyTo: String?, references: [String]) -> TicketMailComposer.Envelope {
        let sender = senders[queue] ?? defaultSender
        let envelopeSender = bounceAddress?.encode(sender.envelopeSender, ticket: ticket) ?? sender.envelopeSender
        return .init(from: sender.address, envelopeSender: envelopeSender, inReplyTo: inReplyTo, references: references)
    }
}

/// A priority's own answer targets (`[sla.priority.NAME]`); unset ones come from the queue's policy.
public struct PriorityTargets: Sendable, Equatable {
    public var firstResponse: BusinessDuration?
    public var updateInterval: BusinessDuration?

    public init(firstResponse: BusinessDuration? = nil, updateInterval: BusinessDuration? = nil) {
        self.firstResponse = firstResponse
        self.updateInterval = updateInterval
    }
}

/// Backstops against mail loops: a sender writing too fast, or one address getting too many
/// acknowledgements in a day, still has every mail threaded — but acknowledged no more.
public struct AcknowledgementLimits: Sendable, Equatable {
    /// More than this many messages from one sender within `senderWindow` → no acknowledgement.
    public var messagesPerSender: Int
    public var senderWindow: TimeInterval
    /// At most this many acknowledgements to one address per 24 hours.
    public var acknowledgementsPerRecipientPerDay: Int
    /// A new ticket whose text is (near-)identical to this many other new tickets' within
    /// `sameTextWindow` is not acknowledged: one text from many never-seen senders is spam with
    /// forged senders, and answering it is backscatter.
    public var sameTextTickets: Int
    public var sameTextWindow: TimeInterval
    /// How alike two texts must be (estimated Jaccard similarity of word triples) to count.
    public var sameTextSimilarity = 0.9
    /// Texts shorter than this many words are never compared: short identical requests
    /// ("Please help.", "The site is down") come from real people during an outage.
    public var sameTextMinimumWords = 12
    /// At most this many acknowledgements in all within `acknowledgementWindow`; 0: no limit
    /// (the default: a backlog after an outage, or a real flood of customers, must still be answered).
    public var acknowledgementsPerWindow: Int
    public var acknowledgementWindow: TimeInterval

    public init(
        messagesPerSender: Int = 5, senderWindow: TimeInterval = 600, acknowledgementsPerRecipientPerDay: Int = 10,
        sameTextTickets: Int = 3, sameTextWindow: TimeInterval = 3_600, acknowledgementsPerWindow: Int = 0, acknowledgementWindow: TimeInterval = 600
    ) {
        self.messagesPerSender = messagesPerSender
        self.senderWindow = senderWindow
        self.acknowledgementsPerRecipientPerDay = acknowledgementsPerRecipientPerDay
        self.sameTextTickets = sameTextTickets
        self.sameTextWindow = sameTextWindow
        self.acknowledgementsPerWindow = acknowledgementsPerWindow
        self.acknowledgementWindow = acknowledgementWindow
    }

    /// Why an acknowledgement was withheld: the key `report` counts it under.
    public enum Guard: String, Sendable, CaseIterable {
        case perSender = "per_sender", perRecipient = "per_recipient", sameText = "same_text", rate
    }
}
