import Foundation
import TicketCore

/// One store transaction as the desk core sees it: a snapshot to decide on, and the application
/// of the decision's effects, both inside the same transaction.
public protocol DeskTransaction: DeskSnapshot {
    /// Applies `effects` in order. `incoming` is the mail a `storeIncoming` effect stores.
    /// Returns how many outgoing mails were queued (a key already in the outbox queues none).
    func apply(_ effects: [DeskEffect], incoming: IncomingMail?, now: Date) throws -> Int
}

/// Where desk decisions are made and applied: a backend runs each in one write transaction.
///
/// Synchronous on purpose: every caller runs on a dedicated worker thread (pollers, the outbox
/// sender, the CLI), never on Swift's cooperative pool; a server-database backend blocks that
/// worker thread on its own client, not the pool.
public protocol DeskStore {
    /// Runs `body` in one write transaction; a throw rolls everything back.
    func withDeskTransaction<T>(_ body: (any DeskTransaction) throws -> T) throws -> T
    /// Every open ticket with a running promise, with its queue and its place in that queue.
    func watchedTickets() throws -> [(queue: String, ticket: WatchedTicket)]
}

extension DeskStore {
    /// Stores `mail` and applies the core's decision in one transaction: the message, the
    /// ticket, events, threading keys, the promise and, for a new ticket, the acknowledgement in
    /// the outbox. A message stored before (same IMAP position, or same fingerprint) changes nothing.
    public func ingest(_ mail: IncomingMail, queue: String, rules: DeskRules, now: Date) throws -> IngestOutcome {
        try withDeskTransaction { transaction in try Self.ingest(mail, into: transaction, queue: queue, rules: rules, now: now) }
    }

    /// Stores a fetched batch in one transaction (one commit and one sync to disk for all): each
    /// mail decided on a snapshot that holds the ones before it. All or none: a failure rolls the
    /// whole batch back.
    public func ingest(_ mails: [IncomingMail], queue: String, rules: DeskRules, now: Date) throws -> [IngestOutcome] {
        try withDeskTransaction { transaction in
            try mails.map { try Self.ingest($0, into: transaction, queue: queue, rules: rules, now: now) }
        }
    }

    private static func ingest(_ mail: IncomingMail, into transaction: any DeskTransaction, queue: String, rules: DeskRules, now: Date) throws -> IngestOutcome {
        let core = DeskCore(rules: rules)
        let decision = try core.intake(mail, queue: queue, snapshot: transaction, now: now)
        guard let plan = decision.plan else { return .duplicate }
        var queued = try transaction.apply(decision.effects, incoming: mail, now: now)
        if decision.effects.contains(where: { if case .logTime = $0 { true } else { false } }) {
            queued += try transaction.apply(try core.watchContracts(snapshot: transaction, now: now), incoming: nil, now: now)
        }
        return .stored(ticket: decision.ticket, action: plan.action, queuedMail: queued > 0)
    }

    /// Moves the open tickets of agents whose absence has started, then fires due promise timers
    /// at `now`: staff warnings, and for each slipped promise one follow-up to the customer with a
    /// new promise, a staff alarm and (second slip) an escalation — each in its own transaction,
    /// keyed so that it happens once. When more than `digestAfter` promises slip at once, the
    /// follow-ups and one digest per staff member go out in one transaction instead of the alarms.
    /// Returns how many mails were queued.
    public func watchPromises(rules: DeskRules, now: Date) throws -> Int {
        let core = DeskCore(rules: rules)
        var queued = try withDeskTransaction { transaction in
            try transaction.apply(try core.reassignAbsent(snapshot: transaction, now: now), incoming: nil, now: now)
        }
        queued += try withDeskTransaction { transaction in
            try transaction.apply(try core.assignWaiting(snapshot: transaction, now: now), incoming: nil, now: now)
        }
        queued += try withDeskTransaction { transaction in
            try transaction.apply(try core.watchSteps(snapshot: transaction, now: now), incoming: nil, now: now)
        }
        queued += try withDeskTransaction { transaction in
            try transaction.apply(try core.watchContracts(snapshot: transaction, now: now), incoming: nil, now: now)
        }
        let actions = Dictionary(grouping: try watchedTickets(), by: \.queue).flatMap { queue, tickets in
            PromiseWatcher(policy: rules.policy(forQueue: queue)).actions(for: tickets.map(\.ticket), now: now)
        }
        let (slips, warnings) = actions.reduce(into: ([PromiseAction](), [PromiseAction]())) { split, action in
            if case .slip = action { split.0.append(action) } else { split.1.append(action) }
        }
        let digest = rules.policy.digestAfter > 0 && slips.count > rules.policy.digestAfter
        for action in digest ? warnings : actions {
            queued += try withDeskTransaction { transaction in
                try transaction.apply(try core.watch(action, snapshot: transaction, now: now), incoming: nil, now: now)
            }
        }
        if digest {
            queued += try withDeskTransaction { transaction in
                try transaction.apply(try core.watchDigest(slips, snapshot: transaction, now: now), incoming: nil, now: now)
            }
        }
        return queued
    }

    /// Queues a staff answer to the customer, fulfils the running promise, and sets the ticket waiting.
    public func staffReply(ticket: Int, from staff: String, text: String, rules: DeskRules, now: Date) throws -> OutgoingMail {
        try withDeskTransaction { transaction in
            let decision = try DeskCore(rules: rules).staffReply(ticket: ticket, from: staff, text: text, snapshot: transaction, now: now)
            _ = try transaction.apply(decision.effects, incoming: nil, now: now)
            return decision.mail
        }
    }

    /// Moves a ticket to `state` (reopening makes a new promise; waiting, resolved and closed stop the clock).
    public func changeState(ticket: Int, to state: TicketState, actor: String, rules: DeskRules, now: Date) throws {
        try withDeskTransaction { transaction in
            _ = try transaction.apply(
                try DeskCore(rules: rules).changeState(ticket: ticket, to: state, actor: actor, snapshot: transaction, now: now), incoming: nil, now: now)
        }
    }

    /// Gives `ticket` to `assignee`.
    public func assign(ticket: Int, to assignee: String, actor: String, rules: DeskRules, now: Date) throws {
        try withDeskTransaction { transaction in
            _ = try transaction.apply(
                try DeskCore(rules: rules).assign(ticket: ticket, to: assignee, actor: actor, snapshot: transaction, now: now), incoming: nil, now: now)
        }
    }

    /// Relays the staff mail held on `ticket` after review, as if it had been verified; returns
    /// how many held mails were released and how many mails that queued.
    public func release(ticket: Int, by actor: String, rules: DeskRules, now: Date) throws -> (released: Int, queued: Int) {
        try withDeskTransaction { transaction in
            let effects = try DeskCore(rules: rules).release(ticket: ticket, by: actor, snapshot: transaction, now: now)
            let released = effects.filter { if case .releaseHeld = $0 { true } else { false } }.count
            return (released, try transaction.apply(effects, incoming: nil, now: now))
        }
    }

    /// Moves a ticket with a request type to a step (or the next one); returns how many mails were queued.
    public func step(ticket: Int, to target: StepTarget, actor: String, rules: DeskRules, now: Date) throws -> Int {
        try withDeskTransaction { transaction in
            try transaction.apply(try DeskCore(rules: rules).step(ticket: ticket, to: target, actor: actor, snapshot: transaction, now: now), incoming: nil, now: now)
        }
    }

    /// Logs work time on `ticket` and, in the same transaction, queues the contract notices the
    /// hours now cross. Returns the stored entry and how many mails were queued.
    public func logTime(
        ticket: Int, staff: String, minutes: Int, note: String?, at: Date?, actor: String, rules: DeskRules, now: Date
    ) throws -> (entry: TimeEntry, queued: Int) {
        try withDeskTransaction { transaction in
            let core = DeskCore(rules: rules)
            var queued = try transaction.apply(
                try core.logTime(ticket: ticket, staff: staff, minutes: minutes, note: note, at: at, actor: actor, snapshot: transaction, now: now),
                incoming: nil, now: now)
            queued += try transaction.apply(try core.watchContracts(snapshot: transaction, now: now), incoming: nil, now: now)
            // The entry just stored has the highest id of the ticket's.
            guard let entry = try transaction.timeEntries(ticket: ticket).max(by: { ($0.id ?? 0) < ($1.id ?? 0) }) else {
                throw DeskError.noSuchTicket(ticket)
            }
            return (entry, queued)
        }
    }

    /// Removes a time entry logged by mistake.
    public func removeTime(ticket: Int, entry: Int64, actor: String, rules: DeskRules, now: Date) throws {
        try withDeskTransaction { transaction in
            _ = try transaction.apply(try DeskCore(rules: rules).removeTime(ticket: ticket, entry: entry, actor: actor, snapshot: transaction, now: now), incoming: nil, now: now)
        }
    }

    /// Opens a ticket from another channel (phone, chat) and acknowledges it by mail.
    public func createTicket(channel: String, customer: Customer, subject: String, text: String, queue: String, rules: DeskRules, now: Date) throws -> Int {
        try withDeskTransaction { transaction in
            let decision = try DeskCore(rules: rules).createTicket(
                channel: channel, customer: customer, subject: subject, text: text, queue: queue, snapshot: transaction, now: now)
            _ = try transaction.apply(decision.effects, incoming: nil, now: now)
            return decision.number
        }
    }
}
