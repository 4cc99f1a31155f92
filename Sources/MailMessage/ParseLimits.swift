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

    /// Generous limits suitable for a mail daemon.
    public static let `default` = ParseLimits(
        maxNestingDepth: 24, maxHeaderCount: 1_000, maxHeaderLength: 64 * 1024, maxLineLength: 16 * 1024, maxParts: 2_000)

    /// Creates limits; values below 1 are raised to 1.
    public init(maxNestingDepth: Int, maxHeaderCount: Int, maxHeaderLength: Int, maxLineLength: Int, maxParts: Int) {
        self.maxNestingDepth = max(1, maxNestingDepth)
        self.maxHeaderCount = max(1, maxHeaderCount)
        self.maxHeaderLength = max(1, maxHeaderLength)
        self.maxLineLength = max(1, maxLineLength)
        self.maxParts = max(1, maxParts)
    }
}
