import Foundation
import Testing
@testable import TicketConfig

@Suite("ConfigLoader")
struct ConfigLoaderTests {
    static let minimal = """
        [daemon]
        state_dir = "/tmp/ticketd-state"
        timezone = "Europe/Budapest"
        poll_interval = "60s"

        [[mailbox]]
        name = "support"
        url = "imaps://mail.example.com:993/INBOX"
        user = "support@example.com"
        password = "secret"
        address = "support@example.com"

        [smtp]
        url = "smtp://127.0.0.1:25"
        """

    @Test func minimalConfigGetsDefaults() throws {
        let loaded = try ConfigLoader.parse(source: Self.minimal, path: "/etc/ticketd/ticketd.toml")
        let config = loaded.config
        #expect(config.daemon.timeZone.identifier == "Europe/Budapest")
        #expect(config.daemon.pollInterval == 60)
        #expect(config.daemon.messageIDDomain == "example.com")
        #expect(config.mailboxes.map(\.name) == ["support"])
        #expect(config.mailboxes[0].endpoint.tls == .required)
        #expect(config.mailboxes[0].processedFolder == "Processed")
        #expect(config.mailboxes[0].endpoint.mailboxName == "INBOX")
        #expect(loaded.warnings.map(\.line) == [10], "the inline password is warned about at its line")
        #expect(loaded.templates.template(.ack, language: "hu") != nil)
    }

    func issues(_ source: String) -> [ConfigIssue] {
        do {
            _ = try ConfigLoader.parse(source: source, path: "t.toml")
            return []
        } catch {
            return error.issues
        }
    }

    @Test func syntaxErrorHasLineAndColumn() {
        let found = issues("[daemon]\nstate_dir = \"x\"\ntimezone = \n")
        #expect(found.count == 1)
        #expect(found.first?.line == 3)
        #expect(found.first?.description.hasPrefix("t.toml:3:") == true)
    }

    @Test func semanticErrorsPointAtTheirLines() {
        let source = Self.minimal
            .replacingOccurrences(of: "Europe/Budapest", with: "Mars/Olympus")
            .replacingOccurrences(of: "imaps://mail.example.com:993/INBOX", with: "http://nope")
            .replacingOccurrences(of: "poll_interval = \"60s\"", with: "poll_interval = \"often\"")
        let found = issues(source)
        #expect(found.contains { $0.line == 3 && $0.message.contains("Mars/Olympus") })
        #expect(found.contains { $0.line == 4 && $0.message.contains("poll_interval") })
        #expect(found.contains { $0.line == 8 && $0.message.contains("http://nope") })
    }

    @Test func missingRequiredKeysAreNamed() {
        let found = issues("[[mailbox]]\nname = \"a\"\n\n[smtp]\nurl = \"smtp://x:25\"\n")
        #expect(found.contains { $0.line == 1 && $0.message.contains("'url'") })
        #expect(found.contains { $0.message.contains("'address'") })
    }

    @Test func badTLSValue() {
        let found = issues(Self.minimal.replacingOccurrences(of: "[smtp]\n", with: "[smtp]\ntls = \"maybe\"\n"))
        #expect(found.contains { $0.line == 14 && $0.message.contains("maybe") })
    }

    @Test func unknownKeysAreWarningsNotErrors() throws {
        let loaded = try ConfigLoader.parse(source: Self.minimal + "\n[frobnicate]\nlevel = \"4h\"\n", path: "t.toml")
        #expect(loaded.warnings.contains { $0.line == 15 && $0.message.contains("'frobnicate'") })
    }

    @Test func queuesCanHaveTheirOwnCalendarAndTargets() throws {
        let source = Self.minimal + "\n[sla]\nfirst_response = \"2bd\"\n\n[sla.queue.urgent]\nhours = \"24/7\"\nfirst_response = \"4h\"\n"
        let loaded = try ConfigLoader.parse(source: source, path: "t.toml")
        let urgent = try #require(loaded.config.queuePromises["urgent"])
        #expect(urgent.calendar.schedule.isAlwaysOpen)
        #expect(urgent.firstResponse.description == "4h")
        #expect(loaded.config.promises.firstResponse.description == "2bd")
        let bad = issues(Self.minimal + "\n[sla.queue.urgent]\nhours = \"whenever\"\n")
        #expect(bad.contains { $0.line == 16 && $0.message.contains("whenever") }, "\(bad)")
    }

    @Test func shippedSampleConfigIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sample = try String(contentsOf: root.appendingPathComponent("config/ticketd.toml"), encoding: .utf8)
            .replacingOccurrences(of: "password_file = \"/etc/ticketd/support.pass\"", with: "password = \"x\"")
        let loaded = try ConfigLoader.parse(source: sample, path: "ticketd.toml")
        #expect(loaded.config.promises.calendar.holidays.identifier == "hungary")
        #expect(loaded.config.spam.minimumTraining == 20)
        #expect(loaded.warnings.allSatisfy { $0.message.contains("password") }, "\(loaded.warnings)")
    }

    @Test func passwordFileIsReadRelativeToTheConfig() throws {
        let directory = NSTemporaryDirectory() + "cfg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "s3cret\n".write(toFile: directory + "/pass", atomically: true, encoding: .utf8)
        let source = Self.minimal.replacingOccurrences(of: "password = \"secret\"", with: "password_file = \"pass\"")
        let loaded = try ConfigLoader.parse(source: source, path: directory + "/ticketd.toml")
        #expect(loaded.config.mailboxes[0].endpoint.password == "s3cret")
        #expect(loaded.warnings.isEmpty)
        let missing = issues(Self.minimal.replacingOccurrences(of: "password = \"secret\"", with: "password_file = \"/nonexistent/pass\""))
        #expect(missing.contains { $0.line == 10 && $0.message.contains("/nonexistent/pass") })
    }

    @Test func attachmentsDefaultUnderTheStateDirectory() throws {
        let config = try ConfigLoader.parse(source: Self.minimal, path: "/etc/ticketd/ticketd.toml").config
        #expect(config.attachments == AttachmentSettings(directory: "/tmp/ticketd-state/attachments", maxSize: 25 << 20))
        #expect(config.smtp.verpDelimiter == nil)
    }

    @Test(arguments: [("\"512KB\"", 512 << 10), ("\"25 MB\"", 25 << 20), ("\"1gb\"", 1 << 30), ("0", 0), ("4096", 4096)])
    func attachmentSizes(value: String, bytes: Int) throws {
        let config = try ConfigLoader.parse(source: Self.minimal + "\n[attachments]\nmax_size = \(value)\n", path: "t.toml").config
        #expect(config.attachments.maxSize == bytes)
    }

    @Test func badAttachmentSizeIsReportedAtItsLine() {
        let found = issues(Self.minimal + "\n[attachments]\nmax_size = \"lots\"\n")
        #expect(found.map(\.line) == [16])
        #expect(found.first?.message.contains("512KB") == true)
    }

    @Test func verpUsesTheRecipientDelimiter() throws {
        let on = Self.minimal + "\nverp = true\n"
        #expect(try ConfigLoader.parse(source: on, path: "t.toml").config.smtp.verpDelimiter == "+")
        let dash = on + "recipient_delimiter = \"-\"\n"
        #expect(try ConfigLoader.parse(source: dash, path: "t.toml").config.smtp.verpDelimiter == "-")
        let found = issues(on + "recipient_delimiter = \"ab\"\n")
        #expect(found.map(\.line) == [16])
        let notBool = issues(Self.minimal + "\nverp = \"yes\"\n")
        #expect(notBool.first?.message == "'verp' must be true or false")
    }
}
