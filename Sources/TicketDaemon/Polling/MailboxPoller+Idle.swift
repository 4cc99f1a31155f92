import Foundation
import Logging
import MailTransport
import Synchronization
import TicketConfig

extension MailboxPoller {
    /// Waits on the kept session in IMAP IDLE until the server announces mail, `seconds` pass,
    /// or `wake` is raised. Blocking: run it on the mailbox's worker thread.
    ///
    /// Returns nil at once when IDLE cannot be used: turned off (`idle = false`), no session yet, a server without IDLE, or
    /// one whose IDLE failed before on this connection (logged once; the mailbox is polled at
    /// the interval instead). A connection that breaks in IDLE is dropped; the next poll logs in again.
    public func waitForMail(seconds: TimeInterval, wake: IdleWake) -> IdleOutcome? {
        guard mailbox.idle else { return nil }
        return connection.state.withLock { kept in
            guard let session = kept.session, session.isUsable, session.supports("IDLE"), !kept.idleRefused else { return nil }
            do {
                if session.selectedMailbox != mailbox.endpoint.mailboxName { try session.select(mailbox.endpoint.mailboxName) }
                return try session.idle(for: seconds, wake: wake)
            } catch {
                if session.isUsable {
                    kept.idleRefused = true
                    logger.warning("IMAP IDLE refused: polling this mailbox at the interval instead", metadata: [
                        "server": "\(mailbox.endpoint.displayName)", "error": "\(error)",
                    ])
                } else {
                    kept.session = nil
                    logger.info("IMAP IDLE connection lost: the next poll logs in again", metadata: [
                        "server": "\(mailbox.endpoint.displayName)", "error": "\(error)",
                    ])
                }
                return nil
            }
        }
    }
}
