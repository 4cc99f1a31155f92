import BusinessTime
import Foundation
import Testing
import TicketCore

@Suite("RequestType step escalations")
struct RequestTypeStepWatcherTests {
    typealias F = StepFixtures

    static let watcher = StepWatcher(types: ["device_swap": F.deviceSwap], calendar: F.calendar)

    /// Triage entered Wed 2026-12-23 14:00, 4h window: 3h that day, then 24–27 closed (Christmas,
    /// weekend); 1.0 passes Mon 28 09:00, 1.5 passes Mon 28 11:00.
    static func triage(sent: Set<Int> = []) -> SteppedTicket {
        SteppedTicket(number: 7, requestType: "device_swap",
            position: StepPosition(step: "triage", enteredAt: F.wall("2026-12-23 14:00")), sentRungs: sent)
    }

    struct LadderCase: Sendable, CustomStringConvertible {
        var now: String
        var sent: Set<Int> = []
        var expected: [Int]
        var description: String { "\(now) sent \(sent.sorted())" }
    }

    @Test(arguments: [
        LadderCase(now: "2026-12-23 16:59", expected: []),
        LadderCase(now: "2026-12-24 10:00", expected: []),          // Christmas Eve: a holiday
        LadderCase(now: "2026-12-26 12:00", expected: []),          // holiday and Saturday
        LadderCase(now: "2026-12-27 12:00", expected: []),          // Sunday
        LadderCase(now: "2026-12-28 08:59", expected: []),
        LadderCase(now: "2026-12-28 09:00", expected: [100]),
        LadderCase(now: "2026-12-28 10:59", sent: [100], expected: []),
        LadderCase(now: "2026-12-28 11:00", expected: [100, 150]),  // both passed, lowest first
        LadderCase(now: "2026-12-28 11:00", sent: [100], expected: [150]),
        LadderCase(now: "2026-12-28 11:00", sent: [100, 150], expected: []),
        LadderCase(now: "2026-12-28 17:00", expected: []),          // closing time: closed
        LadderCase(now: "2026-12-28 22:00", expected: []),          // night
        LadderCase(now: "2026-12-29 08:00", sent: [100], expected: [150]),
    ])
    func ladderAcrossChristmasAndTheWeekend(_ c: LadderCase) {
        let escalations = Self.watcher.escalations(for: [Self.triage(sent: c.sent)], now: F.wall(c.now))
        #expect(escalations.map(\.key.rung) == c.expected)
        for escalation in escalations {
            #expect(escalation.key.ticket == 7)
            #expect(escalation.key.step == "triage")
            #expect(escalation.dueAt == F.wall("2026-12-28 09:00"))
            #expect(escalation.to == (escalation.key.rung == 100 ? .role(.lead) : .role(.manager)))
        }
    }

    /// Replaying the watcher with what it sent marked as sent, at every quarter hour for a week,
    /// sends each rung exactly once and only in working hours.
    @Test func replaySendsEachRungOnce() {
        var ticket = Self.triage()
        var sent: [StepEscalationKey] = []
        var now = F.wall("2026-12-23 14:00")
        while now < F.wall("2026-12-31 00:00") {
            for escalation in Self.watcher.escalations(for: [ticket], now: now) {
                #expect(F.calendar.isOpen(at: now))
                sent.append(escalation.key)
                ticket.sentRungs.insert(escalation.key.rung)
            }
            now += 15 * 60
        }
        #expect(sent.map(\.description) == ["step-escalation/7/triage/100", "step-escalation/7/triage/150"])
    }

    @Test func unknownTypesAndStepsAreSkipped() {
        let now = F.wall("2026-12-29 10:00")
        let strays = [
            SteppedTicket(number: 1, requestType: "gone", position: StepPosition(step: "triage", enteredAt: F.wall("2026-12-01 10:00"))),
            SteppedTicket(number: 2, requestType: "device_swap", position: StepPosition(step: "gone", enteredAt: F.wall("2026-12-01 10:00"))),
        ]
        #expect(Self.watcher.escalations(for: strays, now: now).isEmpty)
        #expect(Self.watcher.escalations(for: strays + [Self.triage()], now: now).map(\.key.ticket) == [7, 7])
    }
}
