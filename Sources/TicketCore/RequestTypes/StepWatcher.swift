import BusinessTime
import Foundation

/// A ticket in a step of its request type, as the step watcher sees it.
public struct SteppedTicket: Sendable, Hashable {
    public var number: Int
    /// The `[request_type.NAME]` key.
    public var requestType: String
    /// The current step and when it was entered.
    public var position: StepPosition
    /// How many times the ticket entered this step before this visit (0 on the first).
    public var visit: Int
    /// The ``EscalationRung/percent`` of every rung already sent for this visit of the step (the outbox's keys).
    public var sentRungs: Set<Int>

    public init(number: Int, requestType: String, position: StepPosition, visit: Int = 0, sentRungs: Set<Int> = []) {
        self.number = number
        self.requestType = requestType
        self.position = position
        self.visit = visit
        self.sentRungs = sentRungs
    }
}

/// The key of one step escalation: sent at most once per (ticket, visit of the step, rung).
public struct StepEscalationKey: Sendable, Hashable, CustomStringConvertible {
    public var ticket: Int
    public var step: String
    /// How many times the ticket entered the step before (``SteppedTicket/visit``).
    public var visit: Int
    /// The rung's ``EscalationRung/percent``.
    public var rung: Int

    /// `step-escalation/TICKET/STEP/PERCENT`, e.g. `step-escalation/42/visit/150`, with `/VISIT` after the step from the second visit on.
    public var description: String { "step-escalation/\(ticket)/\(step)\(visit > 0 ? "/\(visit)" : "")/\(rung)" }
}

/// One escalation the watcher decided: tell `to` that a ticket overran its step.
public struct StepEscalation: Sendable, Hashable {
    public var key: StepEscalationKey
    public var to: EscalationTarget
    /// When the step was due (for the mail: "due at …").
    public var dueAt: Date
}

/// Decides, at `now`, which step escalations are due: for every ticket in a step and every rung
/// of its type's ladder whose share of the step's window has passed and that was not sent yet.
///
/// Pure and idempotent like ``PromiseWatcher``: each escalation carries its ``StepEscalationKey``,
/// which keys its mails in the outbox (``StepEscalationSequence``), so replays and restarts send nothing twice. The window
/// is the business time from entering the step to its due time; a rung at 1.5 fires once half a
/// window more of business time has passed. Several rungs passed at once (after a weekend) are all
/// returned, lowest first. Nothing is returned while ``calendar`` is closed (nights, weekends,
/// holidays): the same rungs come due at the next opening.
///
/// Tickets whose type or step the config no longer has are skipped.
public struct StepWatcher: Sendable {
    /// Request types by name (`TicketdConfig.requestTypes`).
    public var types: [String: RequestType]
    /// The calendar step deadlines run on.
    public var calendar: BusinessCalendar

    public init(types: [String: RequestType], calendar: BusinessCalendar) {
        self.types = types
        self.calendar = calendar
    }

    /// The escalations due at `now` for `tickets`, in ticket order then rung order.
    public func escalations(for tickets: [SteppedTicket], now: Date) -> [StepEscalation] {
        guard calendar.isOpen(at: now) else { return [] }
        var escalations: [StepEscalation] = []
        for ticket in tickets {
            guard let type = types[ticket.requestType],
                let dueAt = try? StepMachine(type: type, calendar: calendar).dueAt(ticket.position)
            else { continue }
            let window = calendar.businessSeconds(from: ticket.position.enteredAt, to: dueAt)
            let used = calendar.businessSeconds(from: ticket.position.enteredAt, to: now)
            for rung in type.escalation where !ticket.sentRungs.contains(rung.percent) {
                let passed = window > 0 ? used * 100 >= window * rung.percent : now >= dueAt
                guard passed else { continue }
                let key = StepEscalationKey(ticket: ticket.number, step: ticket.position.step, visit: ticket.visit, rung: rung.percent)
                escalations.append(StepEscalation(key: key, to: rung.to, dueAt: dueAt))
            }
        }
        return escalations
    }
}
