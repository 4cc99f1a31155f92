import Foundation
import Prometheus
import Testing
import TicketCore
import TicketStore
@testable import TicketDaemon

@Suite("Daemon metrics: what each event records")
struct DaemonMetricsTests {
    let registry = PrometheusCollectorRegistry()
    var metrics: DaemonMetrics { DaemonMetrics(factory: DaemonMetrics.prometheusFactory(registry: registry)) }

    /// The exposition's sample lines (no comments).
    var samples: Set<String> {
        Set(registry.emitToString().split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
    }

    @Test func intakeOutcomesAreCountedByWhatHappened() {
        metrics.fetched(3, mailbox: "support")
        metrics.stored(.stored(ticket: 1, action: .note(ticket: 1), queuedMail: false))
        metrics.stored(.stored(ticket: 2, action: .append(ticket: 2, kind: .customer, rule: .tag, reopen: false), queuedMail: false))
        metrics.stored(.stored(ticket: nil, action: .drop(key: "auto_reply"), queuedMail: false))
        metrics.stored(.duplicate)
        #expect(samples.isSuperset(of: [
            "ticketd_messages_fetched_total{mailbox=\"support\"} 3",
            "ticketd_messages_ticketed_total 2",
            "ticketd_messages_dropped_total{reason=\"auto_reply\"} 1",
        ]))
        #expect(!samples.contains { $0.hasPrefix("ticketd_tickets_opened_total") }, "no ticket was opened")
    }

    @Test func storeFiguresBecomeGauges() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        metrics.record(OutboxBacklog(queued: 4, failed: 1, oldestQueuedAt: now - 90), PromiseOutcomes(kept: 0, missed: 0), now: now)
        #expect(samples.isSuperset(of: ["ticketd_outbox_depth 4.0", "ticketd_outbox_failed 1.0", "ticketd_outbox_oldest_age_seconds 90.0"]))
        #expect(!samples.contains { $0.hasPrefix("ticketd_promises_kept_ratio") }, "no ratio before a promise came due")
        metrics.record(OutboxBacklog(queued: 0, failed: 1, oldestQueuedAt: nil), PromiseOutcomes(kept: 3, missed: 1), now: now)
        #expect(samples.isSuperset(of: ["ticketd_outbox_depth 0.0", "ticketd_outbox_oldest_age_seconds 0.0", "ticketd_promises_kept_ratio 0.75"]))
    }

    @Test func cyclesFillTheHistogramInSeconds() {
        metrics.cycleFinished(after: .milliseconds(70))
        metrics.cycleFinished(after: .seconds(40))
        #expect(samples.isSuperset(of: [
            "ticketd_cycle_duration_seconds_bucket{le=\"0.05\"} 0",
            "ticketd_cycle_duration_seconds_bucket{le=\"0.1\"} 1",
            "ticketd_cycle_duration_seconds_bucket{le=\"60.0\"} 2",
            "ticketd_cycle_duration_seconds_count 2",
        ]), "\(samples.sorted())")
    }

    @Test func transportErrorsAreLabelledByProtocol() {
        metrics.transportError(.imap)
        metrics.transportError(.smtp)
        metrics.transportError(.smtp)
        #expect(samples.isSuperset(of: [
            "ticketd_transport_errors_total{protocol=\"imap\"} 1", "ticketd_transport_errors_total{protocol=\"smtp\"} 2",
        ]))
    }

    @Test func disabledMetricsSkipTheStore() {
        #expect(!DaemonMetrics.disabled.isEnabled)
        #expect(metrics.isEnabled)
    }
}
