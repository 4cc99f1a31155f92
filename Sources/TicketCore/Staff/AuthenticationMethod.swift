/// The authentication result that vouched for a staff member's mail.
public enum AuthenticationMethod: String, Sendable, Hashable, Codable {
    /// `dmarc=pass` with `header.from` the staff address's domain.
    case dmarc
    /// `dkim=pass` with `header.d` (or, when absent, `header.i`) in the staff address's domain.
    case dkim
}
