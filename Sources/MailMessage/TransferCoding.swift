/// Tolerant Content-Transfer-Encoding decoders and the encoders used for outgoing mail.
enum TransferCoding {
    /// Decoded bytes and whether the input was well-formed.
    struct Output {
        var bytes: [UInt8]
        var isClean: Bool
    }

    private static let invalid: UInt8 = 0xFF
    private static let whitespace: UInt8 = 0xFE

    private static let base64Table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        for byte in [0x20, 0x09, 0x0D, 0x0A, 0x0B, 0x0C] { table[byte] = whitespace }
        return table
    }()

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Decodes base64, skipping whitespace and invalid characters; `=` ends the current group, and data after it continues.
    static func decodeBase64(_ input: some Collection<UInt8>) -> Output {
        input.withContiguousStorageIfAvailable(decodeBase64(contiguous:))
            ?? Array(input).withUnsafeBufferPointer(decodeBase64(contiguous:))
    }

    /// The base64 decoder over contiguous bytes (one tight loop; no captured state to box).
    private static func decodeBase64(contiguous input: UnsafeBufferPointer<UInt8>) -> Output {
        let table = base64Table
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 3 + 3)
        var clean = true
        var accumulator: UInt32 = 0
        var count = 0
        func flushPartial() {
            switch count {
            case 2:
                out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
            case 3:
                out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
            case 1:
                clean = false
            default:
                break
            }
            accumulator = 0
            count = 0
        }
        for byte in input {
            let value = table[Int(byte)]
            if value < 64 {
                accumulator = (accumulator << 6) | UInt32(value)
                count += 1
                if count == 4 {
                    out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                    out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                    out.append(UInt8(truncatingIfNeeded: accumulator))
                    accumulator = 0
                    count = 0
                }
            } else if byte == UInt8(ascii: "=") {
                flushPartial()
            } else if value != whitespace {
                clean = false
            }
        }
        flushPartial()
        return Output(bytes: out, isClean: clean)
    }

    /// Decodes quoted-printable; soft line breaks are removed and malformed escapes kept literally.
    static func decodeQuotedPrintable(_ input: some Collection<UInt8>, underscoreIsSpace: Bool = false) -> Output {
        let bytes = Array(input)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var clean = true
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_"), underscoreIsSpace {
                out.append(0x20)
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "=") else {
                out.append(byte)
                index += 1
                continue
            }
            if index + 2 < count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            }
            var probe = index + 1
            while probe < count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
            if probe == count {
                index = count
                continue
            }
            if bytes[probe] == 0x0A {
                index = probe + 1
                continue
            }
            if bytes[probe] == 0x0D {
                index = probe + 1 < count && bytes[probe + 1] == 0x0A ? probe + 2 : probe + 1
                continue
            }
            clean = false
            out.append(byte)
            index += 1
        }
        return Output(bytes: out, isClean: clean)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Standard padded base64 without line breaks.
    static func encodeBase64(_ input: some Collection<UInt8>) -> String {
        let bytes = Array(input)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out.append(base64Alphabet[Int(value >> 18 & 63)])
            out.append(base64Alphabet[Int(value >> 12 & 63)])
            out.append(base64Alphabet[Int(value >> 6 & 63)])
            out.append(base64Alphabet[Int(value & 63)])
            index += 3
        }
        let remaining = bytes.count - index
        if remaining > 0 {
            let value = UInt32(bytes[index]) << 16 | (remaining == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(base64Alphabet[Int(value >> 18 & 63)])
            out.append(base64Alphabet[Int(value >> 12 & 63)])
            out.append(remaining == 2 ? base64Alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Quoted-printable body encoding (RFC 2045): lines of at most 76 characters joined by CRLF.
    ///
    /// `text` line ends (LF, CRLF or CR) become CRLF; `=`, controls, 8-bit bytes, trailing whitespace and a
    /// leading `From ` or `.` are escaped so the body survives any transport unchanged.
    static func encodeQuotedPrintable(_ text: String) -> [UInt8] {
        let lines = text.normalizingNewlines.lineSlices
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 16)
        for (lineIndex, line) in lines.enumerated() {
            if lineIndex > 0 { out.append(contentsOf: [0x0D, 0x0A]) }
            let bytes = Array(line.utf8)
            var column = 0
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let mustEscape: Bool
                switch byte {
                case UInt8(ascii: "="): mustEscape = true
                case 0x20, 0x09: mustEscape = isLast
                case 0x21...0x7E:
                    let startsFrom = index == 0 && byte == UInt8(ascii: "F") && bytes.starts(with: Array("From ".utf8))
                    mustEscape = startsFrom || (index == 0 && byte == UInt8(ascii: "."))
                default: mustEscape = true
                }
                let width = mustEscape ? 3 : 1
                let reserve = isLast ? 0 : 1
                if column + width + reserve > 76 {
                    out.append(contentsOf: [UInt8(ascii: "="), 0x0D, 0x0A])
                    column = 0
                }
                if mustEscape {
                    out.append(UInt8(ascii: "="))
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                } else {
                    out.append(byte)
                }
                column += width
            }
        }
        return out
    }
}
