import BusinessTime
import Foundation
import Testing
import TicketCore

@Suite("RequestType step machine")
struct RequestTypeStepMachineTests {
    typealias F = StepFixtures

    struct DueCase: Sendable, CustomStringConvertible {
        var step: String
        var entered: String
        var due: String
        var processEnds: String
        var description: String { "\(step) entered \(entered)" }
    }

    /// Wed 2026-12-23 is the last working day before Christmas: 24–26 are Hungarian holidays, 27 a Sunday.
    @Test(arguments: [
        DueCase(step: "triage", entered: "2026-12-23 14:00", due: "2026-12-28 09:00", processEnds: "2026-12-31 09:00"),
        DueCase(step: "triage", entered: "2026-12-24 10:00", due: "2026-12-28 12:00", processEnds: "2026-12-31 12:00"),
        DueCase(step: "visit", entered: "2026-12-04 15:00", due: "2026-12-08 15:00", processEnds: "2026-12-09 15:00"),
        DueCase(step: "visit", entered: "2026-12-22 10:00", due: "2026-12-28 10:00", processEnds: "2026-12-29 10:00"),
        DueCase(step: "done", entered: "2026-12-23 18:30", due: "2026-12-29 08:00", processEnds: "2026-12-29 08:00"),
    ])
    func dueTimesSkipWeekendsAndHolidays(_ c: DueCase) throws {
        let position = StepPosition(step: c.step, enteredAt: F.wall(c.entered))
        #expect(try F.machine.dueAt(position) == F.wall(c.due))
        #expect(try F.machine.processEndsAt(position) == F.wall(c.processEnds))
    }

    @Test func startEntersTheFirstStep() {
        let entry = F.machine.start(at: F.wall("2026-12-23 14:00"))
        #expect(entry.from == nil)
        #expect(entry.step.name == "triage")
        #expect(entry.step.owner == .queue("support"))
        #expect(entry.dueAt == F.wall("2026-12-28 09:00"))
        #expect(entry.processEndsAt == F.wall("2026-12-31 09:00"))
    }

    @Test func nextAndNamedMoves() throws {
        let triage = StepPosition(step: "triage", enteredAt: F.wall("2026-12-23 14:00"))
        let visit = try F.machine.enter(.next, from: triage, at: F.wall("2026-12-28 10:00"))
        #expect(visit.from == "triage")
        #expect(visit.step.notify == .visitScheduled)
        #expect(visit.position == StepPosition(step: "visit", enteredAt: F.wall("2026-12-28 10:00")))
        #expect(visit.dueAt == F.wall("2026-12-30 10:00"))
        let back = try F.machine.enter(StepTarget("triage"), from: visit.position, at: F.wall("2026-12-28 11:00"))
        #expect(back.step.name == "triage")
        #expect(back.dueAt == F.wall("2026-12-28 15:00"))
        #expect(try F.deviceSwap.next(after: "visit").name == "done")
    }

    @Test func badMovesThrow() {
        let done = StepPosition(step: "done", enteredAt: F.wall("2026-12-28 10:00"))
        #expect(throws: RequestTypeError.alreadyAtLastStep(type: "device_swap", step: "done")) {
            try F.machine.enter(.next, from: done, at: F.wall("2026-12-28 11:00"))
        }
        #expect(throws: RequestTypeError.unknownStep(type: "device_swap", step: "nope", known: ["triage", "visit", "done"])) {
            try F.machine.enter(StepTarget("nope"), from: done, at: F.wall("2026-12-28 11:00"))
        }
        #expect(throws: RequestTypeError.unknownStep(type: "device_swap", step: "gone", known: ["triage", "visit", "done"])) {
            try F.machine.dueAt(StepPosition(step: "gone", enteredAt: F.wall("2026-12-28 11:00")))
        }
    }

    @Test(arguments: [("triage", "3bd4h"), ("visit", "3bd"), ("done", "1bd")])
    func remainingDuration(step: String, expected: String) throws {
        let position = StepPosition(step: step, enteredAt: F.wall("2026-12-28 10:00"))
        #expect(try F.machine.remainingDuration(from: position).description == expected)
        #expect(try F.machine.remainingSteps(after: position).count == ["triage", "visit", "done"].count - 1 - F.deviceSwap.steps.firstIndex { $0.name == step }!)
    }

    @Test func typeValidation() throws {
        let step = RequestTypeStep(name: "a", owner: .role(.agent), due: try .businessHours(1))
        #expect(throws: RequestTypeError.noSteps(type: "t")) { try RequestType(name: "t", titles: [:], steps: [], escalation: []) }
        #expect(throws: RequestTypeError.duplicateStep(type: "t", step: "a")) {
            try RequestType(name: "t", titles: [:], steps: [step, step], escalation: [])
        }
        #expect(throws: RequestTypeError.duplicateRung(type: "t", percent: 150)) {
            try RequestType(name: "t", titles: [:], steps: [step],
                escalation: [EscalationRung(after: 1.5, to: .role(.lead)), EscalationRung(after: 1.501, to: .address("boss@example.com"))])
        }
        for share in [0, -1, 10.5, .infinity, .nan] {
            #expect(throws: RequestTypeError.self) { try EscalationRung(after: share, to: .role(.lead)) }
        }
        #expect(F.deviceSwap.escalation.map(\.percent) == [100, 150])
        #expect(F.deviceSwap.title(language: "hu") == "Eszközcsere")
        #expect(F.deviceSwap.title(language: "de") == "Device replacement")
    }
}

extension RequestTypeStepMachineTests {
    @Test("a first answer promised after the first step's end pushes the process end back by the later steps")
    func processEndFollowsALateFirstAnswer() {
        let entry = F.machine.start(at: F.wall("2026-12-02 10:00"))
        #expect(F.machine.processEnds(entry, firstAnswerBy: nil) == entry.processEndsAt)
        #expect(F.machine.processEnds(entry, firstAnswerBy: F.wall("2026-12-02 11:00")) == entry.processEndsAt, "an earlier answer changes nothing")
        // Answer Wed 9 Dec 10:00, then visit 2bd (Fri 11th 10:00) and done 1bd (Mon 14th 10:00).
        #expect(F.machine.processEnds(entry, firstAnswerBy: F.wall("2026-12-09 10:00")) == F.wall("2026-12-14 10:00"))
    }
}
