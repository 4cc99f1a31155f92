// mime-parse: parses a corpus of real and generated mail with MailMessage and, in the same run,
// with Python 3's `email.message_from_bytes(..., policy=email.policy.default)` + `get_body()` and
// with PyPI's `fast-mail-parser` (Rust mail parser bindings, `parse_email(bytes)`), and prints
// messages/s and MB/s for each with the ratios. A missing fast-mail-parser is reported and skipped.
//
// Usage: mime-parse [CORPUS_DIR]   (default ../shared/corpus/spamassassin beside the project)
// Build in release: swift build -c release --product mime-parse
// The second reference: pip install fast-mail-parser
import Foundation
import MailMessage

let corpus = CommandLine.arguments.dropFirst().first ?? "../shared/corpus/spamassassin"
let work = NSTemporaryDirectory() + "mime-parse-\(getpid())"
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }

// The public corpus, plus generated Hungarian/Polish mail in the shapes real clients send, so
// that the set is over 5,000 messages and not only 2002-era English.
var files: [String] = []
for folder in ["ham", "spam"] {
    let directory = "\(corpus)/\(folder)"
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted() ?? [] {
        files.append("\(directory)/\(name)")
    }
}
guard !files.isEmpty else {
    FileHandle.standardError.write(Data("mime-parse: no corpus at \(corpus) (needs ham/ and spam/)\n".utf8))
    exit(66)
}
let subjects = ["Nem működik a számla letöltése", "Nie mogę się zalogować do panelu", "Árvíztűrő tükörfúrógép", "Zażółć gęślą jaźń", "Invoice overdue"]
for index in 0..<1_500 {
    let subject = subjects[index % subjects.count]
    let body = String(repeating: "\(subject) — sor \(index), linia \(index). Üdvözlettel / Pozdrawiam\n", count: 5 + index % 40)
    let message = OutgoingMessage(
        from: MailAddress(address: "user\(index)@example.hu", name: "Kovács Péter \(index)"),
        to: [MailAddress(address: "support@example.com")], subject: subject, messageID: "<gen\(index)@example.hu>",
        date: Date(timeIntervalSince1970: 1_790_000_000 + Double(index) * 60), textBody: body,
        htmlBody: index % 3 == 0 ? "<p>\(body.replacingOccurrences(of: "\n", with: "<br>"))</p>" : nil)
    let path = "\(work)/gen\(index).eml"
    FileManager.default.createFile(atPath: path, contents: Data(message.render()))
    files.append(path)
}

let inputs = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
let bytes = inputs.reduce(0) { $0 + $1.count }
var checksum = 0
let clock = ContinuousClock()
let swiftTime = clock.measure {
    for input in inputs {
        let message = MailMessage.parse(input)
        checksum &+= message.textBody.utf8.count &+ (message.subject?.utf8.count ?? 0)
    }
}

// Both Python references run in one interpreter process each, over the same files, timing only the
// parse loop. Each prints its seconds on the last line, or "missing" when its module is absent.
let emailScript = """
import email, email.policy, sys, time
paths = open(sys.argv[1]).read().split("\\n")
data = [open(p, "rb").read() for p in paths]
start = time.perf_counter()
total = 0
for raw in data:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    try:
        body = msg.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
    except Exception:
        text = ""
    total += len(text) + len(str(msg.get("subject", "")))
print(time.perf_counter() - start)
"""
let fastMailParserScript = """
import sys, time
try:
    import fast_mail_parser
except ImportError:
    print("missing")
    sys.exit(0)
paths = open(sys.argv[1]).read().split("\\n")
data = [open(p, "rb").read() for p in paths]
start = time.perf_counter()
total = 0
failed = 0
for raw in data:
    try:
        msg = fast_mail_parser.parse_email(raw)
    except Exception:
        failed += 1
        continue
    text = msg.text_plain[0] if msg.text_plain else (msg.text_html[0] if msg.text_html else "")
    total += len(text) + len(msg.subject or "")
print(failed)
print(time.perf_counter() - start)
"""

/// What one Python reference printed: its parse seconds, or nil when the module or python3 is missing,
/// plus any lines before the figure (fast-mail-parser's count of messages it refused).
func runPython(_ script: String) -> (seconds: Double?, notes: [String]) {
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "-c", script, list]
    let pipe = Pipe()
    python.standardOutput = pipe
    do { try python.run() } catch { return (nil, []) }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    python.waitUntilExit()
    let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    guard python.terminationStatus == 0, let last = lines.last, let seconds = Double(last) else { return (nil, lines) }
    return (seconds, Array(lines.dropLast()))
}

let list = "\(work)/files.txt"
try files.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
let pythonSeconds = runPython(emailScript).seconds ?? .nan
let fastMailParser = runPython(fastMailParserScript)

let swiftSeconds = Double(swiftTime.components.seconds) + Double(swiftTime.components.attoseconds) / 1e18
let megabytes = Double(bytes) / 1_000_000
func row(_ name: String, _ seconds: Double) -> String {
    name.padding(toLength: 32, withPad: " ", startingAt: 0)
        + String(format: "%8.3f s %10.0f msgs/s %8.1f MB/s", seconds, Double(inputs.count) / seconds, megabytes / seconds)
}
print("\(inputs.count) messages, \(String(format: "%.1f", megabytes)) MB (checksum \(checksum))")
print(row("ticketd MailMessage", swiftSeconds))
print(row("Python email (policy.default)", pythonSeconds))
print(String(format: "ratio: ticketd is %.1fx Python", pythonSeconds / swiftSeconds))
if let seconds = fastMailParser.seconds {
    let refused = Int(fastMailParser.notes.first ?? "") ?? 0
    print(row("fast-mail-parser (PyPI, Rust)", seconds) + (refused > 0 ? "  (\(refused) refused)" : ""))
    print(String(format: "ratio: ticketd is %.2fx fast-mail-parser", seconds / swiftSeconds))
} else {
    print("fast-mail-parser: not installed for python3 (pip install fast-mail-parser), reference skipped")
}
