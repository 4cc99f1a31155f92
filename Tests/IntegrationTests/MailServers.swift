import Foundation
import MailTransport

/// The private Dovecot + Postfix pair the integration tests run against, started once per test
/// process by `scripts/mailservers` and stopped when the process exits.
///
/// When `TICKETD_TEST_ENV` names a `servers.env` (as `scripts/test` does), those servers are used.
final class MailServers: Sendable {
    let imapPort: Int
    let smtpPort: Int
    let password: String
    let directory: String

    static let shared: MailServers = {
        do {
            return try MailServers.start()
        } catch {
            fatalError("cannot start the test mail servers: \(error)")
        }
    }()

    private init(values: [String: String]) throws {
        guard let imap = values["TICKETD_TEST_IMAP_PORT"].flatMap(Int.init),
            let smtp = values["TICKETD_TEST_SMTP_PORT"].flatMap(Int.init),
            let password = values["TICKETD_TEST_PASSWORD"], let directory = values["TICKETD_TEST_DIR"]
        else { throw HarnessError("servers.env lacks ports or password: \(values)") }
        imapPort = imap
        smtpPort = smtp
        self.password = password
        self.directory = directory
    }

    private static func start() throws -> MailServers {
        if let envFile = ProcessInfo.processInfo.environment["TICKETD_TEST_ENV"] {
            return try MailServers(values: parseEnv(try String(contentsOfFile: envFile, encoding: .utf8)))
        }
        let directory = NSTemporaryDirectory() + "ticketd-it-\(getpid())"
        let output = try Harness.run(Harness.projectRoot + "/scripts/mailservers", ["start", directory])
        guard output.status == 0 else { throw HarnessError("scripts/mailservers start failed: \(output.stderr)") }
        stopDirectory = directory
        atexit {
            if let directory = MailServers.stopDirectory {
                _ = try? Harness.run(Harness.projectRoot + "/scripts/mailservers", ["stop", directory])
            }
        }
        return try MailServers(values: parseEnv(output.stdout))
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
