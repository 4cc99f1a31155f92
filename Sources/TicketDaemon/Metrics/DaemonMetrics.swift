import CoreMetrics
import Foundation
import Metrics
import Prometheus
import TicketCore
import TicketStore

/// The daemon's metrics, each named once here, recorded through swift-metrics into the factory
/// given (a Prometheus registry in `ticketd run`, nothing by default).
///
/// ```swift
/// let registry = PrometheusCollectorRegistry()
/// let metrics = DaemonMetrics(factory: DaemonMetrics.prometheusFactory(registry: registry))
/// metrics.sent(kind: "ack")
/// registry.emitToString()  // … ticketd_mail_sent_total{kind="ack"} 1
/// ```
public struct DaemonMetrics: Sendable {
    /// The metric names (Prometheus conventions: `ticketd_` prefix, counters end in `_total`,
    /// units in the name).
    public enum Name {
        /// Counter, label `mailbox`: messages fetched from IMAP.
        public static let messagesFetched = "ticketd_messages_fetched_total"
        /// Counter: messages stored on a ticket (new, reply or note).
        public static let messagesTicketed = "ticketd_messages_ticketed_total"
        /// Counter, label `reason` (`auto_reply`, `bounce`, `list`, `spam`, `loop`, …): messages dropped.
        public static let messagesDropped = "ticketd_messages_dropped_total"
        /// Counter: tickets opened by mail.
        public static let ticketsOpened = "ticketd_tickets_opened_total"
        /// Counter, label `kind` (`ack`, `followup`, `notice`, `escalation`, `staff`): mails the SMTP server accepted.
        public static let mailSent = "ticketd_mail_sent_total"
        /// Gauge: outgoing mails not sent yet (due or waiting for a retry).
        public static let outboxDepth = "ticketd_outbox_depth"
        /// Gauge: outgoing mails given up on.
        public static let outboxFailed = "ticketd_outbox_failed"
        /// Gauge: age of the oldest queued outgoing mail, 0 when none.
        public static let outboxOldestAge = "ticketd_outbox_oldest_age_seconds"
        /// Counter, label `protocol` (`imap`, `smtp`): failed server operations.
        public static let transportErrors = "ticketd_transport_errors_total"
        public static let idleWakeups = "ticketd_imap_idle_wakeups_total"
        /// Gauge per staff member: open tickets assigned to them.
        public static let agentOpenTickets = "ticketd_agent_open_tickets"
        /// Counter per rule: new tickets a `[[rule]]` fired on.
        public static let ruleMatches = "ticketd_rule_matches_total"
        /// Gauge per guard (`per_sender`, `per_recipient`, `same_text`, `rate`): acknowledgements withheld so far.
        public static let acknowledgementsWithheld = "ticketd_acknowledgements_withheld"
        /// Gauge: kept / (kept + missed) over every promise that came due; absent before the first.
        public static let promisesKeptRatio = "ticketd_promises_kept_ratio"
        /// Gauge, label `mailbox`: messages the IMAP server announced but did not deliver, retried every poll.
        public static let messagesUndelivered = "ticketd_messages_undelivered"
        /// Histogram: how long one mailbox's poll took (fetch, store, move): each mailbox runs its own cycle.
        public static let cycleDuration = "ticketd_cycle_duration_seconds"
    }

    /// The server a transport error came from.
    public enum TransportProtocol: String, Sendable {
        case imap, smtp
    }

    /// Buckets of the cycle histogram: a quiet poll takes milliseconds, a first sync of a full
    /// mailbox minutes.
    public static let cycleBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
    ]

    let factory: any MetricsFactory

    /// Metrics recorded through `factory`.
    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records nothing (metrics off).
    public static let disabled = DaemonMetrics(factory: NOOPMetricsHandler.instance)

    /// Whether anything is recorded; gauges read from the store are skipped when not.
    public var isEnabled: Bool { !(factory is NOOPMetricsHandler) }

    /// A factory writing into `registry`, with the cycle histogram's buckets.
    public static func prometheusFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Name.cycleDuration] = cycleBuckets
        return factory
    }

    /// `count` messages were fetched from `mailbox` (0 makes the series exist).
    func fetched(_ count: Int, mailbox: String) {
        Counter(label: Name.messagesFetched, dimensions: [("mailbox", mailbox)], factory: factory).increment(by: count)
    }

    /// `count` messages of `mailbox` were announced by the server but not delivered.
    func undelivered(_ count: Int, mailbox: String) {
        Gauge(label: Name.messagesUndelivered, dimensions: [("mailbox", mailbox)], factory: factory).record(count)
    }

    /// A fetched message was stored: on a ticket, or dropped for a reason.
    func stored(_ outcome: IngestOutcome) {
        guard case let .stored(ticket, action, _) = outcome else { return }
        if case let .drop(reason) = action {
            Counter(label: Name.messagesDropped, dimensions: [("reason", reason)], factory: factory).increment()
        }
        if ticket != nil { Counter(label: Name.messagesTicketed, factory: factory).increment() }
        if case let .open(new) = action {
            Counter(label: Name.ticketsOpened, factory: factory).increment()
            for rule in new.rules { Counter(label: Name.ruleMatches, dimensions: [("rule", rule)], factory: factory).increment() }
        }
    }

    /// The SMTP server accepted an outgoing mail of `kind` (the outbox's kind).
    func sent(kind: String) {
        Counter(label: Name.mailSent, dimensions: [("kind", kind)], factory: factory).increment()
    }

    /// An IMAP or SMTP operation failed.
    func transportError(_ transport: TransportProtocol) {
        Counter(label: Name.transportErrors, dimensions: [("protocol", transport.rawValue)], factory: factory).increment()
    }

    /// A mailbox's IMAP IDLE announced new mail and started its next poll early.
    func idleWakeup() {
        Counter(label: Name.idleWakeups, factory: factory).increment()
    }

    /// The outbox and promise figures as the store has them at `now`.
    func record(_ backlog: OutboxBacklog, _ promises: PromiseOutcomes, now: Date) {
        Gauge(label: Name.outboxDepth, factory: factory).record(backlog.queued)
        Gauge(label: Name.outboxFailed, factory: factory).record(backlog.failed)
        Gauge(label: Name.outboxOldestAge, factory: factory).record(backlog.oldestQueuedAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        if let ratio = promises.keptRatio {
            Gauge(label: Name.promisesKeptRatio, factory: factory).record(ratio)
        }
    }

    /// Open tickets per staff member of `roster` (0 for those with none).
    func record(openTickets: [String: Int], roster: [String]) {
        for agent in Set(roster).union(openTickets.keys) {
            Gauge(label: Name.agentOpenTickets, dimensions: [("agent", agent)], factory: factory).record(openTickets[agent] ?? 0)
        }
    }

    /// The acknowledgements the guards withheld so far, by guard.
    func record(withheld: [String: Int]) {
        for guardName in AcknowledgementLimits.Guard.allCases.map(\.rawValue) {
            Gauge(label: Name.acknowledgementsWithheld, dimensions: [("guard", guardName)], factory: factory).record(withheld[guardName] ?? 0)
        }
    }

    /// A mailbox's poll finished after `duration`.
    func cycleFinished(after duration: Duration) {
        CoreMetrics.Timer(label: Name.cycleDuration, factory: factory).record(duration: duration)
    }
}
