import Foundation
import Testing
import TicketStore
@testable import TicketDaemon

/// The pieces the daemon's loops share: the wake that ends a loop's wait, and the board their
/// reports go to for `ticketd status`. (The loops themselves run against real servers in the
/// integration tests.)
@Suite("Service loops: wakes and the status board", .timeLimit(.minutes(1)))
struct ServiceLoopTests {
    struct Refused: Error {}

    @Test("a raise while the loop is busy is kept: the next wait returns at once (an hour's wait would fail the time limit)")
    func raiseBeforeTheWaitIsKept() async {
        let wake = ServiceWake()
        wake.raise()
        wake.raise()
        await wake.wait(seconds: 3600)
    }

    @Test("a wait ends when raised from another task, and when its task is cancelled")
    func waitEndsOnRaiseAndCancellation() async {
        let wake = ServiceWake()
        async let waited: Void = wake.wait(seconds: 3600)
        wake.raise()
        await waited
        let waiting = Task { await ServiceWake().wait(seconds: 3600) }
        waiting.cancel()
        await waiting.value
    }

    @Test("the board tells state changes, counts what was fetched and sent since it was last taken, and lists mailboxes in config order")
    func statusBoard() {
        var board = StatusBoard()
        var polled = MailboxPoller.Summary()
        polled.fetched = 2
        let changes = [
            board.record(mailbox: "sales", .success(polled)), board.record(mailbox: "sales", .success(polled)),
            board.record(mailbox: "support", .failure(Refused())),
        ]
        #expect(changes == [true, false, true], "a first poll is a change; the same state again is none")
        var flushed = OutboxSender.Summary()
        flushed.sent = 3
        board.record(outbox: flushed)
        #expect(board.serverDown)

        let status = board.take(at: Date(timeIntervalSince1970: 0), mailboxes: ["support", "sales", "not-polled-yet"])
        #expect(status.mailboxes.map(\.name) == ["support", "sales"])
        #expect(status.mailboxes.map(\.state) == ["down", "up"])
        #expect(status.mailboxes.map(\.fetched) == [0, 4])
        #expect(status.mailsSent == 3)
        let next = board.take(at: Date(timeIntervalSince1970: 60), mailboxes: ["support", "sales"])
        #expect(next.mailboxes.map(\.fetched) == [0, 0] && next.mailsSent == 0, "the counts start again")
        #expect(next.mailboxes.map(\.state) == ["down", "up"], "the states stay until the next poll")
    }
}
