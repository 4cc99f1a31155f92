import Foundation
import Testing
@testable import TicketConfig
import TicketCore

/// Every config `config check` accepts can run the daemon's promise math: for random SLA
/// durations, business hours, throughputs and follow-up leads, the promises of a new ticket and
/// of a reply, the watcher's warnings and two slips in a row come out without a trap, in bounded
/// time, and as dates the store can write and read back (years 1970 to 9999).
@Suite("Config values the promise math can live with")
struct ConfigPromiseReachTests {
    static func config(hours: String, queueHours: String, firstResponse: String, updateInterval: String, followUp: String, throughput: String) -> String {
        """
        [daemon]
        timezone = "Europe/Budapest"
        staff = ["anna@example.com", "bela@example.com"]

        [[mailbox]]
        name = "support"
        url = "imaps://mail.example.com:993/INBOX"
        user = "support@example.com"
        password = "secret"
        address = "support@example.com"

        [smtp]
        url = "smtp://127.0.0.1:25"

        [calendar]
        hours = "\(hours)"

        [sla]
        first_response = "\(firstResponse)"
        update_interval = "\(updateInterval)"
        follow_up_before = "\(followUp)"
        throughput = \(throughput)

        [sla.queue.vip]
        hours = "\(queueHours)"
        """
    }

    /// Business hours from round the clock to one minute a week.
    static let schedules = ["24/7", "mon-fri 08:00-17:00", "mon-fri 08:00-12:00,13:00-17:00; sat 09:00-13:00", "mon 08:00-08:05", "sat 09:00-09:01"]
    /// SLA targets at and around their limits (366 days, 8784 hours, a year of minutes) and beyond.
    static let targets = ["1m", "59m", "4h", "2000h", "8784h", "8785h", "527040m", "527041m", "1bd", "366bd", "367bd", "1d", "366d", "367d", "1d4h", "366d366bd"]
    static let leads = ["0s", "59m", "4h", "1d", "366d", "367d"]
    static let throughputs = ["0.001", "0.5", "8", "1e6", "1e300", "inf"]

    /// The first instant the store cannot hold: 10000-01-01T00:00:00Z.
    static let endOfYear9999 = Date(timeIntervalSince1970: 253_402_300_800)

    static func representable(_ date: Date) -> Bool {
        date >= Date(timeIntervalSince1970: 0) && date < endOfYear9999
    }

    @Test("random accepted configs give representable promises, warnings and slips", .timeLimit(.minutes(2)), arguments: 0..<60)
    func randomConfig(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed))
        let source = Self.config(
            hours: Self.schedules.randomElement(using: &random) ?? "24/7", queueHours: Self.schedules.randomElement(using: &random) ?? "24/7",
            firstResponse: Self.targets.randomElement(using: &random) ?? "4h", updateInterval: Self.targets.randomElement(using: &random) ?? "4h",
            followUp: Self.leads.randomElement(using: &random) ?? "0s", throughput: Self.throughputs.randomElement(using: &random) ?? "8")
        let loaded: LoadedConfig
        do {
            loaded = try ConfigLoader.parse(source: source, path: "t.toml")
        } catch {
            for issue in error.issues { #expect((16...25).contains(issue.line), "\(issue)\n\(source)") }
            return
        }
        let now = Date(timeIntervalSince1970: 1_772_445_600 + Double.random(in: 0...(5 * 365 * 86_400), using: &random))
        for policy in [loaded.config.promises] + loaded.config.queuePromises.values {
            Self.checkPromises(of: policy, now: now, openAhead: [0, 7, 400].randomElement(using: &random) ?? 0, source: source)
        }
    }

    @Test("an hour target longer than a year of the calendar's working time is refused at its key")
    func yearOfWorkingTime() {
        let cases: [(hours: String, queueHours: String, first: String, line: Int)] = [
            ("sat 09:00-09:01", "24/7", "8784h", 19),  // ten thousand years of Saturday minutes
            ("mon-fri 08:00-17:00", "24/7", "3000h", 19),  // 45 h a week: 2353 h is a year
            ("24/7", "sat 09:00-09:01", "100h", 25),  // the queue's own hours make the inherited target too long
        ]
        for (hours, queueHours, first, line) in cases {
            let source = Self.config(hours: hours, queueHours: queueHours, firstResponse: first, updateInterval: "1bd", followUp: "0s", throughput: "8")
            #expect(throws: ConfigError.self, "\(hours) / \(queueHours) / \(first)") { try ConfigLoader.parse(source: source, path: "t.toml") }
            do {
                _ = try ConfigLoader.parse(source: source, path: "t.toml")
            } catch {
                #expect(error.issues.map(\.line) == [line], "\(error)")
            }
        }
        let fits = Self.config(hours: "mon-fri 08:00-17:00", queueHours: "24/7", firstResponse: "2000h", updateInterval: "366bd", followUp: "0s", throughput: "8")
        #expect(throws: Never.self) { try ConfigLoader.parse(source: fits, path: "t.toml") }
    }

    @Test("throughput must be a finite number of tickets, at most 10000 a day")
    func throughputBounds() {
        for value in ["inf", "nan", "0", "-1", "10001"] {
            let source = Self.config(hours: "24/7", queueHours: "24/7", firstResponse: "4h", updateInterval: "4h", followUp: "0s", throughput: value)
            #expect(throws: ConfigError.self, "throughput = \(value)") { try ConfigLoader.parse(source: source, path: "t.toml") }
        }
    }

    /// The promise of a new ticket and of a reply, then the watcher at 80 % of the window, at the
    /// promise (first slip) and at the new promise (second slip, escalated).
    static func checkPromises(of policy: PromisePolicy, now: Date, openAhead: Int, source: String) {
        let watcher = PromiseWatcher(policy: policy)
        for first in [true, false] {
            guard let promise = policy.promise(first: first, openAhead: openAhead, now: now) else { continue }
            #expect(representable(promise) && promise >= now, "promise \(promise) for\n\(source)")
            var ticket = WatchedTicket(number: 1, state: .open, promisedBy: promise, promisedAt: now, promiseNumber: 1, openAhead: openAhead)
            let nearlyDue = now.addingTimeInterval(promise.timeIntervalSince(now) * 0.8)
            _ = watcher.actions(for: [ticket], now: nearlyDue)
            for slip in 1...2 {
                let actions = watcher.actions(for: [ticket], now: ticket.promisedBy.addingTimeInterval(60))
                guard case let .slip(_, number, missed, next, escalate) = actions.first else {
                    Issue.record("no slip \(slip) at the promise: \(actions)\n\(source)")
                    return
                }
                #expect(number == slip && missed == ticket.promisedBy && escalate == (slip == 2))
                #expect(representable(next) && next > missed, "slip \(slip): new promise \(next) after \(missed) for\n\(source)")
                ticket.promisedAt = ticket.promisedBy
                ticket.promisedBy = next
                ticket.promiseNumber += 1
            }
        }
    }
}

/// A small seeded generator, so that a failing case can be run again by its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
