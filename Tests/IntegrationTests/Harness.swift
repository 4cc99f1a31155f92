import Foundation

/// Runs the real `ticketd` binary and other processes for the integration tests.
enum Harness {
    /// The package root (this file is Tests/IntegrationTests/Harness.swift).
    static let projectRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()

    /// The `ticketd` executable built beside the test bundle.
    static let ticketdPath: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [beside, beside.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("ticketd").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return projectRoot + "/.build/debug/ticketd"
    }()

    struct Output {
        var status: Int32
        /// True when the process was killed by a signal (status is then the signal number).
        var signaled: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` to completion and returns what it printed.
    ///
    /// posix_spawn + waitpid rather than Foundation's Process: `Process.waitUntilExit` can hang
    /// forever on Linux when called from a lazy static initialiser while other test threads wait
    /// on that initialiser (the child stays a zombie, never reaped).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: [UInt8]? = nil) throws -> Output {
        var inPipe: [Int32] = [0, 0], outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&inPipe) == 0, pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw HarnessError("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in inPipe + outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        let pid: pid_t
        do {
            pid = try start(executable, arguments, environment: environment, actions: &actions)
        } catch {
            for fd in inPipe + outPipe + errPipe { close(fd) }
            throw error
        }
        close(inPipe[0])
        close(outPipe[1])
        close(errPipe[1])
        // Feed stdin from another thread while both outputs are drained here, so no pipe fills up.
        let input = stdin ?? []
        let writer = inPipe[1]
        let fed = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            signal(SIGPIPE, SIG_IGN)
            var offset = 0
            while offset < input.count {
                let written = input.withUnsafeBytes { write(writer, $0.baseAddress! + offset, $0.count - offset) }
                if written <= 0 { break }
                offset += written
            }
            close(writer)
            fed.signal()
        }
        var out: [UInt8] = [], err: [UInt8] = []
        var open = [outPipe[0], errPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 { if errno == EINTR { continue } else { break } }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == outPipe[0] { out += buffer[0..<count] } else { err += buffer[0..<count] }
                } else if count == 0 || errno != EINTR {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        fed.wait()
        let ended = waitForExit(pid)
        return Output(
            status: ended.status, signaled: ended.signaled,
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    /// A process started by `spawn`, left running until the test stops it.
    struct BackgroundProcess {
        let pid: pid_t

        /// Sends `signal`, reaps the process and says how it ended: a process that had already
        /// exited on its own comes back with `signaled` false and its exit status.
        func stop(with signal: Int32) -> (status: Int32, signaled: Bool) {
            kill(pid, signal)
            return Harness.waitForExit(pid)
        }

        /// Waits until the process exits on its own.
        func wait() -> (status: Int32, signaled: Bool) {
            Harness.waitForExit(pid)
        }
    }

    /// Starts `executable` in the background with stdin from /dev/null and stdout and stderr
    /// appended to the file `log`.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String] = [:], log: String) throws -> BackgroundProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        return BackgroundProcess(pid: try start(executable, arguments, environment: environment, actions: &actions))
    }

    /// posix_spawn with the test process's environment plus `environment`.
    private static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t
    ) throws -> pid_t {
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        // Test threads may block or ignore signals; children (Dovecot!) must get the defaults,
        // or `doveadm stop` and kill(SIGTERM) cannot stop them.
        var attributes = Harness.defaultSignalAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw HarnessError("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Reaps `pid`: its exit status, or the signal that ended it (`signaled`).
    private static func waitForExit(_ pid: pid_t) -> (status: Int32, signaled: Bool) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signaled = (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        return (signaled ? status & 0x7f : (status >> 8) & 0xff, signaled)
    }

    /// posix_spawn attributes resetting the signal mask and every signal's disposition.
    static func defaultSignalAttributes() -> posix_spawnattr_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return attributes
    }

    static func ticketd(_ arguments: [String], environment: [String: String] = [:], stdin: [UInt8]? = nil) throws -> Output {
        try run(ticketdPath, arguments, environment: environment, stdin: stdin)
    }
}

/// A support desk under test: its own addresses, state directory and config, on the shared servers.
struct TestDesk {
    let servers = MailServers.shared
    let id = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
    let directory: String
    let support: String
    let configPath: String

    init(extraDaemonConfig: String = "", extraSections: String = "") throws {
        support = "support-\(id)@example.com"
        directory = NSTemporaryDirectory() + "ticketd-desk-\(id)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try servers.password.write(toFile: directory + "/support.pass", atomically: true, encoding: .utf8)
        configPath = directory + "/ticketd.toml"
        try """
        [daemon]
        state_dir = "state"
        timezone = "Europe/Budapest"
        poll_interval = "2s"
        \(extraDaemonConfig)

        [[mailbox]]
        name = "support"
        url = "imap://127.0.0.1:\(servers.imapPort)/INBOX"
        tls = "none"
        user = "\(support)"
        password_file = "support.pass"
        address = "\(support)"

        [smtp]
        url = "smtp://127.0.0.1:\(servers.smtpPort)"
        tls = "none"

        \(extraSections)
        """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// A unique customer address at `domain`.
    func customer(_ name: String, domain: String = "acme.example") -> String { "\(name)-\(id)@\(domain)" }

    /// `ticketd ARGS --config ours`.
    func ticketd(_ arguments: [String], environment: [String: String] = [:], stdin: [UInt8]? = nil) throws -> Harness.Output {
        try Harness.ticketd(arguments + ["--config", configPath], environment: environment, stdin: stdin)
    }

    /// Sends a mail to the support address (or `to`, e.g. a staff reply address `support+…@`)
    /// through Postfix and waits until Dovecot has it in the support mailbox.
    func send(
        from: String, name: String? = nil, to: String? = nil, subject: String, body: String, messageID: String? = nil, extraHeaders: [String] = []
    ) throws {
        let id = messageID ?? "<\(UUID().uuidString)@\(from.split(separator: "@").last!)>"
        let before = try servers.messages(of: support).count
        let fromHeader = name.map { "\($0) <\(from)>" } ?? from
        let recipient = to ?? support
        let headers = ["From: \(fromHeader)", "To: \(recipient)", "Subject: \(subject)", "Message-ID: \(id)",
                       "Date: \(Self.rfc5322Date())", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"] + extraHeaders
        try servers.deliver(headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n", from: from, to: [recipient])
        _ = try servers.messages(of: support, atLeast: before + 1)
    }

    static func rfc5322Date() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: Date())
    }

    /// `tickets list --json` decoded loosely.
    func tickets() throws -> [[String: Any]] {
        let output = try ticketd(["tickets", "list", "--json"])
        guard output.status == 0 else { throw HarnessError("tickets list failed: \(output.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
    }

    func ticket(_ number: Int) throws -> [String: Any] {
        let output = try ticketd(["tickets", "show", "\(number)", "--json"])
        guard output.status == 0 else { throw HarnessError("tickets show failed: \(output.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any] ?? [:]
    }

    func outbox() throws -> [[String: Any]] {
        let output = try ticketd(["outbox", "list", "--json"])
        guard output.status == 0 else { throw HarnessError("outbox list failed: \(output.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]] ?? []
    }
}
