// imap-sync-bench: initial sync of a 10,000-message Dovecot mailbox, ticketd's fetch path vs mbsync.
//
//   swift build -c release --product imap-sync-bench && .build/release/imap-sync-bench [--messages N] [--batch N] [--rounds N]
//
// Starts a private Dovecot (scripts/mailservers, plaintext on loopback: the same for both
// clients), APPENDs N messages built from ../shared/corpus/spamassassin (read in place, never
// copied into the repo; each gets a unique X-Bench-Seq header), then per round times, in turn:
//   (a) ticketd: a child process of this binary (`fetch` mode) that logs in with IMAPSession,
//       SELECTs, runs UID SEARCH and batched `UID FETCH … BODY.PEEK[]`, writing every message
//       to a Maildir (tmp/ then rename to cur/), one message in memory at a time;
//   (b) mbsync (Debian isync) pulling the same mailbox into a Maildir with a generated config.
// Both run as child processes under GNU time, so wall time and max RSS are measured the same way.
// Neither fsyncs (mbsync `FSync no`) and both write to tmpfs (/dev/shm; `--disk` for the temp
// dir), so the comparison is of the IMAP path, not of the disk.
import Foundation
import MailTransport

#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered progress lines.
func say(_ text: String = "") { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

func option(_ name: String, _ fallback: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let value = Int(arguments[index + 1]) else { return fallback }
    return value
}

func stringOption(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

/// The servers to stop when the benchmark ends, however it ends.
nonisolated(unsafe) var serverDirectoryToStop: String?

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("imap-sync-bench: \(message)\n".utf8))
    if let directory = serverDirectoryToStop { _ = shell("'\(projectRoot)/scripts/mailservers' stop '\(directory)'") }
    exit(1)
}

// MARK: - Child mode: ticketd's fetch path

func fetchMode() throws {
    guard let url = stringOption("--url").flatMap(URL.init(string:)), let user = stringOption("--user"),
        let password = stringOption("--password"), let out = stringOption("--out")
    else { fail("fetch needs --url --user --password --out") }
    let batch = option("--batch", 250)
    let endpoint = MailServerEndpoint(url: url, user: user, password: password, tls: .none, batchSize: batch)
    for sub in ["tmp", "new", "cur"] {
        try FileManager.default.createDirectory(atPath: "\(out)/\(sub)", withIntermediateDirectories: true)
    }
    let session = try IMAPSession(endpoint: endpoint)
    _ = try session.select(endpoint.mailboxName)
    let uids = try session.uids(from: 1)
    var count = 0
    var bytes = 0
    let pid = getpid()
    for start in stride(from: 0, to: uids.count, by: batch) {
        try session.fetch(Array(uids[start..<min(start + batch, uids.count)])) { message in
            let name = "\(message.uid).\(pid).bench"
            let tmp = "\(out)/tmp/\(name)"
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard fd >= 0 else { fail("cannot create \(tmp)") }
            let written = message.bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == message.bytes.count else { fail("short write to \(tmp)") }
            guard rename(tmp, "\(out)/cur/\(name):2,") == 0 else { fail("cannot rename \(tmp)") }
            count += 1
            bytes += message.bytes.count
        }
    }
    say("\(count) \(bytes)")
}

if CommandLine.arguments.dropFirst().first == "fetch" {
    do {
        try fetchMode()
        exit(0)
    } catch {
        fail("fetch failed: \(error)")
    }
}

// MARK: - Driver

struct ChildResult {
    var seconds: Double
    var maxRSSKiB: Int
    var status: Int32
    var stdout: String
}

/// Runs a tool under GNU time (`/usr/bin/time -f %M`, which fork()s it from a small process), so
/// its max RSS is its own: wait4 on a child spawned straight from this process would report this
/// process's high-water mark too (Linux keeps the pre-exec mm's peak, and posix_spawn shares ours).
func runMeasured(_ executable: String, _ arguments: [String]) throws -> ChildResult {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return try runChild(executable, arguments) }
    let rssFile = NSTemporaryDirectory() + "bench-rss-\(UUID().uuidString)"
    defer { unlink(rssFile) }
    var result = try runChild("/usr/bin/time", ["-f", "%M", "-o", rssFile, executable] + arguments)
    if let text = try? String(contentsOfFile: rssFile, encoding: .utf8),
        let kib = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
        result.maxRSSKiB = kib
    }
    return result
}

/// Runs a child process, returning its wall time and wait4's peak RSS.
func runChild(_ executable: String, _ arguments: [String]) throws -> ChildResult {
    let outPath = NSTemporaryDirectory() + "bench-out-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    defer { unlink(outPath) }
    let outFD = open(outPath, O_WRONLY)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, outFD, 1)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    // Children get a clean signal mask and default dispositions (Dovecot must obey `doveadm stop`).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var all = sigset_t()
    sigfillset(&all)
    sigdelset(&all, SIGKILL)
    sigdelset(&all, SIGSTOP)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let spawned = posix_spawnp(&pid, executable, &actions, &attributes, argv, environ)
    close(outFD)
    posix_spawn_file_actions_destroy(&actions)
    guard spawned == 0 else { fail("cannot start \(executable): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    return ChildResult(seconds: seconds, maxRSSKiB: Int(usage.ru_maxrss), status: status, stdout: output)
}

/// Runs a bash command, returning its exit status and stdout (posix_spawn + waitpid, not
/// Foundation's Process, whose waitUntilExit never returns where SIGCHLD is blocked).
func shell(_ command: String) -> (Int32, String) {
    guard let result = try? runChild("/bin/bash", ["-c", command]) else { return (127, "") }
    let status = (result.status & 0x7f) == 0 ? (result.status >> 8) & 0xff : 128 + (result.status & 0x7f)
    return (status, result.stdout)
}

/// The corpus messages, cycled to `count`, each with a unique header and CRLF line ends.
func corpusMessages(count: Int) -> [[UInt8]] {
    let corpus = projectRoot + "/../shared/corpus/spamassassin"
    var files: [String] = []
    for folder in ["ham", "spam"] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(corpus)/\(folder)")) ?? []
        files += names.sorted().map { "\(corpus)/\(folder)/\($0)" }
    }
    guard !files.isEmpty else { fail("no corpus at \(corpus)") }
    var bases: [[UInt8]] = []
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        var crlf: [UInt8] = []
        crlf.reserveCapacity(data.count + data.count / 30)
        var previous: UInt8 = 0
        for byte in data {
            if byte == 10 && previous != 13 { crlf.append(13) }
            crlf.append(byte)
            previous = byte
        }
        // Mbox-style "From " separator lines are not part of a message.
        if crlf.starts(with: Array("From ".utf8)), let end = crlf.firstIndex(of: 10) { crlf.removeSubrange(...end) }
        bases.append(crlf)
    }
    return (0..<count).map { index in
        Array("X-Bench-Seq: \(index)\r\n".utf8) + bases[index % bases.count]
    }
}

func directorySize(_ path: String) -> (files: Int, bytes: Int) {
    var files = 0
    var bytes = 0
    let enumerator = FileManager.default.enumerator(atPath: path)
    while let name = enumerator?.nextObject() as? String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: "\(path)/\(name)")
        if attributes?[.type] as? FileAttributeType == .typeRegular, !name.contains(".mbsyncstate"), !name.contains(".uidvalidity") {
            files += 1
            bytes += (attributes?[.size] as? Int) ?? 0
        }
    }
    return (files, bytes)
}

let messageCount = option("--messages", 10_000)
let batch = option("--batch", 250)
let rounds = option("--rounds", 3)
let work = NSTemporaryDirectory() + "imap-sync-bench-\(getpid())"
/// Where both tools write their Maildirs: tmpfs when there is one (`--disk` forces the temp dir),
/// so that the comparison measures the IMAP path rather than this machine's disk.
let output = (FileManager.default.fileExists(atPath: "/dev/shm") && !CommandLine.arguments.contains("--disk"))
    ? "/dev/shm/imap-sync-bench-\(getpid())" : work
let serverDir = work + "/servers"
try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)

guard shell("command -v mbsync").0 == 0 else { fail("mbsync not found: apt-get install isync") }
say("starting a private Dovecot …")
let (startStatus, envText) = shell("'\(projectRoot)/scripts/mailservers' start '\(serverDir)' --no-postfix")
serverDirectoryToStop = serverDir
guard startStatus == 0 else { fail("scripts/mailservers start failed") }
var env: [String: String] = [:]
for line in envText.split(separator: "\n") {
    let parts = line.split(separator: "=", maxSplits: 1)
    if parts.count == 2 { env[String(parts[0])] = String(parts[1]) }
}
guard let port = env["TICKETD_TEST_IMAP_PORT"], let password = env["TICKETD_TEST_PASSWORD"] else { fail("no servers.env") }
let user = "bench@example.com"
let url = "imap://127.0.0.1:\(port)/INBOX"

func runBenchmark() throws {
    say("appending \(messageCount) messages from ../shared/corpus/spamassassin …")
    let appendStart = Date()
    do {
        let session = try IMAPSession(endpoint: MailServerEndpoint(url: URL(string: url)!, user: user, password: password, tls: .none))
        var messages = corpusMessages(count: messageCount)
        let totalBytes = messages.reduce(0) { $0 + $1.count }
        for start in stride(from: 0, to: messages.count, by: 250) {
            try session.append(Array(messages[start..<min(start + 250, messages.count)]), to: "INBOX")
        }
        messages = []
        let status = try session.select("INBOX")
        guard status.exists == messageCount else { fail("INBOX holds \(status.exists) messages, expected \(messageCount)") }
        say(String(format: "  %d messages, %.1f MB, appended in %.1f s", messageCount, Double(totalBytes) / 1e6, Date().timeIntervalSince(appendStart)))
    }

    let rc = work + "/mbsyncrc"
    try """
        FSync no

        IMAPAccount bench
        Host 127.0.0.1
        Port \(port)
        User \(user)
        Pass \(password)
        SSLType None
        AuthMechs LOGIN PLAIN

        IMAPStore remote
        Account bench

        MaildirStore local
        Path \(output)/mbsync/
        Inbox \(output)/mbsync/INBOX

        Channel bench
        Far :remote:
        Near :local:
        Patterns INBOX
        Sync Pull
        Create Near
        SyncState *

        """.write(toFile: rc, atomically: true, encoding: .utf8)

    let me = URL(fileURLWithPath: CommandLine.arguments[0]).path
    var ours: [ChildResult] = []
    var theirs: [ChildResult] = []
    for round in 1...rounds {
        for tool in (round % 2 == 1 ? ["ticketd", "mbsync"] : ["mbsync", "ticketd"]) {
            try? FileManager.default.removeItem(atPath: output + "/ticketd")
            try? FileManager.default.removeItem(atPath: output + "/mbsync")
            try FileManager.default.createDirectory(atPath: output + "/mbsync", withIntermediateDirectories: true)
            // Start each run with no dirty pages left from the previous one.
            _ = shell("sync")
            if tool == "ticketd" {
                let result = try runMeasured(me, ["fetch", "--url", url, "--user", user, "--password", password, "--out", output + "/ticketd/INBOX", "--batch", "\(batch)"])
                guard result.status == 0 else { fail("ticketd fetch failed (wait status \(result.status))") }
                let stored = directorySize(output + "/ticketd/INBOX")
                guard stored.files == messageCount else { fail("ticketd stored \(stored.files) messages") }
                ours.append(result)
                say(String(format: "  round %d ticketd: %.2f s, max RSS %.1f MB (%d files, %.1f MB)", round, result.seconds, Double(result.maxRSSKiB) / 1024, stored.files, Double(stored.bytes) / 1e6))
            } else {
                let result = try runMeasured("/usr/bin/mbsync", ["-c", rc, "-q", "bench"])
                guard result.status == 0 else { fail("mbsync failed (\(result.status))") }
                let stored = directorySize(output + "/mbsync/INBOX")
                guard stored.files == messageCount else { fail("mbsync stored \(stored.files) messages") }
                theirs.append(result)
                say(String(format: "  round %d mbsync:  %.2f s, max RSS %.1f MB (%d files, %.1f MB)", round, result.seconds, Double(result.maxRSSKiB) / 1024, stored.files, Double(stored.bytes) / 1e6))
            }
        }
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    let ourTime = median(ours.map(\.seconds))
    let theirTime = median(theirs.map(\.seconds))
    say("")
    say("initial sync of \(messageCount) messages (median of \(rounds) rounds, batch \(batch)):")
    say(String(format: "  ticketd fetch path: %6.2f s   max RSS %6.1f MB", ourTime, Double(ours.map(\.maxRSSKiB).max()!) / 1024))
    say(String(format: "  mbsync (isync):     %6.2f s   max RSS %6.1f MB", theirTime, Double(theirs.map(\.maxRSSKiB).max()!) / 1024))
    say(String(format: "  ratio ticketd / mbsync: %.2f  (target ≤ 1.20: %@)", ourTime / theirTime, ourTime / theirTime <= 1.2 ? "met" : "NOT met"))
}

do {
    try runBenchmark()
} catch {
    fail("\(error)")
}
_ = shell("'\(projectRoot)/scripts/mailservers' stop '\(serverDir)'")
try? FileManager.default.removeItem(atPath: work)
try? FileManager.default.removeItem(atPath: output)
