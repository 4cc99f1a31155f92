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

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: [UInt8]? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
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

    /// Sends a customer mail to the support address through Postfix and waits until Dovecot has it.
    func send(from: String, name: String? = nil, subject: String, body: String, messageID: String? = nil, extraHeaders: [String] = []) throws {
        let id = messageID ?? "<\(UUID().uuidString)@\(from.split(separator: "@").last!)>"
        let before = try servers.messages(of: support).count
        let fromHeader = name.map { "\($0) <\(from)>" } ?? from
        let headers = ["From: \(fromHeader)", "To: \(support)", "Subject: \(subject)", "Message-ID: \(id)",
                       "Date: \(Self.rfc5322Date())", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"] + extraHeaders
        try servers.deliver(headers.joined(separator: "\r\n") + "\r\n\r\n" + body + "\r\n", from: from, to: [support])
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
