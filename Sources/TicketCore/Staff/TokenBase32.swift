/// Crockford's base32 in lower case: digits and letters without `i`, `l`, `o` and `u`, so a token
/// survives an MTA that changes the case of local parts and a human who reads it aloud.
///
/// Only what tokens need: a whole number of 5-bit groups from the front of some bytes, and the
/// check that a string is made of the alphabet (either case).
enum TokenBase32 {
    static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// The first `characters` × 5 bits of `bytes`, one alphabet letter per 5 bits.
    static func encode(_ bytes: [UInt8], characters: Int) -> String {
        precondition(characters * 5 <= bytes.count * 8, "not enough bytes for \(characters) base32 characters")
        var text = [UInt8]()
        text.reserveCapacity(characters)
        for index in 0..<characters {
            let bit = index * 5
            let byte = bit / 8
            let high = UInt16(bytes[byte]) << 8
            let low = byte + 1 < bytes.count ? UInt16(bytes[byte + 1]) : 0
            let window = (high | low) >> (11 - UInt16(bit % 8))
            text.append(alphabet[Int(window & 0x1f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `text` in lower case when every character is in the alphabet (either case), else nil.
    static func canonical(_ text: Substring) -> [UInt8]? {
        var result = [UInt8]()
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let lower = (byte >= 0x41 && byte <= 0x5a) ? byte + 0x20 : byte
            guard alphabet.contains(lower) else { return nil }
            result.append(lower)
        }
        return result
    }
}
