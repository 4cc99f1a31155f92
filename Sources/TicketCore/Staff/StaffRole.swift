/// What a staff member may be escalated to and asked for (`role` in `[[staff]]`).
public enum StaffRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Works tickets (the default).
    case agent
    /// Receives first-level escalations of the team.
    case lead
    /// Receives the last escalations.
    case manager
}
