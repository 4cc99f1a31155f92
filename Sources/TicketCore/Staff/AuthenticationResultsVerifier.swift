import Foundation
import MailMessage

/// Decides whether a message's `Authentication-Results` prove it came from a domain, trusting
/// only what our own receiving MTA wrote.
///
/// **The rule: only the topmost Authentication-Results header counts, and only if its
/// authserv-id is ours.** MTAs prepend header fields, so the header our MTA adds on receipt is
/// above everything the sender wrote; anything below it may be the sender's invention, including
/// a header naming our authserv-id (iTop trusted the first one it found). So:
/// - the topmost header is by another authserv-id, or names none → unverified: a host after ours
///   wrote it, or ours wrote none and the sender's is on top;
/// - the topmost header cannot be read → unverified (never look further down);
/// - headers further down are never read, whatever they say and whoever they name.
///
/// What the admin must make true (README, "trust model"): the MTA in front of the desk adds an
/// Authentication-Results header to *every* message it accepts (OpenDMARC after OpenDKIM, or
/// rspamd, which write one for each message) and removes headers that already name its
/// authserv-id (RFC 8601 §5; Postfix `header_checks` for incoming mail, rspamd does it itself), and
/// nothing after it adds another. With OpenDKIM and OpenDMARC as separate milters the topmost is
/// OpenDMARC's: its `dmarc=pass` counts, OpenDKIM's `dkim=pass` below it does not.
///
/// A pass is `dmarc=pass` with `header.from` the domain, or `dkim=pass` with `header.d` the
/// domain (Gmail writes only `header.i=@domain`; that counts when `header.d` is absent). Domains
/// are compared exactly, without regard to case: a subdomain or a parent domain is not the domain.
public struct AuthenticationResultsVerifier: Sendable, Equatable {
    /// The authserv-id our receiving MTA writes (`daemon.authserv_id`).
    public var authservID: String

    public init(authservID: String) {
        self.authservID = authservID.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Checks `message`'s topmost Authentication-Results header for `domain`.
    public func check(_ message: MailMessage, domain: String) -> AuthenticationCheck {
        check(headerValues: message.headers.values("Authentication-Results"), domain: domain)
    }

    /// Checks Authentication-Results header values, topmost first, for `domain`.
    public func check(headerValues: [String], domain: String) -> AuthenticationCheck {
        guard let topmost = headerValues.first else { return .noHeader }
        let results: AuthenticationResults
        do {
            results = try AuthenticationResults(parsing: topmost)
        } catch {
            return .malformed(error)
        }
        guard !authservID.isEmpty, results.isFrom(authservID) else { return .topmostIsForeign(results.authservID) }
        let wanted = Self.normalizedDomain(domain)
        let passes = results.results.filter { $0.result == "pass" }
        if passes.contains(where: { $0.method == "dmarc" && Self.domain(of: $0.properties["header.from"]) == wanted }) {
            return .passed(.dmarc)
        }
        if passes.contains(where: { $0.method == "dkim" && Self.dkimDomain($0) == wanted }) {
            return .passed(.dkim)
        }
        let found = results.results.filter { $0.method == "dmarc" || $0.method == "dkim" }.map { entry in
            let domainKey = entry.method == "dmarc" ? "header.from" : "header.d"
            return "\(entry.method)=\(entry.result)" + (entry.properties[domainKey].map { " \(domainKey)=\($0)" } ?? "")
        }
        return .notPassed(domain: wanted, found: found.joined(separator: ", "))
    }

    private static func dkimDomain(_ entry: AuthenticationResults.MethodResult) -> String? {
        if let d = entry.properties["header.d"] { return normalizedDomain(d) }
        return domain(of: entry.properties["header.i"])
    }

    /// The domain of `header.from`/`header.i`: the part after `@` when there is one.
    private static func domain(of value: String?) -> String? {
        guard let value else { return nil }
        let domain = value.lastIndex(of: "@").map { String(value[value.index(after: $0)...]) } ?? value
        return normalizedDomain(domain)
    }

    private static func normalizedDomain(_ domain: String) -> String {
        var result = domain.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if result.hasSuffix(".") { result.removeLast() }
        return result
    }
}
