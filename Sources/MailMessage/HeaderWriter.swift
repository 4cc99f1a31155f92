/// Writes header fields for outgoing mail: sanitised, RFC 2047-encoded where needed, folded at 78 columns.
struct HeaderWriter {
    private(set) var bytes: [UInt8] = []
    private static let lineLimit = 78

    /// Whether `name` is a legal field name: printable ASCII except `:`, at most 76 characters.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 76 && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
    }

    /// Adds a field whose value is already safe ASCII.
    mutating func addRaw(_ name: String, _ value: String) {
        write(name, atoms: value.neutralizingLineBreaks.split(separator: " ").map { String($0) })
    }

    /// Adds free text (Subject, extra fields): kept as is when plain ASCII, else UTF-8 encoded words.
    mutating func addUnstructured(_ name: String, _ value: String) {
        let clean = value.neutralizingLineBreaks
        if EncodedWords.needsEncoding(clean) {
            write(name, atoms: EncodedWords.encode(clean, firstWordLimit: Self.lineLimit - name.utf8.count - 2))
        } else {
            write(name, rawText: clean)
        }
    }

    /// Adds an address list, each name encoded or quoted as needed.
    mutating func addAddresses(_ name: String, _ addresses: [MailAddress]) {
        var atoms: [String] = []
        for (index, address) in addresses.enumerated() {
            var entry = Self.phraseAtoms(address.name)
            let spec = Self.cleanAddress(address.address)
            entry.append("<" + spec + ">" + (index < addresses.count - 1 ? "," : ""))
            atoms += entry
        }
        write(name, atoms: atoms)
    }

    /// Adds message ids, each normalised to `<…>`.
    mutating func addIDs(_ name: String, _ ids: [String]) {
        let cleaned = ids.map { id -> String in
            let inner = id.neutralizingLineBreaks.utf8.filter { $0 > 0x20 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && $0 < 0x7F }
            return "<" + String(decoding: inner, as: UTF8.self) + ">"
        }.filter { $0 != "<>" }
        guard !cleaned.isEmpty else { return }
        write(name, atoms: cleaned)
    }

    private static func cleanAddress(_ address: String) -> String {
        let bytes = address.neutralizingLineBreaks.trimmingASCIIWhitespace().utf8.filter {
            $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && $0 >= 0x20 && $0 != 0x7F
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let atext: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~".utf8))

    /// A display name as phrase atoms: plain words, one quoted string, or encoded words.
    private static func phraseAtoms(_ name: String?) -> [String] {
        guard let name else { return [] }
        let clean = name.neutralizingLineBreaks.trimmingASCIIWhitespace()
        guard !clean.isEmpty else { return [] }
        if EncodedWords.needsEncoding(clean) || clean.utf8.count > 70 {
            return EncodedWords.encode(clean)
        }
        let words = clean.split(separator: " ", omittingEmptySubsequences: false)
        if words.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { atext.contains($0) } }) {
            return words.map(String.init)
        }
        var quoted = "\""
        for character in clean {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return [quoted + "\""]
    }

    /// Writes `name: ` then the atoms separated by single spaces, folding between atoms.
    private mutating func write(_ name: String, atoms: [String]) {
        var line = Array((name + ":").utf8)
        var column = line.count
        for atom in atoms where !atom.isEmpty {
            let atomBytes = Array(atom.utf8)
            if column + 1 + atomBytes.count > Self.lineLimit {
                line += [0x0D, 0x0A]
                column = 0
            }
            line.append(0x20)
            line += atomBytes
            column += 1 + atomBytes.count
        }
        bytes += line + [0x0D, 0x0A]
    }

    /// Writes plain ASCII text, folding only before a space that precedes a non-space, so unfolding restores it exactly.
    private mutating func write(_ name: String, rawText: String) {
        let text = Array(rawText.utf8)
        var line = Array((name + ": ").utf8)
        var column = line.count
        var index = 0
        while index < text.count {
            var wordEnd = index + 1
            while wordEnd < text.count, !(text[wordEnd] == 0x20 && wordEnd + 1 < text.count && text[wordEnd + 1] != 0x20) {
                wordEnd += 1
            }
            let piece = text[index..<wordEnd]
            if column + piece.count > Self.lineLimit, column > name.utf8.count + 2, piece.first == 0x20 {
                line += [0x0D, 0x0A]
                column = 0
            }
            line += piece
            column += piece.count
            index = wordEnd
        }
        bytes += line + [0x0D, 0x0A]
    }
}
