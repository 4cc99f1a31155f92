import Foundation

/// What ticketd keeps of one attachment of an incoming message: its description, and where its
/// bytes are when they were stored.
public struct AttachmentRecord: Sendable, Equatable {
    /// The decoded file name, if the part had one.
    public var filename: String?
    /// The lower-cased `type/subtype`.
    public var contentType: String
    /// The decoded size in bytes.
    public var size: Int
    /// Whether the part is shown inline (an image of an HTML body).
    public var isInline: Bool
    /// The SHA-256 (hex) the bytes are stored under; nil when they were not stored.
    public var sha256: String?
    /// Why the bytes were not stored (e.g. over the size limit); nil when stored.
    public var notStoredReason: String?

    public init(filename: String?, contentType: String, size: Int, isInline: Bool, sha256: String?, notStoredReason: String?) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
        self.isInline = isInline
        self.sha256 = sha256
        self.notStoredReason = notStoredReason
    }

    /// `1536` → `"1.5 KB"`; binary multiples, as file managers show them.
    public static func describe(size: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB"]
        var value = Double(size)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(size) bytes" : String(format: "%.1f %@", value, units[unit])
    }
}
