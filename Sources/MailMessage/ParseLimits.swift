/// Caps that bound the memory and time `MailMessage.parse` spends on hostile input.
///
/// Going over a cap never fails the parse: the parser keeps what is safe and records a `ParseDefect`.
public struct ParseLimits: Sendable, Equatable {
    /// Deepest nesting of multipart and message/rfc822 entities that is still parsed.
    public var maxNestingDepth: Int
    /// Most header fields kept per entity.
    public var maxHeaderCount: Int
    /// Longest unfolded header field value kept, in bytes.
    public var maxHeaderLength: Int
    /// Longest single header line kept, in bytes.
    public var maxLineLength: Int
    /// Most MIME parts parsed in the whole message.
    public var maxParts: Int

    /// Generous limits suitable for a mail daemon: depth 16, 1,000 fields, 64 KiB fields, 16 KiB lines, 2,000 parts.
    public static let `default` = ParseLimits()

    /// Creates limits, each defaulting to the value in `ParseLimits.default`; values below 1 are raised to 1.
    public init(maxNestingDepth: Int = 16, maxHeaderCount: Int = 1_000, maxHeaderLength: Int = 64 * 1_024,
                maxLineLength: Int = 16 * 1_024, maxParts: Int = 2_000) {
        self.maxNestingDepth = max(1, maxNestingDepth)
        self.maxHeaderCount = max(1, maxHeaderCount)
        self.maxHeaderLength = max(1, maxHeaderLength)
        self.maxLineLength = max(1, maxLineLength)
        self.maxParts = max(1, maxParts)
    }
}
