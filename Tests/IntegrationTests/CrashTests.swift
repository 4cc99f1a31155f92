import Foundation
import MailMessage
import MailTransport
import Testing
#if canImport(Glibc)
import Glibc
import TestSupport
import TicketConfig
#endif

/// Issue #9: `kill -9` at random moments while the daemon syncs 200 customer mails from the real
/// Dovecot and sends their acknowledgements through the real Postfix. After each burst's kills a
/// final run finishes the work; then every message must be on exactly one ticket, every customer
/// must find their acknowledgement in their mailbox, and the inbox must be empty. A second copy of
/// an acknowledgement is allowed only as the known window (a kill after the server took the mail,
/// before our commit marked it sent), at most one per kill while sending; it is counted and printed.
///
/// `TICKETD_CRASH_KILLS` sets the number of kills (default 100, at most `killsPerBurst` per burst,
/// each burst on a fresh desk); `TICKETD_CRASH_SEED` repeats the kill delays of a run that printed it.
/// The same test runs against PostgreSQL (each desk on a fresh database of the test cluster) with
/// fewer kills, `TICKETD_CRASH_PG_KILLS` (default `postgresKills`), to keep CI short.
@Suite("Crash test: kill -9 during sync and acknowledgement bursts", .serialized, .timeLimit(.minutes(20)))
struct CrashTests {
    static let killsPerBurst = 25
    /// The PostgreSQL variant's kills, in bursts of `postgresKillsPerBurst`.
    static let postgresKills = 30
    static let postgresKillsPerBurst = 15

    @Test("kill -9 at random moments: every message on exactly one ticket, one acknowledgement per customer")
    func killDuringBursts() throws {
        let kills = ProcessInfo.processInfo.environment["TICKETD_CRASH_KILLS"].flatMap(Int.init) ?? 100
        try killDuringBursts(name: "crash test", kills: kills, killsPerBurst: Self.killsPerBurst) { try TestDesk() }
    }

    @Test(
        "kill -9 at random moments on PostgreSQL: every message on exactly one ticket, one acknowledgement per customer",
        .enabled(if: PostgresCluster.isAvailable, PostgresCluster.skipMessage))
    func killDuringBurstsOnPostgres() throws {
        let kills = ProcessInfo.processInfo.environment["TICKETD_CRASH_PG_KILLS"].flatMap(Int.init) ?? Self.postgresKills
        try killDuringBursts(name: "crash test on PostgreSQL", kills: kills, killsPerBurst: Self.postgresKillsPerBurst) {
            try TestDesk(extraSections: "[store]\nurl = \"\(try PostgresCluster.createDatabase())\"")
        }
    }

    /// `kills` kills in bursts of at most `killsPerBurst`, each burst on a desk from `newDesk`;
    /// prints a line per burst and the summary, prefixed with `name`.
    func killDuringBursts(name: String, kills: Int, killsPerBurst: Int, newDesk: () throws -> TestDesk) throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["TICKETD_CRASH_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0...UInt64.max)
        print("\(name): seed \(seed) (TICKETD_CRASH_SEED=\(seed) repeats the kill delays), \(kills) kills")
        var random = SplitMix64(seed: seed)
        let started = Date()

        // Calibration on an unkilled burst, in three runs: the intake (the test hook kills the
        // daemon just before its first send), the acknowledgements, and — once Postfix has
        // delivered them — a run with nothing to do: what every restart costs.
        let calibration = CrashBurst(desk: try newDesk())
        try calibration.deliver()
        let intake = try calibration.timedRunOnce(environment: ["TICKETD_FAULT": "kill-before-send"], expectKilled: true)
        let sending = try calibration.timedRunOnce()
        var total = try calibration.verify()
        expectClean(total, burst: "calibration", inFlightAtKills: 0)
        let restart = try calibration.timedRunOnce()
        let cost = CrashBurst.Cost(restart: restart, intake: intake - restart, sending: sending - restart)
        print("\(name): unkilled burst: intake \(cost.intake.twoDecimals) s, acknowledgements \(cost.sending.twoDecimals) s, restart \(restart.twoDecimals) s")

        // Each run lives a random time averaging the restart cost plus an equal share of the
        // work still left, so one burst's kills land anywhere from the first fetch to the last
        // acknowledgement, however much each restart has to redo.
        var phases: [CrashBurst.Phase: Int] = [:]
        var bursts = 0
        var remaining = kills
        while remaining > 0 {
            let burstKills = min(killsPerBurst, remaining)
            let burst = CrashBurst(desk: try newDesk())
            try burst.deliver()
            var progress = CrashBurst.Progress(inbox: CrashBurst.messageCount, sent: 0, queued: 0)
            var burstPhases: [CrashBurst.Phase: Int] = [:]
            var inFlightAtKills = 0
            for index in 0..<burstKills {
                let meanLife = cost.restart + cost.left(after: progress) / Double(burstKills - index)
                let daemon = try Harness.spawn(Harness.ticketdPath, ["run", "--config", burst.desk.configPath], log: burst.log)
                Thread.sleep(forTimeInterval: Double.random(in: 0...(2 * meanLife), using: &random))
                let ended = daemon.stop(with: SIGKILL)
                #expect(ended.signaled && ended.status == SIGKILL, "burst \(bursts + 1) run \(index + 1) ended by itself with \(ended.status); see \(burst.log)")
                progress = try burst.progress()
                burstPhases[progress.phase, default: 0] += 1
                inFlightAtKills += progress.inFlightBound
            }
            let final = try burst.desk.ticketd(["run", "--once"])
            #expect(final.status == 0, "final run of burst \(bursts + 1): \(final.stderr.suffix(2000))")
            let tally = try burst.verify()
            expectClean(tally, burst: "\(bursts + 1)", inFlightAtKills: inFlightAtKills)
            print("\(name): burst \(bursts + 1): \(burstKills) kills (\(CrashBurst.Phase.describe(burstPhases))), resent \(tally.resentInWindow)")
            phases.merge(burstPhases, uniquingKeysWith: +)
            total.add(tally)
            remaining -= burstKills
            bursts += 1
        }

        let seconds = Date().timeIntervalSince(started)
        print("""
            \(name): \(kills) kills over \(bursts) bursts (+1 unkilled), \(CrashBurst.messageCount) messages each: \
            messages on exactly one ticket \(total.onExactlyOneTicket)/\(total.messages), \
            replies on their original's ticket \(total.threadedWithOriginal)/\(total.replies), \
            acknowledgements delivered \(total.acknowledgementsDelivered) to \(total.customers) customers \
            (exactly one: \(total.acknowledgedOnce)), duplicates \(total.resentInWindow + total.otherDuplicates) \
            (\(total.resentInWindow) resent after a kill between the end of DATA and our commit, \(total.otherDuplicates) other), \
            lost \(total.lost + total.missingAcknowledgements); kills \(CrashBurst.Phase.describe(phases)); \
            \(Int(seconds)) s, seed \(seed)
            """)
    }

    /// `inFlightAtKills` bounds the resends: each kill can catch at most one mail per SMTP
    /// connection between the end of DATA and our commit, and only a row still queued after it.
    func expectClean(_ tally: CrashTally, burst: String, inFlightAtKills: Int) {
        let detail = "burst \(burst): \(tally.problems.prefix(20).joined(separator: "; "))"
        #expect(tally.resentInWindow <= inFlightAtKills, "\(detail)")
        #expect(tally.onExactlyOneTicket == tally.messages, "\(detail)")
        #expect(tally.lost == 0, "\(detail)")
        #expect(tally.storedTwice == 0, "\(detail)")
        #expect(tally.unexpectedMessages == 0, "\(detail)")
        #expect(tally.tickets == tally.customers, "\(detail)")
        #expect(tally.threadedWithOriginal == tally.replies, "\(detail)")
        #expect(tally.missingAcknowledgements == 0, "\(detail)")
        #expect(tally.otherDuplicates == 0, "\(detail)")
        #expect(tally.outboxRowsAsExpected == tally.customers, "\(detail)")
        #expect(tally.leftInInbox == 0, "\(detail)")
        #expect(tally.processed == tally.messages, "\(detail)")
    }
}

/// One desk's 200 customer mails: 170 customers each open a ticket, and 30 colleagues answer one
/// of those mails (References, no tag) — so threading has to survive the kills too. The mails are
/// in English, Hungarian and Polish, so acknowledgements go out in all three languages.
struct CrashBurst {
    static let messageCount = 200
    static let replyCount = 30
    /// The test desk's `[smtp] connections`: the default.
    static let smtpConnections = SMTPSettings.defaultConnections

    struct Mail {
        var messageID: String
        var from: String
        /// The Message-ID this mail answers (a colleague's reply), nil for a ticket opener.
        var answers: String?
        var raw: [UInt8]
    }

    let desk: TestDesk
    let mails: [Mail]
    /// The daemon's stderr over all of this burst's runs.
    let log: String

    init(desk: TestDesk) {
        self.desk = desk
        log = desk.directory + "/daemon.log"
        var mails: [Mail] = []
        let openers = Self.messageCount - Self.replyCount
        for number in 0..<openers {
            let (subject, body) = Self.text(number)
            let from = desk.customer("customer\(number)", domain: "org\(number).example")
            mails.append(Self.mail(from: from, to: desk.support, id: "<crash-\(number)-\(desk.id)@org\(number).example>", subject: subject, body: body))
        }
        // Replies from colleagues, spread over the openers and after them in the inbox.
        for reply in 0..<Self.replyCount {
            let number = reply * openers / Self.replyCount
            let original = mails[number]
            var mail = Self.mail(
                from: desk.customer("colleague\(number)", domain: "org\(number).example"), to: desk.support,
                id: "<crash-reply-\(number)-\(desk.id)@org\(number).example>", subject: "Re: " + Self.text(number).subject,
                body: "Same here since this morning, please keep us both posted.",
                extraHeaders: ["In-Reply-To: \(original.messageID)", "References: \(original.messageID)"])
            mail.answers = original.messageID
            mails.append(mail)
        }
        self.mails = mails
    }

    static func text(_ number: Int) -> (subject: String, body: String) {
        switch number % 3 {
        case 0:
            ("Export of order \(number) stops halfway",
             "Hello,\n\nthe export of order \(number) stops at 50% since this morning. Could you please look into it?\n\nThanks,\nCustomer \(number)")
        case 1:
            ("Nem tölthető le a(z) \(number). számla",
             "Jó napot!\n\nA(z) \(number). számlát nem tudom letölteni az ügyfélkapuban, hibaüzenetet kapok.\nKérem, segítsenek.\n\nÜdvözlettel:\nÜgyfél \(number)")
        default:
            ("Nie mogę zalogować się do konta \(number)",
             "Dzień dobry,\n\nod rana nie mogę zalogować się do konta \(number), system zgłasza błąd hasła.\nProszę o pomoc.\n\nPozdrawiam,\nKlient \(number)")
        }
    }

    static func mail(from: String, to: String, id: String, subject: String, body: String, extraHeaders: [String] = []) -> Mail {
        let headers = [
            "From: \(from)", "To: \(to)", "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=", "Message-ID: \(id)",
            "Date: \(TestDesk.rfc5322Date())", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ] + extraHeaders
        let text = headers.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        return Mail(messageID: id, from: from, answers: nil, raw: Array(text.utf8))
    }

    /// Puts the 200 mails into the support inbox in one IMAP MULTIAPPEND (far faster than
    /// 200 trips through Postfix, and the daemon reads them over IMAP either way).
    func deliver() throws {
        let session = try IMAPSession(endpoint: desk.servers.imapEndpoint(user: desk.support))
        try session.append(mails.map(\.raw), to: "INBOX")
        let exists = try session.select("INBOX").exists
        guard exists == mails.count else { throw HarnessError("the inbox holds \(exists) of \(mails.count) mails") }
    }

    /// `run --once` to completion (or to the kill a fault hook asked for); its wall-clock seconds.
    func timedRunOnce(environment: [String: String] = [:], expectKilled: Bool = false) throws -> Double {
        let start = Date()
        let run = try desk.ticketd(["run", "--once"], environment: environment)
        guard expectKilled ? run.signaled && run.status == SIGKILL : run.status == 0 else {
            throw HarnessError("run --once ended with \(run.status): \(run.stderr.suffix(2000))")
        }
        return Date().timeIntervalSince(start)
    }

    /// Seconds an unkilled daemon spends on a burst.
    struct Cost {
        var restart: Double
        /// Storing all 200 mails and moving them out of the inbox.
        var intake: Double
        /// Sending all acknowledgements.
        var sending: Double

        func left(after progress: Progress) -> Double {
            intake * Double(progress.inbox) / Double(CrashBurst.messageCount)
                + sending * Double(CrashBurst.messageCount - CrashBurst.replyCount - progress.sent) / Double(CrashBurst.messageCount - CrashBurst.replyCount)
        }
    }

    /// What is left of a burst: mail in the inbox, acknowledgements sent and queued.
    struct Progress {
        var inbox: Int
        var sent: Int
        var queued: Int

        var phase: Phase { inbox > 0 ? .intake : queued > 0 ? .sending : .finished }
        /// How many acknowledgements a kill at this point could have left in the RFC 1047 window:
        /// one per SMTP connection the desk sends over, and only rows still queued.
        var inFlightBound: Int { min(queued, CrashBurst.smtpConnections) }
    }

    /// Where a burst stood when a kill hit it.
    enum Phase: String, CaseIterable {
        case intake = "with mail in the inbox"
        case sending = "with acknowledgements queued"
        case finished = "after the burst was done"

        static func describe(_ counts: [Phase: Int]) -> String {
            allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }
    }

    func progress() throws -> Progress {
        let inbox = try IMAPSession(endpoint: desk.servers.imapEndpoint(user: desk.support)).select("INBOX").exists
        let states = try desk.outbox().map { $0["state"] as? String }
        return Progress(inbox: inbox, sent: states.count(where: { $0 == "sent" }), queued: states.count(where: { $0 == "queued" }))
    }

    /// Checks the burst's end state through the CLI and the mailboxes the real Postfix delivered to.
    func verify() throws -> CrashTally {
        var tally = CrashTally()
        tally.messages = mails.count
        tally.replies = mails.count(where: { $0.answers != nil })

        // Which tickets hold each incoming Message-ID (a ticket twice if it holds the mail twice).
        var ticketsOf: [String: [Int]] = [:]
        var ticketOfCustomer: [String: Int] = [:]
        let listedTickets = try desk.tickets()
        tally.tickets = listedTickets.count
        for listed in listedTickets {
            guard let number = listed["number"] as? Int else { throw HarnessError("ticket without number: \(listed)") }
            let ticket = try desk.ticket(number)
            if let customer = (ticket["customer"] as? [String: Any])?["address"] as? String {
                if let earlier = ticketOfCustomer[customer] { tally.problems.append("\(customer) has tickets #\(earlier) and #\(number)") }
                ticketOfCustomer[customer] = number
            }
            for message in ticket["messages"] as? [[String: Any]] ?? [] where message["direction"] as? String == "in" {
                ticketsOf[message["message_id"] as? String ?? "(no Message-ID)", default: []].append(number)
            }
        }
        let sent = Set(mails.map(\.messageID))
        for unknown in ticketsOf.keys where !sent.contains(unknown) {
            tally.unexpectedMessages += ticketsOf[unknown]!.count
            tally.problems.append("ticket(s) \(ticketsOf[unknown]!) hold \(unknown), which the test never sent")
        }
        for mail in mails {
            let tickets = ticketsOf[mail.messageID] ?? []
            switch tickets.count {
            case 0:
                tally.lost += 1
                tally.problems.append("\(mail.messageID) is on no ticket")
            case 1:
                tally.onExactlyOneTicket += 1
            default:
                tally.storedTwice += 1
                tally.problems.append("\(mail.messageID) is stored \(tickets.count) times, on \(tickets)")
            }
            if let original = mail.answers, !tickets.isEmpty {
                if tickets == ticketsOf[original] { tally.threadedWithOriginal += 1 } else {
                    tally.problems.append("reply \(mail.messageID) is on \(tickets), its original on \(ticketsOf[original] ?? [])")
                }
            }
        }

        // One acknowledgement row per ticket, sent to its customer.
        var acknowledgementOf: [Int: String] = [:]
        let rows = try desk.outbox()
        for (ticket, ticketRows) in Dictionary(grouping: rows, by: { $0["ticket"] as? Int ?? 0 }) {
            let row = ticketRows[0]
            guard ticketRows.count == 1, row["kind"] as? String == "ack", row["state"] as? String == "sent",
                let id = row["message_id"] as? String
            else {
                tally.problems.append("ticket #\(ticket) has outbox rows \(ticketRows.map { "\($0["kind"] ?? "?") \($0["state"] ?? "?")" })")
                continue
            }
            acknowledgementOf[ticket] = id
            if let customer = ticketOfCustomer.first(where: { $0.value == ticket })?.key, row["recipients"] as? [String] == [customer] {
                tally.outboxRowsAsExpected += 1
            }
        }

        // What the customers received. Postfix delivers after its 250, so let its queue drain first.
        try waitForEmptyMailQueue()
        for mail in mails {
            let received = try desk.servers.messages(of: mail.from).map { MailMessage.parse($0.bytes).messageID ?? "(no Message-ID)" }
            guard mail.answers == nil else {
                tally.otherDuplicates += received.count
                if !received.isEmpty { tally.problems.append("colleague \(mail.from) received \(received)") }
                continue
            }
            tally.customers += 1
            let expected = ticketOfCustomer[mail.from].flatMap { acknowledgementOf[$0] }
            let copies = received.count(where: { $0 == expected })
            tally.acknowledgementsDelivered += copies
            if copies == 0 {
                tally.missingAcknowledgements += 1
                tally.problems.append("\(mail.from) received no acknowledgement \(expected ?? "(none queued)")")
            }
            if copies == 1 { tally.acknowledgedOnce += 1 }
            // Another copy of the same outbox row comes from a kill after the server took the
            // mail (it commits on the final dot of DATA, whether or not we live to read its 250)
            // and before our commit marked the row sent: the known window. Anything else is a bug.
            if copies > 1 {
                tally.resentInWindow += copies - 1
                tally.problems.append("\(mail.from) received \(expected ?? "") \(copies) times")
            }
            let others = received.filter { $0 != expected }
            tally.otherDuplicates += others.count
            if !others.isEmpty { tally.problems.append("\(mail.from) also received \(others)") }
        }

        tally.leftInInbox = try desk.servers.messages(of: desk.support).count
        tally.processed = try desk.servers.messages(of: desk.support, folder: "Processed").count
        return tally
    }

    func waitForEmptyMailQueue(timeout: TimeInterval = 60) throws {
        let deadline = Date() + timeout
        while true {
            let queue = try Harness.run("/usr/sbin/postqueue", ["-c", desk.servers.directory + "/postfix/etc", "-p"])
            if queue.stdout.contains("Mail queue is empty") { return }
            guard Date() < deadline else { throw HarnessError("Postfix queue not empty after \(timeout) s: \(queue.stdout.prefix(2000))") }
            Thread.sleep(forTimeInterval: 0.2)
        }
    }
}

/// What the crash test counted, per burst and summed.
struct CrashTally {
    var messages = 0
    var onExactlyOneTicket = 0
    var lost = 0
    var storedTwice = 0
    /// Incoming messages on tickets that the test never sent.
    var unexpectedMessages = 0
    var tickets = 0
    var replies = 0
    var threadedWithOriginal = 0
    var customers = 0
    /// Tickets whose only outbox row is a sent acknowledgement to their customer.
    var outboxRowsAsExpected = 0
    var acknowledgementsDelivered = 0
    var acknowledgedOnce = 0
    var missingAcknowledgements = 0
    /// Extra copies of an acknowledgement with its own outbox row's Message-ID (the known window).
    var resentInWindow = 0
    /// Delivered mail no outbox row explains.
    var otherDuplicates = 0
    var leftInInbox = 0
    var processed = 0
    var problems: [String] = []

    mutating func add(_ other: CrashTally) {
        messages += other.messages
        onExactlyOneTicket += other.onExactlyOneTicket
        lost += other.lost
        storedTwice += other.storedTwice
        unexpectedMessages += other.unexpectedMessages
        tickets += other.tickets
        replies += other.replies
        threadedWithOriginal += other.threadedWithOriginal
        customers += other.customers
        outboxRowsAsExpected += other.outboxRowsAsExpected
        acknowledgementsDelivered += other.acknowledgementsDelivered
        acknowledgedOnce += other.acknowledgedOnce
        missingAcknowledgements += other.missingAcknowledgements
        resentInWindow += other.resentInWindow
        otherDuplicates += other.otherDuplicates
        leftInInbox += other.leftInInbox
        processed += other.processed
        problems += other.problems
    }
}

extension Double {
    /// Seconds with two decimals, for the test log.
    fileprivate var twoDecimals: String { String(format: "%.2f", self) }
}
