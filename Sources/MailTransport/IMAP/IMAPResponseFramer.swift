/// Splits the byte stream from an IMAP server into complete responses, literals included.
///
/// Feed it whatever the socket gives (`append`), then take responses with `next()` until it
/// returns nil. It never needs a response to arrive in one piece.
struct IMAPResponseFramer {
    private var buffer: [UInt8] = []
    private var start = 0
    private var text: [UInt8] = []
    private var literals: [[UInt8]] = []
    private var literalRemaining: Int?

    /// The largest literal accepted; a bigger announcement is a protocol violation.
    let maxLiteralSize: Int

    init(maxLiteralSize: Int = 1 << 30) {
        self.maxLiteralSize = maxLiteralSize
    }

    mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete response, or nil when more bytes are needed.
    mutating func next() throws(IMAPFramingError) -> IMAPResponse? {
        while true {
            if let remaining = literalRemaining {
                guard buffer.count - start >= remaining else { return nil }
                literals.append(Array(buffer[start..<start + remaining]))
                start += remaining
                literalRemaining = nil
                continue
            }
            guard let lineEnd = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            var line = buffer[start..<lineEnd]
            start = lineEnd + 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            text.append(contentsOf: line)
            if let size = try Self.literalSize(atEndOf: line, limit: maxLiteralSize) {
                literalRemaining = size
                continue
            }
            let response = IMAPResponse(text: text, literals: literals)
            text = []
            literals = []
            return response
        }
    }

    /// A `* BYE …` line among the bytes not yet framed (inside an unfinished literal, say), so a
    /// server that gave up mid-answer is quoted rather than reported as a lost connection.
    /// Whether bytes not yet handed out as a response are buffered.
    var hasBufferedBytes: Bool { start < buffer.count }

    var pendingBye: String? {
        let pending = text + buffer[start...]
        var lineStart = pending.startIndex
        while lineStart < pending.endIndex {
            let lineEnd = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? pending.endIndex
            var line = pending[lineStart..<lineEnd]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            if text.uppercased().hasPrefix("* BYE") { return text }
            lineStart = lineEnd < pending.endIndex ? lineEnd + 1 : pending.endIndex
        }
        return nil
    }

    /// Where in a response the stream stopped, for an error message ("" between responses).
    var pendingDescription: String {
        if let remaining = literalRemaining { return " in the middle of a response (\(remaining) bytes of a literal still due)" }
        return start < buffer.count || !text.isEmpty ? " in the middle of a response" : ""
    }

    /// The `N` of a trailing `{N}` or `{N+}`, if the line ends with one.
    private static func literalSize(atEndOf line: ArraySlice<UInt8>, limit: Int) throws(IMAPFramingError) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = line[(open + 1)..<(line.endIndex - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.count <= 12 else { return nil }
        let size = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        guard size <= limit else { throw .literalTooLarge(size) }
        return size
    }
}

/// The server announced something the framer will not buffer.
enum IMAPFramingError: Error, Equatable {
    case literalTooLarge(Int)
}
