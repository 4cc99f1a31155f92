import Foundation

/// The two forms rule conditions compare text in.
///
/// - `normalized`: Unicode NFC, so a decomposed "számla" (a + U+0301) equals the composed one; `regex` sees this.
/// - `folded`: NFC and case-folded (full lowercase mapping, with "ß" → "ss" and final "ς" → "σ" as in
///   Unicode case folding), as UTF-8 bytes; `is`, `contains` and `matches` compare these.
///
/// Text below U+0300 (ASCII, Latin-1, Latin Extended-A/B: every Hungarian and Polish letter) has no
/// combining marks and is already NFC, so it takes a fast path that skips Foundation's normaliser.
enum TextFolding {
    /// `text` in NFC.
    static func normalized(_ text: String) -> String {
        isBelowCombiningMarks(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// `text` in NFC, case-folded, as UTF-8 bytes.
    static func folded(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
        }
        guard isBelowCombiningMarks(text) else {
            let lowered = text.precomposedStringWithCanonicalMapping.lowercased()
            return Array(foldingSpecials(lowered).precomposedStringWithCanonicalMapping.utf8)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                bytes.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
            } else {
                bytes.append(contentsOf: latinFolds[Int(scalar.value) - 0x80])
            }
        }
        return bytes
    }

    /// Whether every scalar is below U+0300, where NFC changes nothing.
    private static func isBelowCombiningMarks(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 }
    }

    /// The folded UTF-8 of U+0080 … U+02FF, computed once.
    private static let latinFolds: [[UInt8]] = (0x80..<0x300).map { value in
        let scalar = Unicode.Scalar(UInt32(value)).map(String.init) ?? ""
        return Array(foldingSpecials(scalar.lowercased()).utf8)
    }

    /// Where Unicode case folding differs from lowercasing for letters met in mail.
    private static func foldingSpecials(_ lowered: String) -> String {
        guard lowered.contains("ß") || lowered.contains("ς") else { return lowered }
        return lowered.replacingOccurrences(of: "ß", with: "ss").replacingOccurrences(of: "ς", with: "σ")
    }
}
