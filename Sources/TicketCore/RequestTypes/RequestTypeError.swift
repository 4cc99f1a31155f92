import Foundation

/// Why a request type cannot be built, or a ticket cannot move to a step.
public enum RequestTypeError: Error, LocalizedError, Sendable, Equatable, CustomStringConvertible {
    /// A request type has no steps.
    case noSteps(type: String)
    /// Two steps share a name.
    case duplicateStep(type: String, step: String)
    /// Two rungs fire at the same share of the window.
    case duplicateRung(type: String, percent: Int)
    /// A rung's `after` is not more than 0 and at most ``EscalationRung/maximumShare``.
    case badShare(Double)
    /// The type has no step with this name.
    case unknownStep(type: String, step: String, known: [String])
    /// `next` was asked for at the last step.
    case alreadyAtLastStep(type: String, step: String)

    /// The same message as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    /// A message saying what is wrong and what to do instead.
    public var description: String {
        switch self {
        case .noSteps(let type):
            "request type '\(type)' has no steps: give it at least one, e.g. { name = \"triage\", owner = \"support\", due = \"4h\" }"
        case .duplicateStep(let type, let step):
            "request type '\(type)' has more than one step named '\(step)': give each step its own name"
        case .duplicateRung(let type, let percent):
            "request type '\(type)' escalates twice at \(Double(percent) / 100) of a step's window: keep one rung per share"
        case .badShare(let share):
            "escalation 'after' = \(share) is not a share of a step's window: use a number above 0 and at most \(EscalationRung.maximumShare), e.g. 1.0 or 1.5"
        case .unknownStep(let type, let step, let known):
            "request type '\(type)' has no step '\(step)': use one of \(known.joined(separator: ", ")) or next"
        case .alreadyAtLastStep(let type, let step):
            "'\(step)' is the last step of request type '\(type)': there is no next step"
        }
    }
}
