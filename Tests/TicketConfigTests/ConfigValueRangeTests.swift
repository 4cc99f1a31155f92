import Foundation
import Testing
@testable import TicketConfig

/// Durations, counts and sizes at and beyond their documented limits: `config check` either
/// rejects the value at its FILE:LINE:COL, or accepts a value inside the range. Nothing traps.
@Suite("Config value ranges")
struct ConfigValueRangeTests {
    static func config(pollInterval: String, firstResponse: String, maxSize: String) -> String {
        """
        [daemon]
        state_dir = "/tmp/ticketd-state"
        timezone = "Europe/Budapest"
        poll_interval = \(pollInterval)

        [[mailbox]]
        name = "support"
        url = "imaps://mail.example.com:993/INBOX"
        user = "support@example.com"
        password = "secret"
        address = "support@example.com"

        [smtp]
        url = "smtp://127.0.0.1:25"

        [sla]
        first_response = \(firstResponse)

        [attachments]
        max_size = \(maxSize)
        """
    }

    /// Amounts around the limits and far beyond them (2^63 − 1 included).
    static let amounts: [Int] = [0, 1, 59, 60, 366, 367, 8784, 8785, 527_040, 31_622_400, 31_622_401, 1 << 31, 1 << 53, Int.max / 86_400 + 1, Int.max]

    @Test("random durations and sizes: rejected at their line, or accepted within range", arguments: 0..<200)
    func randomValues(seed: Int) throws {
        var random = SystemRandomNumberGenerator()
        let amount = Self.amounts.randomElement(using: &random) ?? 0
        let intervalUnit = ["s", "m", "h", "d"].randomElement(using: &random) ?? "s"
        let slaUnit = ["m", "h", "bd", "d"].randomElement(using: &random) ?? "h"
        let sizeUnit = ["KB", "MB", "GB", ""].randomElement(using: &random) ?? ""
        let poll = Bool.random(using: &random) ? "\"\(amount)\(intervalUnit)\"" : "\(amount)"
        let sla = "\"\(max(amount, 1))\(slaUnit)\""
        let size = sizeUnit.isEmpty ? "\(amount)" : "\"\(amount)\(sizeUnit)\""
        let source = Self.config(pollInterval: poll, firstResponse: sla, maxSize: size)
        do {
            let loaded = try ConfigLoader.parse(source: source, path: "t.toml")
            #expect((0...366 * 86_400).contains(loaded.config.daemon.pollInterval), "poll_interval = \(poll)")
            let first = loaded.config.promises.firstResponse
            #expect(first.calendarDays + first.businessDays <= 366 && first.businessMinutes <= 366 * 24 * 60, "first_response = \(sla)")
            #expect(loaded.config.attachments.maxSize <= 1 << 40, "max_size = \(size)")
        } catch {
            // poll_interval, first_response and max_size sit on lines 4, 17 and 20.
            #expect(!error.issues.isEmpty)
            for issue in error.issues {
                #expect([4, 17, 20].contains(issue.line) && issue.file == "t.toml", "\(issue) for \(poll) / \(sla) / \(size)")
            }
        }
    }

    @Test("2^63 seconds, millions of days and a year and a day are refused at their key")
    func hugeValuesRefused() {
        for (poll, sla) in [("\"9223372036854775807s\"", "\"4h\""), ("\"60s\"", "\"3650000d\""), ("\"367d\"", "\"4h\""), ("\"60s\"", "\"9000h\"")] {
            #expect(throws: ConfigError.self, "\(poll) \(sla)") { try ConfigLoader.parse(source: Self.config(pollInterval: poll, firstResponse: sla, maxSize: "\"25MB\""), path: "t.toml") }
        }
        #expect(throws: Never.self) { try ConfigLoader.parse(source: Self.config(pollInterval: "\"366d\"", firstResponse: "\"366bd\"", maxSize: "\"1GB\""), path: "t.toml") }
    }

    @Test("sla.digest_after: a count from 0 to 100000, anything else refused at its key")
    func digestAfter() throws {
        let base = Self.config(pollInterval: "\"60s\"", firstResponse: "\"4h\"", maxSize: "\"25MB\"")
        let withDigest = { (value: String) in base.replacingOccurrences(of: "[sla]\n", with: "[sla]\ndigest_after = \(value)\n") }
        #expect(try ConfigLoader.parse(source: withDigest("25"), path: "t.toml").config.promises.digestAfter == 25)
        #expect(try ConfigLoader.parse(source: base, path: "t.toml").config.promises.digestAfter == 10, "the default")
        for bad in ["-1", "100001", "\"many\"", "2.5"] {
            #expect(throws: ConfigError.self, "\(bad)") { try ConfigLoader.parse(source: withDigest(bad), path: "t.toml") }
        }
    }
}
