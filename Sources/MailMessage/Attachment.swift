/// A non-body MIME part: a file, an inline image, or an attached message.
public struct Attachment: Sendable, Equatable {
    /// The decoded file name (RFC 2231 continuations and charsets, RFC 2047 in parameters), if any.
    public var filename: String?
    /// The lower-cased `type/subtype`.
    public var contentType: String
    /// The decoded size in bytes.
    public var size: Int
    /// The decoded bytes.
    public var data: [UInt8]
    /// The Content-ID without angle brackets, as used by `cid:` URLs.
    public var contentID: String?
    /// Whether the part is meant to be shown inline (disposition inline, or a resource of multipart/related).
    public var isInline: Bool

    /// Creates an attachment; `size` is taken from `data`.
    public init(filename: String?, contentType: String, data: [UInt8], contentID: String? = nil, isInline: Bool = false) {
        self.filename = filename
        self.contentType = contentType
        self.size = data.count
        self.data = data
        self.contentID = contentID
        self.isInline = isInline
    }
}
