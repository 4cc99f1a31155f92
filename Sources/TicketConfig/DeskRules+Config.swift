import MailMessage
import TicketCore

extension DeskRules {
    /// The desk's rules as the config sets them: built once per config load and shared by the
    /// daemon and every CLI command that decides something. Without `keyring` (the staff key
    /// file could not be read) no staff mail can be verified: every one is held.
    public init(loaded: LoadedConfig, keyring: StaffKeyring?) {
        let config = loaded.config
        let ownAddresses = Set(config.mailboxes.map(\.address))
        let daemon = config.daemon
        var planner = IntakePlanner(
            detector: AutomatedMailDetector(ownAddresses: ownAddresses, ownMessageIDDomain: daemon.messageIDDomain),
            matcher: ThreadMatcher(
                tagFormat: daemon.tagFormat, ownMessageIDDomain: daemon.messageIDDomain,
                staffAddresses: config.staff.addresses, subjectWindow: daemon.subjectWindow, reopenWindow: daemon.reopenWindow,
                foldPlusAddressing: daemon.foldPlusAddressing),
            defaultLanguage: daemon.defaultLanguage,
            upstream: UpstreamSpamVerdict(trustedHosts: config.spam.trustedHosts)
        )
        let composer = TicketMailComposer(
            templates: loaded.templates, tagFormat: daemon.tagFormat, messageIDDomain: daemon.messageIDDomain,
            teamName: daemon.teamName, policy: config.promises, staffLanguage: daemon.defaultLanguage)
        var senders: [String: DeskRules.Sender] = [:]
        for mailbox in config.mailboxes where senders[mailbox.queue] == nil {
            senders[mailbox.queue] = DeskRules.Sender(
                address: MailAddress(address: mailbox.address, name: daemon.teamName),
                envelopeSender: config.smtp.envelopeSender ?? mailbox.address)
        }
        let first = config.mailboxes[0]
        let bounceAddress = config.smtp.verpDelimiter.map { BounceAddress(delimiter: $0, bases: Set(senders.values.map(\.envelopeSender))) }
        planner.bounceAddress = bounceAddress
        self.init(
            planner: planner, policy: config.promises, composer: composer, senders: senders,
            defaultSender: senders[first.queue] ?? DeskRules.Sender(address: MailAddress(address: first.address), envelopeSender: first.address),
            limits: config.limits, queuePolicies: config.queuePromises)
        channelPolicies = config.channelPromises
        priorityTargets = config.priorityTargets
        ruleSet = config.rules
        roster = config.staff
        assignment = config.assignment
        knowledge = config.knowledge.base
        requestTypes = config.requestTypes
        contracts = config.contracts
        reminders = config.reminders
        suggestions = config.knowledge.suggest
        organisations = config.organisations
        self.bounceAddress = bounceAddress
        if let keyring {
            let verifier = StaffMailVerifier(
                roster: config.staff, keyring: keyring, deskAddresses: ownAddresses, recipientDelimiter: config.smtp.recipientDelimiter,
                authservID: daemon.authservID)
            staff = StaffDesk(verifier: verifier, queues: config.knownQueues)
        }
    }
}
