/// What ``AuthenticationResultsVerifier`` concluded about one message and one domain.
public enum AuthenticationCheck: Sendable, Equatable {
    /// Our authserv-id's topmost header shows the domain authenticated by this method.
    case passed(AuthenticationMethod)
    /// The message has no Authentication-Results header.
    case noHeader
    /// The topmost Authentication-Results header is not by our authserv-id (the id it names; empty when none).
    case topmostIsForeign(String)
    /// The topmost Authentication-Results header cannot be read.
    case malformed(AuthenticationResultsError)
    /// Our header is there and readable, but shows no pass for the domain; the text lists what it shows.
    case notPassed(domain: String, found: String)

    /// Whether the message counts as authenticated.
    public var isPassed: Bool {
        if case .passed = self { true } else { false }
    }

    /// A human reason, for the `held` event and the note to staff.
    public var reason: String {
        switch self {
        case let .passed(method): "Authentication-Results: \(method.rawValue)=pass"
        case .noHeader: "no Authentication-Results header"
        case let .topmostIsForeign(id):
            id.isEmpty ? "the topmost Authentication-Results header names no authserv-id"
                : "the topmost Authentication-Results header is by \(id), not our authserv-id"
        case let .malformed(error): "\(error)"
        case let .notPassed(domain, found):
            "Authentication-Results show no dmarc or dkim pass for \(domain)" + (found.isEmpty ? "" : " (\(found))")
        }
    }
}
