/// Bounds on the work one message can cause, whatever the rules and the mail.
public struct RuleLimits: Sendable, Equatable {
    /// Conditions on `body` see at most this many UTF-8 bytes of the new text (default 64 KB),
    /// cut at a character boundary; a longer body is judged by its beginning.
    public var bodyBytes: Int
    /// PCRE2's match limit for one regex on one value (default 1,000,000 steps, a few milliseconds).
    public var regexMatchLimit: UInt32
    /// PCRE2's backtracking depth limit for one regex on one value (default 10,000).
    public var regexDepthLimit: UInt32

    /// 64 KB of body, 1,000,000 regex steps, depth 10,000.
    public static let standard = RuleLimits(bodyBytes: 64 * 1024, regexMatchLimit: 1_000_000, regexDepthLimit: 10_000)

    public init(bodyBytes: Int, regexMatchLimit: UInt32, regexDepthLimit: UInt32) {
        self.bodyBytes = bodyBytes
        self.regexMatchLimit = regexMatchLimit
        self.regexDepthLimit = regexDepthLimit
    }
}
