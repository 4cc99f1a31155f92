// spam-eval: trains ticketd's SpamFilter and Debian's bogofilter on the same
// fixed split of the SpamAssassin public corpus and compares accuracy and speed.
//
// Usage: spam-eval [CORPUS_DIR] [--tune] [--no-bogofilter] [--no-command] [--explain FILE]
//   CORPUS_DIR defaults to ../shared/corpus/spamassassin beside the project (needs ham/ and spam/).
//   --tune runs 5-fold cross-validation on the training split only and prints
//   accuracy for a grid of parameters and cut-offs (the test split is not touched).
//   --explain FILE trains on the training split and prints FILE's classification as JSON.
//   The same split also runs through `ticketd spam train` and `ticketd spam check --json` (the
//   ticketd built beside this binary, or $TICKETD) unless --no-command is given.
import Foundation
import MailMessage
import SpamFilter

/// Failures of the evaluation run, each saying what to check.
enum EvaluationError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case toolFailed(command: String, status: Int32)
    case missingVerdict(path: String)

    var description: String {
        switch self {
        case let .unreadable(path):
            "Cannot read \(path); check the corpus folder's permissions."
        case let .toolFailed(command, status):
            "\(command) exited with status \(status); run `bogofilter -V` to check the installation."
        case let .missingVerdict(path):
            "bogofilter printed no verdict for \(path); rerun with --no-bogofilter or check its -T output."
        }
    }
}

struct Sample {
    let path: String
    let name: String
    let isSpam: Bool
    /// FNV-1a 64 of the file name; `hash % 10 < 7` is the training split.
    let hash: UInt64
    var isTraining: Bool { hash % 10 < 7 }
}

struct Outcome {
    var spam = 0, ham = 0
    var truePositives = 0, falsePositives = 0
    var unsureSpam = 0, unsureHam = 0
    var seconds = 0.0
    var trainSeconds = 0.0
    /// Classification time split into reading + MIME parsing, tokenising and scoring.
    var phaseSeconds: (parse: Double, tokenize: Double, score: Double) = (0, 0, 0)
    /// Ham classified as spam, with scores, for inspection.
    var falsePositiveFiles: [(name: String, score: Double)] = []

    mutating func record(isSpam: Bool, verdict: Verdict) {
        if isSpam { spam += 1 } else { ham += 1 }
        switch (isSpam, verdict) {
        case (true, .spam): truePositives += 1
        case (false, .spam): falsePositives += 1
        case (true, .unsure): unsureSpam += 1
        case (false, .unsure): unsureHam += 1
        case (_, .ham): break
        }
    }

    var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
    var recall: Double { spam == 0 ? 0 : Double(truePositives) / Double(spam) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    var falsePositiveRate: Double { ham == 0 ? 0 : Double(falsePositives) / Double(ham) }
    var messagesPerSecond: Double { seconds > 0 ? Double(spam + ham) / seconds : 0 }
}

func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return hash
}

func loadSamples(corpus: String) throws -> [Sample] {
    var samples: [Sample] = []
    for (folder, isSpam) in [("ham", false), ("spam", true)] {
        let directory = corpus + "/" + folder
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where !name.hasPrefix(".") {
            samples.append(Sample(path: directory + "/" + name, name: name, isSpam: isSpam, hash: fnv1a(name)))
        }
    }
    return samples
}

func now() -> Double { Date().timeIntervalSinceReferenceDate }

func tokens(of path: String, tokenizer: SpamTokenizer) throws(EvaluationError) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
    return tokenizer.tokens(for: MailMessage.parse([UInt8](data)))
}

func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }

// MARK: ticketd

func evaluateTicketd(train: [Sample], test: [Sample], classifier: SpamClassifier) throws(EvaluationError) -> Outcome {
    let tokenizer = SpamTokenizer.default
    var outcome = Outcome()
    var statistics = TokenStatistics()
    let trainStart = now()
    for sample in train {
        statistics.train(try tokens(of: sample.path, tokenizer: tokenizer), as: sample.isSpam ? .spam : .ham)
    }
    outcome.trainSeconds = now() - trainStart
    var results: [(Sample, SpamClassification)] = []
    results.reserveCapacity(test.count)
    for sample in test {
        let t0 = now()
        guard let data = FileManager.default.contents(atPath: sample.path) else { throw .unreadable(path: sample.path) }
        let message = MailMessage.parse([UInt8](data))
        let t1 = now()
        let messageTokens = tokenizer.tokens(for: message)
        let t2 = now()
        results.append((sample, classifier.classify(messageTokens, with: statistics)))
        let t3 = now()
        outcome.phaseSeconds.parse += t1 - t0
        outcome.phaseSeconds.tokenize += t2 - t1
        outcome.phaseSeconds.score += t3 - t2
    }
    outcome.seconds = outcome.phaseSeconds.parse + outcome.phaseSeconds.tokenize + outcome.phaseSeconds.score
    for (sample, result) in results {
        outcome.record(isSpam: sample.isSpam, verdict: result.verdict)
        if !sample.isSpam, result.verdict == .spam { outcome.falsePositiveFiles.append((sample.name, result.score)) }
    }
    return outcome
}

// MARK: bogofilter

func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

func runTool(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    // bogofilter exits 0/1/2 for spam/ham/unsure, 3 on error.
    guard process.terminationStatus < 3 else {
        throw EvaluationError.toolFailed(
            command: ([executable] + arguments.prefix(5)).joined(separator: " ") + " …", status: process.terminationStatus)
    }
    return String(decoding: output, as: UTF8.self)
}

func evaluateBogofilter(_ bogofilter: String, train: [Sample], test: [Sample]) throws -> Outcome {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spam-eval-bogofilter-\(getpid())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // -C: built-in defaults only (robs 0.0178, robx 0.52, min_dev 0.375, cut-offs 0.99 / 0.45).
    let base = ["-C", "-d", directory]
    var outcome = Outcome()
    let trainStart = now()
    _ = try runTool(bogofilter, base + ["-s", "-B"] + train.filter(\.isSpam).map(\.path))
    _ = try runTool(bogofilter, base + ["-n", "-B"] + train.filter { !$0.isSpam }.map(\.path))
    outcome.trainSeconds = now() - trainStart
    let start = now()
    let output = try runTool(bogofilter, base + ["-T", "-B"] + test.map(\.path))
    outcome.seconds = now() - start
    var verdictByPath: [String: Verdict] = [:]
    for line in output.split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count >= 3 else { continue }
        let verdict: Verdict = switch fields[fields.count - 2] {
        case "S": .spam
        case "H": .ham
        default: .unsure
        }
        verdictByPath[fields.dropLast(2).joined(separator: " ")] = verdict
    }
    for sample in test {
        guard let verdict = verdictByPath[sample.path] else { throw EvaluationError.missingVerdict(path: sample.path) }
        outcome.record(isSpam: sample.isSpam, verdict: verdict)
    }
    return outcome
}

// MARK: Tuning (training split only)

func tune(train: [Sample]) throws(EvaluationError) {
    let tokenizer = SpamTokenizer.default
    var tokenized: [(sample: Sample, tokens: [String])] = []
    for sample in train { tokenized.append((sample, try tokens(of: sample.path, tokenizer: tokenizer))) }
    let folds = 5
    let foldOf = { (sample: Sample) in Int((sample.hash / 10) % UInt64(folds)) }
    var statisticsByFold: [TokenStatistics] = []
    for fold in 0..<folds {
        var statistics = TokenStatistics()
        for item in tokenized where foldOf(item.sample) != fold {
            statistics.train(item.tokens, as: item.sample.isSpam ? .spam : .ham)
        }
        statisticsByFold.append(statistics)
    }
    print("5-fold cross-validation on the training split (\(train.count) messages)")
    print("   s     x  mindev  max | FP@.99  spam@.99  unsure(ham/spam)@.99/.45 | max ham score | spam≥ham-max")
    for strength in [0.1, 0.5, 1.0] {
        for assumed in [0.5, 0.52] {
            for minimumDeviation in [0.1, 0.2, 0.3] {
                for maximumTokens in [50, 150] {
                    guard let classifier = try? SpamClassifier(
                        strength: strength, assumedProbability: assumed,
                        minimumDeviation: minimumDeviation, maximumTokens: maximumTokens)
                    else { continue }
                    var outcome = Outcome()
                    var hamScores: [Double] = []
                    var spamScores: [Double] = []
                    for item in tokenized {
                        let result = classifier.classify(item.tokens, with: statisticsByFold[foldOf(item.sample)])
                        outcome.record(isSpam: item.sample.isSpam, verdict: result.verdict)
                        if item.sample.isSpam { spamScores.append(result.score) } else { hamScores.append(result.score) }
                    }
                    hamScores.sort()
                    let hamMax = hamScores.last ?? 0
                    let secondHam = hamScores.count > 1 ? hamScores[hamScores.count - 2] : 0
                    let above = spamScores.filter { $0 > secondHam }.count
                    print(String(
                        format: "%5.2f %5.2f  %5.2f %4d | %5d  %7@  %4d/%-4d | %.6f %.6f | %@",
                        strength, assumed, minimumDeviation, maximumTokens, outcome.falsePositives,
                        percent(outcome.recall), outcome.unsureHam, outcome.unsureSpam, secondHam, hamMax,
                        percent(Double(above) / Double(max(spamScores.count, 1)))))
                }
            }
        }
    }
    print("")
    print("Cut-off sweep for the default parameters (same cross-validation):")
    print("spam cut-off | false positives | FP rate | recall")
    let scored = tokenized.map { item in
        (isSpam: item.sample.isSpam, score: SpamClassifier.default.classify(item.tokens, with: statisticsByFold[foldOf(item.sample)]).score)
    }
    let hamTotal = scored.filter { !$0.isSpam }.count
    let spamTotal = scored.count - hamTotal
    for cutoff in [0.9, 0.95, 0.98, 0.99, 0.995, 0.999] {
        let falsePositives = scored.filter { !$0.isSpam && $0.score >= cutoff }.count
        let caught = scored.filter { $0.isSpam && $0.score >= cutoff }.count
        print(String(
            format: "%12.3f | %15d | %7@ | %@", cutoff, falsePositives,
            percent(Double(falsePositives) / Double(hamTotal)), percent(Double(caught) / Double(spamTotal))))
    }
}

// MARK: ticketd spam check (the command)

/// The `ticketd` binary built beside this one, or `$TICKETD`.
func findTicketd() -> String? {
    if let path = ProcessInfo.processInfo.environment["TICKETD"] { return path }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("ticketd").path
    return FileManager.default.isExecutableFile(atPath: beside) ? beside : findExecutable("ticketd")
}

/// The same split through the command an admin runs: `ticketd spam train` into a fresh desk's
/// database, then one `ticketd spam check --json` over the test files, timed from outside.
func evaluateCommand(_ ticketd: String, train: [Sample], test: [Sample]) throws -> Outcome {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spam-eval-ticketd-\(getpid())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let config = directory + "/ticketd.toml"
    try """
        [daemon]
        state_dir = "\(directory)/state"

        [[mailbox]]
        name = "support"
        url = "imap://127.0.0.1:1/INBOX"
        user = "support@example.com"
        password = "unused"
        address = "support@example.com"

        [smtp]
        url = "smtp://127.0.0.1:1"
        """.write(toFile: config, atomically: true, encoding: .utf8)
    var outcome = Outcome()
    let trainStart = now()
    _ = try runTool(ticketd, ["spam", "train", "--spam", "--config", config] + train.filter(\.isSpam).map(\.path))
    _ = try runTool(ticketd, ["spam", "train", "--ham", "--config", config] + train.filter { !$0.isSpam }.map(\.path))
    outcome.trainSeconds = now() - trainStart
    let start = now()
    let output = try runTool(ticketd, ["spam", "check", "--json", "--config", config] + test.map(\.path))
    outcome.seconds = now() - start
    struct Line: Decodable { var file: String; var verdict: String }
    let verdicts = Dictionary(output.split(separator: "\n").compactMap { try? JSONDecoder().decode(Line.self, from: Data($0.utf8)) }.map { ($0.file, $0.verdict) }) { first, _ in first }
    for sample in test {
        guard let verdict = verdicts[sample.path].flatMap(Verdict.init(rawValue:)) else { throw EvaluationError.missingVerdict(path: sample.path) }
        outcome.record(isSpam: sample.isSpam, verdict: verdict)
    }
    return outcome
}

// MARK: Main

func printComparison(_ ticketd: Outcome, command: Outcome?, _ bogofilter: Outcome?, thresholds: VerdictThresholds) {
    func cell(_ text: String, _ width: Int) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
    func row(_ label: String, _ value: (Outcome) -> String) {
        print(cell(label, 24) + cell(value(ticketd), 18) + cell(command.map(value) ?? "-", 22) + (bogofilter.map(value) ?? "-"))
    }
    print("")
    print("Cut-offs for both: spam ≥ \(thresholds.spam), ham ≤ \(thresholds.ham); unsure counts as not spam.")
    print(cell("metric", 24) + cell("ticketd", 18) + cell("ticketd spam check", 22) + "bogofilter")
    row("precision") { percent($0.precision) }
    row("recall") { percent($0.recall) }
    row("F1") { String(format: "%.4f", $0.f1) }
    row("false positives") { "\($0.falsePositives) / \($0.ham)" }
    row("false-positive rate") { percent($0.falsePositiveRate) }
    row("unsure ham / spam") { "\($0.unsureHam) / \($0.unsureSpam)" }
    row("train time (s)") { String(format: "%.2f", $0.trainSeconds) }
    row("classify time (s)") { String(format: "%.2f", $0.seconds) }
    row("classify msgs/s") { String(format: "%.0f", $0.messagesPerSecond) }
    let phases = ticketd.phaseSeconds
    print(String(format: "ticketd classify time: read+parse %.2f s, tokenize %.2f s, score %.2f s", phases.parse, phases.tokenize, phases.score))
    for file in ticketd.falsePositiveFiles {
        print(String(format: "ticketd false positive: %@ (score %.6f)", file.name, file.score))
    }
    if let bogofilter, bogofilter.messagesPerSecond > 0 {
        print(String(format: "speed ratio ticketd / bogofilter: %.2f×", ticketd.messagesPerSecond / bogofilter.messagesPerSecond))
        if let command {
            print(String(format: "speed ratio ticketd spam check / bogofilter -B: %.2f×", command.messagesPerSecond / bogofilter.messagesPerSecond))
        }
    }
    if let command, ticketd.messagesPerSecond > 0 {
        print(String(format: "speed ratio ticketd spam check / in process: %.2f× (the command's time includes starting, reading its config and the database)",
                     command.messagesPerSecond / ticketd.messagesPerSecond))
    }
}

func main() {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var explain: String?
    if let flag = arguments.firstIndex(of: "--explain"), flag + 1 < arguments.count {
        explain = arguments[flag + 1]
        arguments.removeSubrange(flag...(flag + 1))
    }
    let corpus = arguments.first { !$0.hasPrefix("--") } ?? "../shared/corpus/spamassassin"
    let samples: [Sample]
    do {
        samples = try loadSamples(corpus: corpus)
    } catch {
        print("Cannot list \(corpus)/ham and \(corpus)/spam: \(error). Pass the corpus folder as the first argument.")
        exit(2)
    }
    let train = samples.filter(\.isTraining)
    let test = samples.filter { !$0.isTraining }
    print("Corpus \(corpus): \(samples.count) messages; train \(train.count) (spam \(train.filter(\.isSpam).count)), "
        + "test \(test.count) (spam \(test.filter(\.isSpam).count), ham \(test.filter { !$0.isSpam }.count))")

    do {
        try perform(arguments: arguments, explain: explain, train: train, test: test)
    } catch {
        print(error)
        exit(1)
    }
}

func perform(arguments: [String], explain: String?, train: [Sample], test: [Sample]) throws(EvaluationError) {
    if arguments.contains("--tune") {
        try tune(train: train)
        return
    }
    let classifier = SpamClassifier.default
    if let explain {
        var statistics = TokenStatistics()
        for sample in train {
            statistics.train(try tokens(of: sample.path, tokenizer: .default), as: sample.isSpam ? .spam : .ham)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let result = classifier.classify(try tokens(of: explain, tokenizer: .default), with: statistics)
        print(String(decoding: (try? encoder.encode(result)) ?? Data(), as: UTF8.self))
        return
    }
    let ticketd = try evaluateTicketd(train: train, test: test, classifier: classifier)
    var bogofilter: Outcome?
    if !arguments.contains("--no-bogofilter") {
        if let executable = findExecutable("bogofilter") {
            do {
                bogofilter = try evaluateBogofilter(executable, train: train, test: test)
            } catch {
                print("bogofilter comparison skipped: \(error)")
            }
        } else {
            print("bogofilter not found on PATH; install it with `apt-get install -y bogofilter` to compare.")
        }
    }
    var command: Outcome?
    if !arguments.contains("--no-command") {
        if let executable = findTicketd() {
            do {
                command = try evaluateCommand(executable, train: train, test: test)
            } catch {
                print("ticketd spam check comparison skipped: \(error)")
            }
        } else {
            print("ticketd not found beside spam-eval or on PATH; build it (swift build -c release) or set TICKETD to compare the command.")
        }
    }
    printComparison(ticketd, command: command, bogofilter, thresholds: classifier.thresholds)
}

main()
