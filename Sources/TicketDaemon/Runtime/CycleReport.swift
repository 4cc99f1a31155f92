import MailTransport

/// What one full cycle (every mailbox, then the outbox) did.
public struct CycleReport: Sendable {
    public var mailboxes: [String: MailboxPoller.Summary] = [:]
    /// Mailboxes that could not be polled because their server failed, with why.
    public var mailboxErrors: [String: String] = [:]
    /// Mailboxes whose mail could not be stored here (disk full, permissions), with why.
    public var localErrors: [String: String] = [:]
    /// Mails the promise timers queued (follow-ups, alarms, escalations).
    public var timerMails = 0
    public var outbox = OutboxSender.Summary()

    /// sysexits code for `run --once`: 0, 69 (a server unreachable) or 75 (temporary failure:
    /// mail deferred, a local write failed, or a server did not deliver a message it announced).
    public var exitCode: Int32 {
        if outbox.unreachable != nil || !mailboxErrors.isEmpty { return 69 }
        if outbox.deferred > 0 || !localErrors.isEmpty || mailboxes.values.contains(where: { !$0.undelivered.isEmpty }) { return 75 }
        return 0
    }
}
