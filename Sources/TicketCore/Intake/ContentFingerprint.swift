import MailMessage

/// A fingerprint that is equal for two deliveries of the same mail.
///
/// Transport headers differ between deliveries (`Received`, `Delivered-To`, `Return-Path`), so the
/// fingerprint covers what the sender wrote: Message-ID, From, Subject, Date and the body
/// (64-bit FNV-1a, hex). It is a dedupe key, not a security boundary.
public enum ContentFingerprint {
    public static func of(_ message: MailMessage, raw: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let headers = message.headers
        for field in [message.messageID, headers["From"], headers["Subject"], headers["Date"]] {
            for byte in (field ?? "").utf8 { mix(byte) }
            mix(0)
        }
        for byte in body(of: raw) where byte != 13 { mix(byte) }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The bytes after the first empty line (CRLF or LF line ends).
    static func body(of raw: [UInt8]) -> ArraySlice<UInt8> {
        var index = 0
        while index + 1 < raw.count {
            if raw[index] == 10 {
                if raw[index + 1] == 10 { return raw[(index + 2)...] }
                if raw[index + 1] == 13, index + 2 < raw.count, raw[index + 2] == 10 { return raw[(index + 3)...] }
            }
            index += 1
        }
        return raw[raw.endIndex...]
    }
}
