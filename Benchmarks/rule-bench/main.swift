// rule-bench: µs per message for the rule engine over the corpus, with 0, 50 and 500 rules.
//
// The 500 rules are generated (fixed seed): every field and header, every operator, a quarter of
// the conditions negated, `all` and `any`, 100 of them regexes. The 50-rule set is the first 50.
// Each message is parsed once up front; the figures are building the RuleSubject (done once per
// message whatever the rule count) and evaluating the set, full trace included.
//
// Usage: rule-bench [CORPUS_DIR]   (default ../shared/corpus/spamassassin beside the project)
// Build in release: swift build -c release --product rule-bench
import Foundation
import MailMessage
import TicketCore

let corpus = CommandLine.arguments.dropFirst().first ?? "../shared/corpus/spamassassin"
var files: [String] = []
for folder in ["ham", "spam"] {
    let directory = "\(corpus)/\(folder)"
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted() ?? [] {
        files.append("\(directory)/\(name)")
    }
}
guard !files.isEmpty else {
    FileHandle.standardError.write(Data("rule-bench: no corpus at \(corpus) (needs ham/ and spam/)\n".utf8))
    exit(66)
}
let messages = files.compactMap { FileManager.default.contents(atPath: $0).map { MailMessage.parse([UInt8]($0)) } }

/// A fixed-seed generator so every run measures the same rules.
struct SplitMix64 {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}

let words = ["invoice", "számla", "faktura", "urgent", "sürgős", "pilne", "password", "login", "refund", "order", "money",
             "free", "click", "meeting", "linux", "server", "error", "help", "hiba", "błąd", "update", "price", "offer", "list"]
let domains = ["example.com", "spamassassin.taint.org", "yahoo.com", "hotmail.com", "linux.ie", "bigcustomer.example", "ceg.hu", "firma.pl"]
let regexes = [
    "(?i)\\b(%w|%v)\\b", "INV-\\d{4}/\\d+", "^(Re|Fwd?):\\s*%w", "(?i)%w\\s+%v", "\\$\\d+(\\.\\d\\d)?", "(?i)^%w",
    "[A-Z]{5,}", "(?i)un-?subscribe", "\\b\\d{3}-\\d{4}\\b", "(?i)(%w|%v|%u)+ing",
]
var random = SplitMix64(state: 42)
@MainActor func word() -> String { words[random.next(words.count)] }

@MainActor func condition(regex: Bool) -> RuleValue {
    var table: [String: RuleValue] = [:]
    let fields = ["subject", "body", "from", "to", "cc", "attachment", "mailbox", "language", "channel", "organisation"]
    if random.next(8) == 0 {
        table["header"] = .string(["X-Mailer", "Received", "List-Id", "X-Priority", "Content-Type"][random.next(5)])
    } else {
        table["field"] = .string(fields[random.next(fields.count)])
    }
    if regex {
        let template = regexes[random.next(regexes.count)]
        table["regex"] = .string(template.replacingOccurrences(of: "%w", with: word()).replacingOccurrences(of: "%v", with: word())
            .replacingOccurrences(of: "%u", with: word()))
    } else {
        switch random.next(3) {
        case 0: table["is"] = .string(random.next(2) == 0 ? word() : "someone@\(domains[random.next(domains.count)])")
        case 1: table["contains"] = .string(word())
        default: table["matches"] = .string(random.next(2) == 0 ? "*@\(domains[random.next(domains.count)])" : "*\(word())*")
        }
    }
    if random.next(4) == 0 { table["not"] = true }
    return .table(table)
}

var tables: [RuleValue] = []
var regexCount = 0
for index in 0..<500 {
    let count = 1 + random.next(3)
    var conditions: [RuleValue] = []
    for _ in 0..<count {
        let regex = regexCount < 100 && (index * 3 + conditions.count) % 15 == 0
        if regex { regexCount += 1 }
        conditions.append(condition(regex: regex))
    }
    var rule: [String: RuleValue] = ["name": .string("rule \(index)"), "conditions": .array(conditions), "match": random.next(3) == 0 ? "any" : "all"]
    switch random.next(4) {
    case 0: rule["queue"] = .string(["billing", "support", "sales"][random.next(3)])
    case 1: rule["priority"] = .string(["low", "normal", "high", "urgent"][random.next(4)])
    case 2: rule["language"] = .string(["en", "hu", "pl"][random.next(3)])
    default: rule["request_type"] = "incident"
    }
    tables.append(.table(rule))
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let clock = ContinuousClock()
var subjects: [RuleSubject] = []
let subjectTime = clock.measure {
    subjects = messages.map { RuleSubject(message: $0, mailbox: "support", queue: "support", language: "en") }
}
print("\(subjects.count) messages; \(regexCount) regexes among the 500 rules")
func label(_ text: String) -> String { text.padding(toLength: 42, withPad: " ", startingAt: 0) }
print(label("build RuleSubject") + String(format: "%8.1f µs/message", seconds(subjectTime) * 1e6 / Double(subjects.count)))

/// The same rules with every regex condition left out, to show what the regexes cost.
func withoutRegexes(_ rule: RuleValue) -> RuleValue {
    guard case .table(var table) = rule, case .array(let conditions) = table["conditions"] else { return rule }
    table["conditions"] = .array(conditions.filter { if case .table(let condition) = $0 { condition["regex"] == nil } else { true } })
    return .table(table)
}
let sets = [("0 rules", [RuleValue]()), ("50 rules", Array(tables.prefix(50))), ("500 rules", tables),
            ("500 rules without their regexes", tables.map(withoutRegexes))]
for (name, selection) in sets {
    let rules = try RuleSet(compiling: selection)
    var fired = 0
    var errors = 0
    var best = Double.infinity
    for _ in 0..<3 {
        let time = clock.measure {
            for subject in subjects {
                let evaluation = rules.evaluate(subject)
                fired &+= evaluation.fired.count
                errors &+= evaluation.errors.count
            }
        }
        best = min(best, seconds(time))
    }
    print(label("evaluate \(name)") + String(format: "%8.1f µs/message  (%d rules fired, %d errors over 3 runs)",
                                             best * 1e6 / Double(subjects.count), fired, errors))
}
