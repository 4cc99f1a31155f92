import Foundation
import MailMessage

/// Decides whether a mail with a staff address in From really is that staff member's, for one
/// ticket: a From header proves nothing (FreeScout, CVE-2026-47123), so the mail must carry proof.
///
/// Two proofs count, tried in this order:
/// 1. **A token**: the mail came to a reply address `<desk>+<token>@<domain>` (see
///    ``StaffReplyAddress/headers`` for where it is looked for) whose token ticketd minted for this
///    ticket and for the address in From, with a key that is still valid at `now`.
/// 2. **Authentication**, only when an authserv-id is configured: the topmost
///    Authentication-Results header is our MTA's and shows dmarc or dkim pass for the From
///    address's domain (``AuthenticationResultsVerifier``).
///
/// Anything else is unverified, with a reason a human can act on. From must hold exactly one
/// address, and it must be on the roster.
///
/// ```swift
/// let verifier = StaffMailVerifier(roster: roster, keyring: keyring, deskAddresses: ["support@example.com"],
///                                  recipientDelimiter: "+", authservID: "mx.example.com")
/// switch verifier.verify(message, ticket: 42, now: now) {
/// case let .verified(member, via): …   // relay, run commands
/// case let .unverified(reason): …      // hold, tell the member
/// }
/// ```
public struct StaffMailVerifier: Sendable {
    /// Who is staff.
    public var roster: StaffRoster
    /// The keys tokens are checked with.
    public var keyring: StaffKeyring
    /// The desk addresses and recipient delimiter reply addresses are made of.
    public var replyAddresses: StaffReplyAddress
    /// The Authentication-Results check, nil when `daemon.authserv_id` is not set.
    public var authentication: AuthenticationResultsVerifier?

    /// Token sightings checked per mail: a mail with hundreds of made-up reply addresses costs
    /// no more than this many checks (each up to one HMAC per staff member).
    public static let maximumSightings = 8

    /// A verifier; an empty or nil `authservID` leaves tokens as the only proof.
    public init(
        roster: StaffRoster, keyring: StaffKeyring, deskAddresses: Set<String>, recipientDelimiter: Character = "+",
        authservID: String? = nil
    ) {
        self.roster = roster
        self.keyring = keyring
        replyAddresses = StaffReplyAddress(delimiter: recipientDelimiter, deskAddresses: deskAddresses)
        authentication = authservID.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : AuthenticationResultsVerifier(authservID: $0) }
    }

    /// Whether `message`, a mail about ticket `ticket`, was written by the staff member in its From.
    public func verify(_ message: MailMessage, ticket: Int, now: Date) -> StaffMailVerdict {
        guard message.from.count == 1, let from = message.from.first else {
            return .unverified(reason: "From has \(message.from.count) addresses; staff mail needs exactly one")
        }
        guard let member = roster.member(from.normalized) else {
            return .unverified(reason: "From \(from.normalized) is not a staff address")
        }
        var tokenProblem: String?
        for sighting in replyAddresses.sightings(in: message).prefix(Self.maximumSightings) {
            guard let token = sighting.token else {
                tokenProblem = tokenProblem ?? StaffTokenCheck.malformed(sighting.extensionText).reason
                continue
            }
            let check = keyring.check(token, ticket: ticket, sender: member.address, otherStaff: roster.addresses, now: now)
            if case let .valid(keyID) = check { return .verified(member, via: .token(keyID: keyID)) }
            tokenProblem = tokenProblem ?? check.reason
        }
        let authenticationCheck = authentication?.check(message, domain: member.domain)
        if case let .passed(method) = authenticationCheck { return .verified(member, via: .authentication(method)) }
        let authenticationProblem = authenticationCheck.map(\.reason) ?? "daemon.authserv_id is not set"
        guard let tokenProblem else {
            return .unverified(reason: "From staff address \(member.address) but no token and no trusted Authentication-Results (\(authenticationProblem))")
        }
        return .unverified(reason: "\(tokenProblem); \(authenticationProblem)")
    }
}
