import MailTransport

/// What one full cycle (every mailbox, then the outbox) did.
public struct CycleReport: Sendable {
    public var mailboxes: [String: MailboxPoller.Summary] = [:]
    /// Mailboxes that could not be polled, with why.
    public var mailboxErrors: [String: String] = [:]
    /// Mails the promise timers queued (follow-ups, alarms, escalations).
    public var timerMails = 0
    public var outbox = OutboxSender.Summary()

    /// sysexits code for `run --once`: 0, 69 (a server unreachable) or 75 (temporary failure).
    public var exitCode: Int32 {
        if outbox.unreachable != nil || !mailboxErrors.isEmpty { return 69 }
        if outbox.deferred > 0 { return 75 }
        return 0
    }
}
