import Foundation

/// A small Python (stdlib) server of the tests, started with posix_spawn — not Foundation's
/// Process, whose waitUntilExit can hang in tests on Linux — that prints its loopback port on
/// standard output; killed and its folder removed when released.
final class PythonServerProcess {
    let port: Int
    let directory: String
    private let pid: pid_t

    /// Starts `python3 SCRIPT ARGUMENTS… DIRECTORY` with `source` written to `directory/name`
    /// and waits up to 10 s for the port; `label` names the server in errors.
    init(source: String, name: String, arguments: [String] = [], directory: String, label: String) throws {
        self.directory = directory
        let script = directory + "/" + name
        try source.write(toFile: script, atomically: true, encoding: .utf8)
        let portFile = directory + "/port"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, portFile, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let words = ["python3", script] + arguments + [directory]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        // Test threads may block or ignore signals; children must get the defaults, or
        // kill(SIGTERM) cannot stop them.
        var attributes = Harness.defaultSignalAttributes()
        defer { posix_spawnattr_destroy(&attributes) }
        guard posix_spawnp(&pid, "python3", &actions, &attributes, argv, environ) == 0 else { throw HarnessError("cannot start python3") }
        self.pid = pid
        let deadline = Date() + 10
        while true {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), text.hasSuffix("\n"),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                self.port = port
                break
            }
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                throw HarnessError("\(label) printed no port")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        try? FileManager.default.removeItem(atPath: directory)
    }
}
