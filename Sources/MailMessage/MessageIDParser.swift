/// Extracts message ids (`<left@right>`) from Message-ID, In-Reply-To and References values.
enum MessageIDParser {
    private static let maxIDs = 1_000

    /// All ids in order, each normalised to `<…>` with whitespace removed, duplicates dropped.
    ///
    /// Bracketed ids are preferred; when there are none, bare tokens containing `@` are accepted.
    static func list(_ value: String?) -> [String] {
        guard let value else { return [] }
        let bytes = Array(value.utf8)
        var ids: [String] = []
        var seen: Set<String> = []
        func add(_ content: ArraySlice<UInt8>) {
            let cleaned = content.filter { $0 > 0x20 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && $0 != 0x7F }
            guard !cleaned.isEmpty, ids.count < maxIDs else { return }
            let id = "<" + String(decoding: cleaned, as: UTF8.self) + ">"
            if seen.insert(id).inserted { ids.append(id) }
        }
        var index = 0
        var sawBracket = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "(") {
                index = HeaderComment.end(in: bytes, from: index)
                continue
            }
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "<") { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ">") else {
                index = end
                continue
            }
            sawBracket = true
            add(bytes[(index + 1)..<end])
            index = end + 1
        }
        if !sawBracket {
            for token in bytes.split(whereSeparator: { $0 <= 0x20 || $0 == UInt8(ascii: ",") })
            where token.contains(UInt8(ascii: "@")) {
                add(token)
            }
        }
        return ids
    }

    /// The first id, or nil when the value holds none.
    static func single(_ value: String?) -> String? {
        list(value).first
    }
}
