/// What proved that a staff member wrote a mail.
public enum StaffProof: Sendable, Equatable {
    /// It came to their reply address for the ticket, with a valid token signed by this key.
    case token(keyID: String)
    /// Our MTA's topmost Authentication-Results header shows their domain authenticated.
    case authentication(AuthenticationMethod)
}
