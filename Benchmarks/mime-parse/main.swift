// mime-parse: parses a corpus of real and generated mail with MailMessage and, in the same run,
// with Python 3's `email.message_from_bytes(..., policy=email.policy.default)` + `get_body()`,
// and prints messages/s and MB/s for both with the ratio.
//
// Usage: mime-parse [CORPUS_DIR]   (default ../shared/corpus/spamassassin beside the project)
// Build in release: swift build -c release --product mime-parse
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

let list = "\(work)/files.txt"
try files.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
let script = """
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
let python = Process()
python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
python.arguments = ["python3", "-c", script, list]
let pipe = Pipe()
python.standardOutput = pipe
try python.run()
let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
python.waitUntilExit()
let pythonSeconds = Double(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan

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
