/// Decodes RFC 3676 `format=flowed` text: soft line breaks joined, space-stuffing removed, DelSp honoured.
enum FlowedText {
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var output: [String] = []
        var paragraph = ""
        var paragraphDepth = -1

        func flushParagraph() {
            guard paragraphDepth >= 0 else { return }
            output.append(prefix(paragraphDepth) + paragraph)
            paragraph = ""
            paragraphDepth = -1
        }

        for rawLine in text.lineSlices {
            var line = Substring(rawLine)
            var depth = 0
            while line.first == ">" {
                depth += 1
                line = line.dropFirst()
            }
            if line.first == " " { line = line.dropFirst() }
            if paragraphDepth >= 0, depth != paragraphDepth { flushParagraph() }
            let isSignature = line == "-- "
            let isFlowed = !isSignature && line.last == " "
            if isFlowed {
                if deleteSpace { line = line.dropLast() }
                paragraph += line
                paragraphDepth = depth
            } else {
                paragraph += line
                paragraphDepth = depth
                flushParagraph()
            }
        }
        flushParagraph()
        return output.joined(separator: "\n")
    }

    private static func prefix(_ depth: Int) -> String {
        depth == 0 ? "" : String(repeating: ">", count: depth) + " "
    }
}
