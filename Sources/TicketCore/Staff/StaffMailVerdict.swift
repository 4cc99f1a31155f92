/// Whether a mail whose From is a staff address may act as that staff member (be relayed to the
/// customer, run commands, fulfil a promise).
public enum StaffMailVerdict: Sendable, Equatable {
    /// It may: written by this member, as proved.
    case verified(StaffMember, via: StaffProof)
    /// It may not: hold it on the ticket and tell the member at their real address why.
    case unverified(reason: String)

    /// Whether the mail may act.
    public var isVerified: Bool {
        if case .verified = self { true } else { false }
    }
}
