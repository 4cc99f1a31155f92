import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// Walks the TOML tree, collecting errors and warnings with source positions.
struct ConfigReader {
    let path: String
    let map: ConfigSourceMap
    let baseDirectory: String
    var errors: [ConfigIssue] = []
    var warnings: [ConfigIssue] = []

    mutating func error(_ key: String, _ message: String) {
        let (line, column) = map.position(of: key)
        errors.append(ConfigIssue(file: path, line: line, column: column, message: message))
    }

    mutating func warn(_ key: String, _ message: String) {
        let (line, column) = map.position(of: key)
        warnings.append(ConfigIssue(file: path, line: line, column: column, message: "warning: \(message)"))
    }

    /// The whole config: each section read by its own `ConfigReader+Section` file; nil when a
    /// section the rest depends on (`[daemon]`, `[smtp]`) is unusable.
    mutating func readConfig(_ root: TOMLTable) -> TicketdConfig? {
        warnUnknown(root, prefix: "", known: ["daemon", "mailbox", "smtp", "calendar", "sla", "absence", "spam", "limits", "organisations", "metrics", "attachments", "staff", "rule", "assignment", "kb", "request_type", "contract", "reminder", "store"])
        let daemonTable = table(root, "daemon")
        let mailboxes = readMailboxes(root)
        let smtp = readSMTP(table(root, "smtp"))
        let daemon = readDaemon(daemonTable, firstAddress: mailboxes.first?.address)
        guard let smtp, let daemon else { return nil }
        let staff = readStaff(root, plainAddresses: daemon.staff)
        let absences = readAbsences(root, staff: staff)
        let promises = readPromisePolicy(root, daemon: daemon, staff: staff, absences: absences.absences)
        let queuePromises = readQueuePolicies(table(root, "sla"), group: "queue", base: promises)
        let channelPromises = readQueuePolicies(table(root, "sla"), group: "channel", base: promises)
        let organisations = readOrganisations(table(root, "organisations"))
        let spam = readSpam(table(root, "spam"))
        let limits = readLimits(table(root, "limits"))
        let metrics = readMetrics(table(root, "metrics"))
        let attachments = readAttachments(table(root, "attachments"), stateDirectory: daemon.stateDirectory)
        var config = TicketdConfig(path: path, daemon: daemon, mailboxes: mailboxes, smtp: smtp, promises: promises, spam: spam, queuePromises: queuePromises,
            channelPromises: channelPromises, organisations: organisations, limits: limits, metrics: metrics,
            attachments: attachments, staff: staff, rules: .empty)
        config.assignment = readAssignment(table(root, "assignment"), queues: config.knownQueues, standIns: absences.standIns)
        let references = RuleReferences(
            queues: config.knownQueues, requestTypes: Set(table(root, "request_type")?.keys ?? []), staff: staff.addresses)
        config.rules = readRules(root, references: references)
        config.requestTypes = readRequestTypes(
            table(root, "request_type"), queues: config.knownQueues, skills: Set(staff.members.flatMap(\.skills)))
        config.priorityTargets = readPriorityTargets(table(root, "sla"))
        config.knowledge = readKnowledge(table(root, "kb"))
        config.contracts = readContracts(
            root, organisations: organisations, queues: config.knownQueues, defaultQueue: mailboxes.first?.queue ?? "support")
        config.reminders = readReminders(root)
        config.store = readStore(table(root, "store"))
        return config
    }
}
