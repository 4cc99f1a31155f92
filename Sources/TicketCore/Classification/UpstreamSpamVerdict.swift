import Foundation
import MailMessage

/// Reads SpamAssassin's and rspamd's verdict headers — only when a trusted host added them.
///
/// Anyone can write `X-Spam-Flag: NO` into a mail; the headers count only when the most recent
/// `Received:` header (the one our own MTA added) names a trusted host in its `by` clause, or the
/// first `Authentication-Results` carries a trusted authserv-id.
public struct UpstreamSpamVerdict: Sendable {
    /// Host names (lower-case) whose verdict headers are believed.
    public var trustedHosts: Set<String>

    public init(trustedHosts: Set<String>) {
        self.trustedHosts = Set(trustedHosts.map { $0.lowercased() })
    }

    /// The upstream verdict (true: spam), or nil when there is none or it is not trusted.
    public func verdict(of message: MailMessage) -> SpamAssessment? {
        guard !trustedHosts.isEmpty, isTrusted(message.headers) else { return nil }
        let headers = message.headers
        if let flag = headers["X-Spam-Flag"]?.trimmingCharacters(in: .whitespaces).lowercased() {
            return SpamAssessment(isSpam: flag.hasPrefix("yes"), score: flag.hasPrefix("yes") ? 1 : 0, reason: "X-Spam-Flag: \(flag) (trusted)")
        }
        if let status = headers["X-Spam-Status"]?.trimmingCharacters(in: .whitespaces).lowercased() {
            let spam = status.hasPrefix("yes")
            return SpamAssessment(isSpam: spam, score: spam ? 1 : 0, reason: "X-Spam-Status: \(status.prefix(40)) (trusted)")
        }
        if let rspamd = headers["X-Spam"]?.trimmingCharacters(in: .whitespaces).lowercased() {
            let spam = rspamd.hasPrefix("yes")
            return SpamAssessment(isSpam: spam, score: spam ? 1 : 0, reason: "X-Spam: \(rspamd) (rspamd, trusted)")
        }
        if let action = headers["X-Rspamd-Action"]?.trimmingCharacters(in: .whitespaces).lowercased() {
            let spam = action == "reject" || action == "add header" || action == "rewrite subject"
            return SpamAssessment(isSpam: spam, score: spam ? 1 : 0, reason: "X-Rspamd-Action: \(action) (trusted)")
        }
        return nil
    }

    private func isTrusted(_ headers: HeaderFields) -> Bool {
        if let received = headers["Received"]?.lowercased(), let by = received.range(of: "by ") {
            let host = received[by.upperBound...].prefix { !$0.isWhitespace && $0 != ";" && $0 != "(" }
            if trustedHosts.contains(String(host)) { return true }
        }
        if let results = headers["Authentication-Results"]?.lowercased() {
            let authserv = results.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
            if trustedHosts.contains(authserv) { return true }
        }
        return false
    }
}
