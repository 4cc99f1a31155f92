import Foundation
import MailTransport
import Testing
@testable import TicketDaemon

/// The outbox's and the cycle's waits come from `Backoff` and are what they were before it:
/// the formulas below are the ones each caller used to compute itself.
@Suite("Retry delays")
struct RetryDelayTests {
    static let randoms = [0, 0.25, 0.5, 1]

    @Test("a deferred mail waits 1 min doubling, at most 1 h, ±20 %", arguments: 0..<25)
    func outboxRetry(attempts: Int) {
        for random in Self.randoms {
            let formula = min(60.0 * pow(2, Double(min(attempts, 20))), 3600) * (0.8 + 0.4 * random)
            #expect(abs(OutboxSender.retryDelay(attempts: attempts, random: random) - formula) < 1e-9, "attempts \(attempts), random \(random)")
        }
    }

    @Test("the cycle after a failure waits the poll interval doubling, at most 15 min, ±20 %", arguments: [1.0, 60, 600, 3600])
    func cycleBackoff(interval: TimeInterval) {
        for failures in 1..<20 {
            for random in Self.randoms {
                let formula = min(interval * pow(2, Double(min(failures, 10))), 900) * (0.8 + 0.4 * random)
                let delay = DaemonService.cycleBackoff(interval: interval).delay(afterFailures: failures + 1, random: random)
                #expect(abs(delay - formula) < 1e-9, "interval \(interval), failures \(failures), random \(random)")
            }
        }
    }
}
