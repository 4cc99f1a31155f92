import CLibCrypto

/// SHA-256 of bytes, as lower-case hex: the name a stored attachment is filed under.
public enum ContentDigest {
    /// The SHA-256 of `bytes` in lower-case hex (64 characters).
    public static func sha256(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let succeeded = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil) == 1
        }
        // EVP_Digest fails only when libcrypto cannot allocate a context: nothing to recover.
        precondition(succeeded && length == 32, "libcrypto EVP_Digest(SHA-256) failed")
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
