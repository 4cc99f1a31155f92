import Foundation
import MailTransport
import TicketStore

/// What the mailbox loops and the outbox sender last reported, gathered into the `CycleStatus`
/// that `ticketd status` shows: each mailbox's state from its last poll, and the mails fetched
/// and sent since the status was last taken.
struct StatusBoard {
    private var mailboxes: [String: CycleStatus.Mailbox] = [:]
    private var smtpError: String?
    private var sent = 0

    /// Records one poll of `mailbox`; returns whether its state changed (its first poll included).
    mutating func record(mailbox name: String, _ result: Result<MailboxPoller.Summary, any Error>) -> Bool {
        let fetched = mailboxes[name]?.fetched ?? 0
        let entry: CycleStatus.Mailbox
        switch result {
        case let .success(summary):
            entry = CycleStatus.Mailbox(
                name: name, state: summary.workedElsewhere ? "elsewhere" : "up", fetched: fetched + summary.fetched, error: nil,
                undelivered: summary.undelivered.isEmpty ? nil : summary.undelivered)
        case let .failure(error as LocalStorageFailure):
            entry = CycleStatus.Mailbox(name: name, state: "local_error", fetched: fetched, error: error.description)
        case let .failure(error):
            entry = CycleStatus.Mailbox(name: name, state: "down", fetched: fetched, error: "\(error)")
        }
        defer { mailboxes[name] = entry }
        return mailboxes[name]?.state != entry.state
    }

    /// Drops what `mailbox` reported: it left the config.
    mutating func forget(mailbox name: String) {
        mailboxes[name] = nil
    }

    /// Records one flush of the outbox.
    mutating func record(outbox summary: OutboxSender.Summary) {
        sent += summary.sent
        smtpError = summary.unreachable?.description
    }

    /// Whether the last poll of a mailbox or the last flush found its server down.
    var serverDown: Bool { smtpError != nil || mailboxes.values.contains { $0.state == "down" } }

    /// The status at `now` of the mailboxes named, in that order (one not polled yet is left
    /// out); the fetched and sent counts start again from zero.
    mutating func take(at now: Date, mailboxes names: [String]) -> CycleStatus {
        let status = CycleStatus(finishedAt: now, mailboxes: names.compactMap { mailboxes[$0] }, smtpError: smtpError, mailsSent: sent)
        for name in mailboxes.keys { mailboxes[name]?.fetched = 0 }
        sent = 0
        return status
    }
}
