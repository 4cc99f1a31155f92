import Foundation

/// A compact signature of a message's new text for spotting (near-)identical mail from many
/// senders — 30 strangers mailing the same lottery text within a minute — without keeping the text.
///
/// The text is normalised (Unicode compatibility forms, case and accents folded, every run of
/// characters that is not a letter or digit a word break, every word with a digit the same word
/// `0`, so reference numbers and amounts do not tell copies apart), cut into overlapping
/// ``shingleSize``-word shingles, and summarised by MinHash: for each of ``hashCount`` seeded
/// hash functions the smallest hash of any shingle. The share of equal minima estimates the
/// Jaccard similarity of the two shingle sets (±0.06 at 64 hashes).
///
/// Stable across processes and machines (FNV-1a and SplitMix64, no random seeding), so
/// signatures can be stored (``band`` and ``sketch``) and compared later (``Probe``).
///
/// ```swift
/// let a = NearDuplicateText(newText)
/// if recent.filter({ a.similarity(to: $0) >= NearDuplicateText.defaultThreshold }).count >= 3 { … }
/// ```
public struct NearDuplicateText: Sendable, Hashable {
    /// Words per shingle.
    public static let shingleSize = 3
    /// MinHash functions in a signature.
    public static let hashCount = 64
    /// A similarity at or above which two texts are treated as copies of one another. One word
    /// changed in a text of 15 words changes 3 of its 13 shingles (Jaccard 10/16 ≈ 0.63); two
    /// different mails share almost no shingles (below 0.2 in the tests, English, Hungarian, Polish).
    public static let defaultThreshold = 0.5

    /// The ``hashCount`` minima; empty for a text without words.
    public let minima: [UInt64]

    /// The signature of `text`. With `foldingNumbers` false, words with digits count as
    /// written, so two requests that differ only in an order or invoice number stay apart.
    public init(_ text: String, foldingNumbers: Bool = true) {
        let words = Self.words(text, foldingNumbers: foldingNumbers)
        guard !words.isEmpty else {
            minima = []
            return
        }
        let size = min(Self.shingleSize, words.count)
        var minima = [UInt64](repeating: .max, count: Self.hashCount)
        for start in 0...(words.count - size) {
            let base = Self.fnv1a(words[start..<start + size])
            for index in 0..<Self.hashCount {
                let value = Self.mix(base ^ Self.seeds[index])
                if value < minima[index] { minima[index] = value }
            }
        }
        self.minima = minima
    }

    /// The first minimum as 16 hex digits, the key a store looks candidates up by: two texts
    /// share it with probability equal to their similarity. Empty for a text without words.
    public var band: String {
        guard let first = minima.first else { return "" }
        let hex = String(first, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// What a store keeps to compare with later (``Probe``): the upper 32 bits of each minimum,
    /// big-endian, ``hashCount`` × 4 bytes; empty for a text without words. Small enough to sit
    /// in an index entry beside its sender, so the same-text guard reads the last hour's sketches
    /// from the index alone; two different minima agree in these bits with odds of 1 in 2³².
    public var sketch: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(minima.count * 4)
        for value in minima {
            let high = UInt32(truncatingIfNeeded: value >> 32)
            bytes += [UInt8(truncatingIfNeeded: high >> 24), UInt8(truncatingIfNeeded: high >> 16), UInt8(truncatingIfNeeded: high >> 8), UInt8(truncatingIfNeeded: high)]
        }
        return bytes
    }

    /// Compares stored sketches (``sketch``) with this signature at a threshold, giving up on a
    /// candidate as soon as too many minima differ: the same-text guard compares up to a
    /// thousand stored sketches per new ticket. Agrees with ``isNearDuplicate(of:threshold:)``
    /// (but for minima that differ only below their upper 32 bits).
    public struct Probe: Sendable {
        /// The upper 32 bits of each minimum of the signature; empty for a text without words.
        let words: [UInt32]
        /// The most minima that may differ for a copy; negative when nothing can match.
        let allowedMismatches: Int

        public init(_ signature: NearDuplicateText, threshold: Double) {
            words = signature.minima.map { UInt32(truncatingIfNeeded: $0 >> 32) }
            let needed = (0...NearDuplicateText.hashCount).first { Double($0) / Double(NearDuplicateText.hashCount) >= threshold }
            allowedMismatches = needed.map { NearDuplicateText.hashCount - $0 } ?? -1
        }

        /// Whether the stored `sketch` is a copy at the threshold; anything that is not a sketch matches nothing.
        public func matches(sketch: UnsafeBufferPointer<UInt8>) -> Bool {
            guard !words.isEmpty, allowedMismatches >= 0, sketch.count == words.count * 4 else { return false }
            var mismatches = 0
            for (index, word) in words.enumerated() {
                let offset = index * 4
                let stored = UInt32(sketch[offset]) << 24 | UInt32(sketch[offset + 1]) << 16 | UInt32(sketch[offset + 2]) << 8 | UInt32(sketch[offset + 3])
                if stored != word {
                    mismatches += 1
                    if mismatches > allowedMismatches { return false }
                }
            }
            return true
        }

        /// Whether the stored `sketch` is a copy at the threshold.
        public func matches(sketch: [UInt8]) -> Bool {
            sketch.withUnsafeBufferPointer { matches(sketch: $0) }
        }
    }

    /// Whether the text had no words (such texts are similar to nothing).
    public var isEmpty: Bool { minima.isEmpty }

    /// The estimated Jaccard similarity of the two texts' shingles, 0…1; 0 when either has no words.
    public func similarity(to other: NearDuplicateText) -> Double {
        guard !minima.isEmpty, minima.count == other.minima.count else { return 0 }
        let equal = zip(minima, other.minima).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(equal) / Double(minima.count)
    }

    /// Whether `other` is a copy of this text at `threshold` (default ``defaultThreshold``).
    public func isNearDuplicate(of other: NearDuplicateText, threshold: Double = defaultThreshold) -> Bool {
        similarity(to: other) >= threshold
    }

    /// The normalised words of `text`: runs of letters and digits with the marks that extend
    /// them (``WordScalar``), scanned by Unicode scalar — grapheme by grapheme gave the same words
    /// at several times the cost. ASCII text needs no normalisation beyond lowercasing.
    static func words(_ text: String, foldingNumbers: Bool = true) -> [String] {
        let normalized = text.utf8.allSatisfy { $0 < 0x80 }
            ? asciiLowercased(text)
            : text.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var hasDigit = false
        func finish() {
            guard !word.isEmpty else { return }
            words.append(foldingNumbers && hasDigit ? "0" : String(word))
            word.removeAll(keepingCapacity: true)
            hasDigit = false
        }
        for scalar in normalized.unicodeScalars {
            switch WordScalar(scalar) {
            case .letter: word.append(scalar)
            case .digit:
                word.append(scalar)
                hasDigit = true
            case .mark where !word.isEmpty: word.append(scalar)
            case .mark, .separator: finish()
            }
        }
        finish()
        return words
    }

    private static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private static let seeds: [UInt64] = (0..<UInt64(hashCount)).map { mix($0 &+ 0x9e37_79b9_7f4a_7c15) }

    /// FNV-1a, 64 bits, of the words joined by single spaces (without building the joined text).
    private static func fnv1a(_ words: ArraySlice<String>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, word) in words.enumerated() {
            if index > 0 { hash = (hash ^ 0x20) &* 0x0000_0100_0000_01b3 }
            for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        return hash
    }

    /// SplitMix64's finaliser: a bijective mix of all 64 bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
