import Foundation
@testable import MailMessage

/// Builds message bytes from lines joined with CRLF (or LF), with optional raw byte fragments.
func crlf(_ text: String) -> [UInt8] {
    Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
}

/// Bytes of `text` where every `{XX}` is replaced by the byte 0xXX, for writing raw 8-bit fixtures.
func bytes(_ text: String, lineEnd: String = "\r\n") -> [UInt8] {
    let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: lineEnd)
    var out: [UInt8] = []
    let source = Array(normalized.utf8)
    var index = 0
    while index < source.count {
        if source[index] == UInt8(ascii: "{"), index + 3 < source.count, source[index + 3] == UInt8(ascii: "}"),
           let value = UInt8(String(decoding: source[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
            out.append(value)
            index += 4
        } else {
            out.append(source[index])
            index += 1
        }
    }
    return out
}

/// The directory holding the test fixtures, found next to this source file.
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Reads a fixture file's bytes.
func fixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: fixturesDirectory.appendingPathComponent(name)))
}
