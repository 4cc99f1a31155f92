import BusinessTime
import Foundation

/// Where a ticket stands in its request type's process: the step and when it was entered.
public struct StepPosition: Sendable, Hashable {
    /// The step's name, one of the type's ``RequestType/steps``.
    public var step: String
    /// When the ticket entered it: the step's clock starts here.
    public var enteredAt: Date

    public init(step: String, enteredAt: Date) {
        self.step = step
        self.enteredAt = enteredAt
    }
}

/// Where to move a ticket: a step by name, or the one after the current step
/// (`ticketd tickets step ID [NAME|next]`, `#step NAME|next`).
public enum StepTarget: Sendable, Hashable {
    case named(String)
    case next

    /// `next` is ``next``; anything else names a step.
    public init(_ text: String) {
        self = text == "next" ? .next : .named(text)
    }
}

/// The outcome of entering a step: what the caller records, assigns and sends.
public struct StepEntry: Sendable, Hashable {
    /// The step left, or nil when the process starts.
    public var from: String?
    /// The step entered.
    public var step: RequestTypeStep
    /// The new position, entered at the time given.
    public var position: StepPosition
    /// When the entered step is due.
    public var dueAt: Date
    /// When the whole process should end if every remaining step takes its full time.
    public var processEndsAt: Date
}

/// The steps of one request type on one business calendar: pure answers about due times and moves.
///
/// The caller (the desk, the CLI) owns the ticket's position and applies a ``StepEntry``: it records
/// the step event, re-assigns to ``RequestTypeStep/owner`` through the assignment policy and sends
/// ``RequestTypeStep/notify`` once (keyed by ticket and step entry).
///
/// ```swift
/// let machine = StepMachine(type: deviceSwap, calendar: queueCalendar)
/// let start = machine.start(at: now)                        // triage, due in 4h
/// let visit = try machine.enter(.next, from: start.position, at: later)
/// ```
public struct StepMachine: Sendable {
    public let type: RequestType
    /// The calendar of the ticket's queue: step deadlines count only its working time.
    public let calendar: BusinessCalendar

    public init(type: RequestType, calendar: BusinessCalendar) {
        self.type = type
        self.calendar = calendar
    }

    /// Enters the type's first step at `now`: a ticket that just got this request type.
    public func start(at now: Date) -> StepEntry {
        entry(from: nil, step: type.firstStep, at: now)
    }

    /// Moves from `position` to `target` at `now`.
    ///
    /// Re-entering the current step by name restarts its clock. Throws
    /// ``RequestTypeError/unknownStep(type:step:known:)`` for a name the type lacks (or a
    /// position in one), ``RequestTypeError/alreadyAtLastStep(type:step:)`` for `next` at the end.
    public func enter(_ target: StepTarget, from position: StepPosition, at now: Date) throws(RequestTypeError) -> StepEntry {
        let step: RequestTypeStep
        switch target {
        case .next:
            step = try type.next(after: position.step)
        case .named(let name):
            _ = try type.index(of: position.step)
            step = type.steps[try type.index(of: name)]
        }
        return entry(from: position.step, step: step, at: now)
    }

    /// When the step at `position` is due: its `due` after it was entered, on ``calendar``.
    public func dueAt(_ position: StepPosition) throws(RequestTypeError) -> Date {
        calendar.adding(type.steps[try type.index(of: position.step)].due, to: position.enteredAt)
    }

    /// The steps after the one at `position`, in order (empty at the last step).
    public func remainingSteps(after position: StepPosition) throws(RequestTypeError) -> ArraySlice<RequestTypeStep> {
        type.steps[(try type.index(of: position.step) + 1)...]
    }

    /// The business time the process still has by its steps: the current step's `due` plus every
    /// later step's, added part by part (e.g. `4h` + `2bd` + `1bd` is `3bd4h`), for telling the
    /// customer how long the whole request takes. For the instant, use ``processEndsAt(_:)``.
    public func remainingDuration(from position: StepPosition) throws(RequestTypeError) -> BusinessDuration {
        let current = type.steps[try type.index(of: position.step)]
        return try remainingSteps(after: position).reduce(current.due) { total, step in
            // Parts are at most 366 days each (the config's limit), so their sum cannot overflow.
            try! total.adding(step.due)
        }
    }

    /// When the process should end: the current step's due time, then each later step's `due`
    /// in turn on ``calendar`` (each step starting when the one before is due).
    public func processEndsAt(_ position: StepPosition) throws(RequestTypeError) -> Date {
        end(from: try dueAt(position), after: try type.index(of: position.step))
    }

    /// When the whole process should end for a customer first answered by `firstAnswer`: the
    /// first step's end (`entry`) or that answer, whichever is later, then every later step's `due`.
    public func processEnds(_ entry: StepEntry, firstAnswerBy firstAnswer: Date?) -> Date {
        guard let firstAnswer, firstAnswer > entry.dueAt, let index = type.steps.firstIndex(where: { $0.name == entry.step.name }) else {
            return entry.processEndsAt
        }
        return end(from: firstAnswer, after: index)
    }

    private func entry(from: String?, step: RequestTypeStep, at now: Date) -> StepEntry {
        let position = StepPosition(step: step.name, enteredAt: now)
        let dueAt = calendar.adding(step.due, to: now)
        // The step comes from `type`, so its index exists.
        let index = type.steps.firstIndex(of: step) ?? type.steps.count
        return StepEntry(from: from, step: step, position: position, dueAt: dueAt, processEndsAt: end(from: dueAt, after: index))
    }

    /// `dueAt` followed by the `due` of every step after the one at `index`.
    private func end(from dueAt: Date, after index: Int) -> Date {
        type.steps[(index + 1)...].reduce(dueAt) { end, step in calendar.adding(step.due, to: end) }
    }
}
