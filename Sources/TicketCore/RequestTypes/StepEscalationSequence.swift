/// The outbox sequence of one step-escalation mail: unique per (visit of the step, step, rung,
/// recipient), so a rung is sent once per visit — a ticket that comes back to a step and is late
/// again is escalated again — and each recipient gets a mail of their own.
///
/// Layout: `10¹² + ((visit × 100 + step) × 1000 + rung) × 100 + slot`, far above promise
/// escalations (promise × 100 + slot). Rows written before visits were counted
/// (`10⁶ + step × 1000 + rung`) are still read: they count for every visit of their step, as
/// they did, so an upgrade sends nothing twice.
public struct StepEscalationSequence: Sendable, Hashable {
    /// How many times the ticket entered this step before (0 on the first visit); nil for a row
    /// of the older layout, which stands for every visit.
    public var visit: Int?
    /// The step's index in its request type.
    public var step: Int
    /// The rung's ``EscalationRung/percent`` (at most 999).
    public var rung: Int
    /// The recipient's slot (1…99), 0 for one mail to all.
    public var slot: Int

    static let base = 1_000_000_000_000
    static let legacyBase = 1_000_000

    public init(visit: Int, step: Int, rung: Int, slot: Int) {
        self.visit = visit
        self.step = step
        self.rung = rung
        self.slot = slot
    }

    /// Reads an outbox sequence; nil when it is not a step escalation's.
    public init?(_ sequence: Int) {
        if sequence >= Self.base {
            let value = sequence - Self.base
            slot = value % 100
            rung = value / 100 % 1_000
            step = value / 100_000 % 100
            visit = value / 10_000_000
        } else if sequence >= Self.legacyBase {
            let value = sequence - Self.legacyBase
            visit = nil
            step = value / 1_000
            rung = value % 1_000
            slot = 0
        } else {
            return nil
        }
    }

    /// The outbox sequence.
    public var value: Int {
        Self.base + ((min(visit ?? 0, 9_999_999) * 100 + min(step, 99)) * 1_000 + min(rung, 999)) * 100 + min(slot, 99)
    }

    /// Whether this row was sent for `visit` of step `step`.
    public func counts(forVisit visit: Int, step: Int) -> Bool {
        self.step == step && (self.visit == nil || self.visit == visit)
    }
}
