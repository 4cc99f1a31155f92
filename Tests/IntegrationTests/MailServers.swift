import Foundation
import MailTransport
import Synchronization

/// The private Dovecot + Postfix pair the integration tests run against, started once per test
/// process by `scripts/mailservers` and stopped when the process exits.
///
/// When `TICKETD_TEST_ENV` names a `servers.env` (as `scripts/test` does), those servers are used.
/// Started here, they run with `--tls` (an imaps listener and a private CA, see `tls`).
final class MailServers: Sendable {
    let imapPort: Int
    /// 0 when the instance runs without Postfix (`--no-postfix`).
    let smtpPort: Int
    let password: String
    let directory: String
    let lmtpPort: Int?
    /// Set when started with `--tls`: the implicit-TLS port, the CA that signed the server's
    /// certificate, and the server key's `sha256//` pin.
    let imapsPort: Int?
    let caFile: String?
    let pin: String?
    /// Whether this process started the servers (and stops them on exit or `stop()`).
    private let owned: Bool

    static let shared: MailServers = {
        do {
            return try MailServers.start()
        } catch {
            fatalError("cannot start the test mail servers: \(error)")
        }
    }()

    private init(values: [String: String], owned: Bool = false, requireSMTP: Bool = true) throws {
        guard let imap = values["TICKETD_TEST_IMAP_PORT"].flatMap(Int.init),
            let password = values["TICKETD_TEST_PASSWORD"], let directory = values["TICKETD_TEST_DIR"]
        else { throw HarnessError("servers.env lacks ports or password: \(values)") }
        let smtp = values["TICKETD_TEST_SMTP_PORT"].flatMap(Int.init)
        if requireSMTP && smtp == nil { throw HarnessError("servers.env lacks TICKETD_TEST_SMTP_PORT: \(values)") }
        imapPort = imap
        smtpPort = smtp ?? 0
        self.password = password
        self.directory = directory
        lmtpPort = values["TICKETD_TEST_LMTP_PORT"].flatMap(Int.init)
        imapsPort = values["TICKETD_TEST_IMAPS_PORT"].flatMap(Int.init)
        caFile = values["TICKETD_TEST_CA_FILE"]
        pin = values["TICKETD_TEST_PIN"]
        self.owned = owned
    }

    /// Servers with TLS: the shared ones when they have it, else a private pair started for this
    /// test process (and stopped at exit).
    static let tls: MailServers = {
        if shared.imapsPort != nil { return shared }
        do {
            return try startPrivate(options: ["--tls"])
        } catch {
            fatalError("cannot start the TLS test mail servers: \(error)")
        }
    }()

    /// A private Dovecot (and Postfix unless `--no-postfix`) for a test that stops or breaks its
    /// server; call `stop()` when done.
    static func startPrivate(options: [String] = ["--tls", "--no-postfix"]) throws -> MailServers {
        let directory = NSTemporaryDirectory() + "ticketd-it-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
        let output = try Harness.run(Harness.projectRoot + "/scripts/mailservers", ["start", directory] + options)
        guard output.status == 0 else { throw HarnessError("scripts/mailservers start failed: \(output.stderr)") }
        registerStopAtExit()
        privateDirectories.withLock { $0.append(directory) }
        return try MailServers(values: parseEnv(output.stdout), owned: true, requireSMTP: !options.contains("--no-postfix"))
    }

    /// Stops servers this process started (no-op for shared ones from `TICKETD_TEST_ENV`).
    func stop() {
        guard owned else { return }
        _ = try? Harness.run(Harness.projectRoot + "/scripts/mailservers", ["stop", directory])
    }

    /// Stops only Dovecot (an outage), keeping its mail; `startIMAP()` brings it back on the same ports.
    func stopIMAP() throws {
        let output = try Harness.run(Harness.projectRoot + "/scripts/mailservers", ["stop-imap", directory])
        guard output.status == 0 else { throw HarnessError("stop-imap failed: \(output.stderr)") }
    }

    func startIMAP() throws {
        let output = try Harness.run(Harness.projectRoot + "/scripts/mailservers", ["start-imap", directory])
        guard output.status == 0 else {
            let detail = (try? String(contentsOfFile: directory + "/dovecot-start.err", encoding: .utf8)) ?? ""
            throw HarnessError("start-imap failed (\(output.status)): \(output.stderr) \(detail)")
        }
    }

    private static let privateDirectories = Mutex<[String]>([])
    private static let stopRegistered = Mutex(false)

    private static func registerStopAtExit() {
        let first = stopRegistered.withLock { registered in
            defer { registered = true }
            return !registered
        }
        guard first else { return }
        atexit {
            for directory in MailServers.privateDirectories.withLock({ $0 }) {
                _ = try? Harness.run(Harness.projectRoot + "/scripts/mailservers", ["stop", directory])
            }
        }
    }

    /// An implicit-TLS endpoint (`imaps://`) trusting the test CA.
    func imapsEndpoint(user: String, mailbox: String = "INBOX", password: String? = nil) -> MailServerEndpoint {
        MailServerEndpoint(
            url: URL(string: "imaps://127.0.0.1:\(imapsPort ?? 0)/\(mailbox)")!, user: user, password: password ?? self.password,
            tls: .required, caFile: caFile, connectTimeout: 10, stallTimeout: 10)
    }

    private static func start() throws -> MailServers {
        if let envFile = ProcessInfo.processInfo.environment["TICKETD_TEST_ENV"] {
            return try MailServers(values: parseEnv(try String(contentsOfFile: envFile, encoding: .utf8)))
        }
        let directory = NSTemporaryDirectory() + "ticketd-it-\(getpid())"
        let output = try Harness.run(Harness.projectRoot + "/scripts/mailservers", ["start", directory, "--tls"])
        guard output.status == 0 else { throw HarnessError("scripts/mailservers start failed: \(output.stderr)") }
        stopDirectory = directory
        atexit {
            if let directory = MailServers.stopDirectory {
                _ = try? Harness.run(Harness.projectRoot + "/scripts/mailservers", ["stop", directory])
            }
        }
        return try MailServers(values: parseEnv(output.stdout), owned: true)
    }

    nonisolated(unsafe) private static var stopDirectory: String?

    private static func parseEnv(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        return values
    }

    func imapEndpoint(user: String, mailbox: String = "INBOX") -> MailServerEndpoint {
        MailServerEndpoint(url: URL(string: "imap://127.0.0.1:\(imapPort)/\(mailbox)")!, user: user, password: password, tls: .none)
    }

    var smtpEndpoint: MailServerEndpoint {
        MailServerEndpoint(url: URL(string: "smtp://127.0.0.1:\(smtpPort)")!, tls: .none)
    }

    /// Sends `message` through the real Postfix, which delivers it into Dovecot.
    func deliver(_ message: String, from sender: String, to recipients: [String]) throws {
        let client = try SMTPClient(endpoint: smtpEndpoint)
        try client.send(Array(message.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8), from: sender, to: recipients)
    }

    /// The messages in `user`'s folder, waiting up to `timeout` seconds for at least `atLeast`.
    func messages(of user: String, folder: String = "INBOX", atLeast: Int = 0, timeout: TimeInterval = 20) throws -> [FetchedMessage] {
        let deadline = Date() + timeout
        while true {
            let session = try IMAPSession(endpoint: imapEndpoint(user: user))
            try session.ensureMailbox(folder)
            try session.select(folder)
            let found = try session.fetch(try session.uids(from: 1))
            if found.count >= atLeast || Date() > deadline { return found }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
