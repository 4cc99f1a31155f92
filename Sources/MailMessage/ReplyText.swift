/// Extracts the new part of a reply: quoted history, attribution lines, forwarded-original blocks and the signature removed.
///
/// Recognises English, Hungarian and Polish mail clients (Outlook, Gmail, Apple Mail, Thunderbird).
/// A forwarded message marker ("---------- Forwarded message ---------") is content and is kept with what follows.
enum ReplyText {
    static func newText(from text: String) -> String {
        let lines = text.lineSlices
        var cut = lines.count
        var index = 0
        scan: while index < lines.count {
            let line = lines[index]
            if line.utf8.count > 400 || line.utf8.isEmpty {
                index += 1
                continue
            }
            let trimmed = line.trimmingASCIIWhitespace()
            if trimmed.utf8.first == UInt8(ascii: "-") || trimmed.utf8.first == UInt8(ascii: "B") {
                if isForwardMarker(trimmed) { break scan }
                if trimmed == "--" || line == "-- " || isOriginalMessageMarker(trimmed) {
                    cut = index
                    break scan
                }
            }
            if isHeaderBlock(lines, at: index) {
                cut = index
                break scan
            }
            if let start = attributionStart(lines, endingAt: index) {
                cut = start
                break scan
            }
            index += 1
        }
        var kept = lines[..<cut].filter { !isQuoted($0) }
        let droppedQuotes = kept.count < cut
        while let last = kept.last, isBlankOrSeparator(last) { kept.removeLast() }
        while let first = kept.first, first.trimmingASCIIWhitespace().isEmpty { kept.removeFirst() }
        // Without quoted lines the kept lines are one stretch of the text: a slice, no joining.
        let joined = droppedQuotes || kept.isEmpty
            ? kept.joined(separator: "\n") : String(text[kept[0].startIndex..<kept[kept.count - 1].endIndex])
        let result = joined.trimmingTrailingWhitespace
        return result.isEmpty ? text.trimmingASCIIWhitespace() : result
    }

    /// Whether the line starts with `>` after spaces and tabs.
    private static func isQuoted(_ line: Substring) -> Bool {
        // The byte test alone rules most lines out; the Character test decides (`>` plus a combining mark is no quote).
        line.utf8.first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: ">")
            && line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(">")
    }

    private static func isBlankOrSeparator(_ line: Substring) -> Bool {
        let trimmed = line.trimmingASCIIWhitespace()
        return trimmed.isEmpty || (trimmed.count >= 3 && trimmed.allSatisfy { $0 == "_" || $0 == "-" || $0 == "=" })
    }

    private static func isForwardMarker(_ line: Substring) -> Bool {
        // Every marker has ASCII letters, so a line of dashes alone (a common separator) needs no search.
        guard line.utf8.first == UInt8(ascii: "B") || line.utf8.first == UInt8(ascii: "b") || line.hasPrefix("---"),
              line.utf8.contains(where: { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") })
        else { return false }
        let lower = line.lowercased()
        if lower.hasPrefix("begin forwarded message") { return true }
        guard lower.hasPrefix("---") else { return false }
        return ["forwarded message", "továbbított üzenet", "továbbított levél", "wiadomość przekazana",
                "przekazana wiadomość", "weitergeleitete nachricht"].contains { lower.contains($0) }
    }

    private static func isOriginalMessageMarker(_ line: Substring) -> Bool {
        guard line.hasPrefix("--"), line.hasSuffix("--") || line.hasSuffix("-- ") else { return false }
        let inner = line.trimmingASCIIWhitespace(extra: "-").lowercased()
        return ["original message", "eredeti üzenet", "eredeti levél", "wiadomość oryginalna", "oryginalna wiadomość",
                "ursprüngliche nachricht", "message d'origine", "mensaje original"].contains(inner)
    }

    private static let fromLabels = ["from", "feladó", "od", "von", "de"]
    private static let dateLabels = ["sent", "date", "elküldve", "dátum", "küldve", "wysłano", "data", "gesendet", "envoyé"]
    private static let subjectLabels = ["subject", "tárgy", "temat", "betreff", "objet"]

    /// The lower-cased label before `:` on a header-looking line, ignoring `*bold*` markup.
    private static func label(_ line: Substring) -> String? {
        guard line.utf8.prefix(32).contains(UInt8(ascii: ":")) else { return nil }
        let trimmed = line.trimmingASCIIWhitespace(extra: "*")
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let name = String(trimmed[..<colon]).trimmingASCIIWhitespace(extra: "*").lowercased()
        guard name.count <= 20 else { return nil }
        return name
    }

    /// An Outlook-style "From: … Sent: … To: … Subject: …" block starting at `index`.
    private static func isHeaderBlock(_ lines: [Substring], at index: Int) -> Bool {
        guard let first = label(lines[index]), fromLabels.contains(first) else { return false }
        var sawDate = false
        for line in lines[(index + 1)..<min(lines.count, index + 8)] {
            guard let name = label(line) else { continue }
            if dateLabels.contains(name) { sawDate = true }
            if subjectLabels.contains(name) { return sawDate }
        }
        return false
    }

    private static let attributionEndings = [
        "wrote:", "írta:", "napisał(a):", "napisał:", "napisała:", "pisze:", "schrieb:", "a écrit :", "a écrit:",
        "escribió:", "ha scritto:", "skrev:",
    ]

    /// The first line of an attribution such as "On … wrote:" that ends on line `index` and spans up to three lines.
    ///
    /// The earliest start that begins like an attribution ("On …", "W dniu …", a date) wins; otherwise the
    /// ending line alone counts when it names an address or is followed by quoted text.
    private static func attributionStart(_ lines: [Substring], endingAt index: Int) -> Int? {
        guard lastVisibleByte(lines[index]) == UInt8(ascii: ":") else { return nil }
        let last = lines[index].trimmingASCIIWhitespace()
        guard !last.hasPrefix(">"), last.utf8.count <= 400 else { return nil }
        let lowerLast = last.lowercased()
        guard attributionEndings.contains(where: { lowerLast.hasSuffix($0) })
            || (lowerLast.hasSuffix("):") && lowerLast.contains(" írta (")) else { return nil }
        var joined = lowerLast
        var candidates: [(start: Int, text: String)] = [(index, joined)]
        var start = index
        while start > 0, index - start < 2 {
            let previous = lines[start - 1].trimmingASCIIWhitespace()
            if previous.isEmpty || previous.hasPrefix(">") || previous.utf8.count > 300 { break }
            start -= 1
            joined = previous.lowercased() + " " + joined
            candidates.append((start, joined))
        }
        if let introduced = candidates.reversed().first(where: { startsLikeAttribution($0.text) }) {
            return introduced.start
        }
        if lowerLast.contains("@") || nextContentIsQuoted(lines, after: index) {
            return index
        }
        return nil
    }

    private static func lastVisibleByte(_ line: Substring) -> UInt8? {
        line.utf8.reversed().first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
    }

    private static func startsLikeAttribution(_ lower: String) -> Bool {
        let starters = ["on ", "am ", "le ", "el ", "w dniu ", "dnia ", "il "]
        return starters.contains { lower.hasPrefix($0) } || lower.first?.isNumber == true
    }

    private static func nextContentIsQuoted(_ lines: [Substring], after index: Int) -> Bool {
        for line in lines[(index + 1)...].prefix(3) {
            let trimmed = line.trimmingASCIIWhitespace()
            if trimmed.isEmpty { continue }
            return trimmed.hasPrefix(">")
        }
        return true
    }
}
