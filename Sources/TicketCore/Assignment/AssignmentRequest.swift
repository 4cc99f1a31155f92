import Foundation

/// What the assigner knows of a ticket that needs an owner.
///
/// ```swift
/// let request = AssignmentRequest(queue: "support", language: "hu", skill: "billing")
/// ```
public struct AssignmentRequest: Sendable, Hashable {
    /// The ticket's queue (lower-cased): agents must work it.
    public var queue: String
    /// The ticket's language code (lower-cased), e.g. `hu`: agents with languages must speak it.
    public var language: String
    /// The skill a rule's `assign_skill` asks for (lower-cased); nil asks for none.
    public var skill: String?
    /// The region a rule or the customer's organisation names; nil matches every agent.
    public var region: String?
    /// The agent asked for by name: a rule's `assign`, or the current owner when re-assigning.
    /// Kept when present; when away, their chain of stand-ins is followed first.
    public var preferred: String?

    /// Creates a request; every text is lower-cased and trimmed, and empty texts count as nil.
    public init(queue: String, language: String, skill: String? = nil, region: String? = nil, preferred: String? = nil) {
        self.queue = Self.folded(queue) ?? ""
        self.language = Self.folded(language) ?? ""
        self.skill = skill.flatMap(Self.folded)
        self.region = region.flatMap(Self.folded)
        self.preferred = preferred.flatMap(Self.folded)
    }

    static func folded(_ text: String) -> String? {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
        return folded.isEmpty ? nil : folded
    }
}
