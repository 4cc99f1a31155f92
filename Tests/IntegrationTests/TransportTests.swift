import Foundation
import Logging
import MailMessage
@testable import MailTransport
import Prometheus
import TicketConfig
import TicketDaemon
import TicketStore
import Testing

/// The IMAP/SMTP transport against real Dovecot (TLS on) and Postfix, plus a scripted SMTP sink
/// for the replies Postfix does not give on demand.
@Suite("Transport against real Dovecot (TLS) and Postfix", .timeLimit(.minutes(5)))
struct TransportTests {
    let servers = MailServers.tls

    /// A support mailbox's address (the desk's own domain, example.com).
    static func user(_ name: String) -> String { "\(name)-\(UInt64.random(in: 0..<UInt64.max))@example.com" }
    /// A customer address: another domain than the desk's (mail from our own domain counts as a loop).
    static func customer(_ name: String) -> String { "\(name)-\(UInt64.random(in: 0..<UInt64.max))@acme.example" }

    // MARK: TLS

    @Test("implicit TLS and STARTTLS log in with the test CA; a wrong CA or pin is refused")
    func tlsModes() throws {
        let user = Self.user("tls")
        let implicit = try IMAPSession(endpoint: servers.imapsEndpoint(user: user))
        #expect(try implicit.select("INBOX").uidValidity > 0)

        var starttls = servers.imapsEndpoint(user: user)
        starttls.url = URL(string: "imap://127.0.0.1:\(servers.imapPort)/INBOX")!
        starttls.tls = .starttls
        #expect(try IMAPSession(endpoint: starttls).select("INBOX").uidValidity > 0)

        var pinned = servers.imapsEndpoint(user: user)
        pinned.pinnedPublicKey = servers.pin
        #expect(throws: Never.self) { try IMAPSession(endpoint: pinned) }

        var wrongPin = pinned
        wrongPin.pinnedPublicKey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        #expect { try IMAPSession(endpoint: wrongPin) } throws: { error in
            guard case let .unreachable(_, reason) = error as? TransportError else { return false }
            return reason.lowercased().contains("public key") || reason.lowercased().contains("pinned")
        }

        var systemCAs = servers.imapsEndpoint(user: user)
        systemCAs.caFile = nil
        #expect { try IMAPSession(endpoint: systemCAs) } throws: { error in
            guard case let .unreachable(_, reason) = error as? TransportError else { return false }
            return reason.lowercased().contains("certificate")
        }
    }

    @Test("a wrong password: run --once exits 69 and says which server refused and what it said")
    func loginFailure() throws {
        let user = Self.user("login")
        let desk = try TransportDesk(
            mailboxes: [.init(name: "support", user: user, url: "imaps://127.0.0.1:\(servers.imapsPort!)/INBOX", caFile: servers.caFile, password: "wrong")],
            smtpURL: "smtp://127.0.0.1:\(MailServers.shared.smtpPort)")
        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 69)
        #expect(run.stderr.contains("login to imaps://127.0.0.1:\(servers.imapsPort!) failed"), "\(run.stderr)")
        #expect(run.stderr.contains("AUTHENTICATIONFAILED"), "the server's own words are quoted: \(run.stderr)")
        #expect(!run.stderr.contains("wrong"), "the password never appears in logs")
    }

    // MARK: IMAP sync

    @Test("UIDVALIDITY reset (folder recreated, same mail put back): no second ticket, no second acknowledgement")
    func uidValidityReset() throws {
        let support = Self.user("renumbered")
        let folder = "Support"
        let endpoint = servers.imapsEndpoint(user: support)
        let admin = try IMAPSession(endpoint: endpoint)
        try admin.ensureMailbox(folder)
        let customers = (0..<3).map { Self.customer("cust\($0)") }
        let mails = customers.enumerated().map { index, customer in
            TransportDesk.customerMail(from: customer, to: support, subject: "Broken thing \(index)", body: "Help with thing \(index).")
        }
        try admin.append(mails, to: folder)
        let desk = try TransportDesk(
            mailboxes: [.init(name: "support", user: support, url: "imaps://127.0.0.1:\(servers.imapsPort!)/\(folder)", caFile: servers.caFile)],
            smtpURL: "smtp://127.0.0.1:\(MailServers.shared.smtpPort)")
        let first = try desk.ticketd(["run", "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try desk.tickets().count == 3)
        let before = try admin.select(folder).uidValidity

        // The server loses its index: the folder is recreated and the same mail comes back, plus one new.
        try admin.select("INBOX")
        try admin.deleteMailbox(folder)
        try admin.ensureMailbox(folder)
        let fresh = TransportDesk.customerMail(from: Self.customer("late"), to: support, subject: "Something new", body: "A new problem.")
        try admin.append(mails + [fresh], to: folder)
        let after = try admin.select(folder).uidValidity
        #expect(after != before)

        let second = try desk.ticketd(["run", "--once"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("UIDVALIDITY changed"), "\(second.stderr)")
        #expect(try desk.tickets().count == 4)
        let outbox = try desk.outbox()
        #expect(outbox.count == 4, "one acknowledgement per ticket: \(outbox.map { $0["ticket"] ?? "?" })")
        #expect(Set(outbox.compactMap { $0["ticket"] as? Int }).count == 4)
        for customer in customers {
            #expect(try MailServers.shared.messages(of: customer, atLeast: 1).count == 1)
        }
        try admin.select(folder)
        #expect(try admin.uids(from: 1).isEmpty, "everything was moved out")
    }

    @Test("Dovecot stopped mid-sync, then restarted: every message on exactly one ticket, one acknowledgement each")
    func serverStoppedMidSync() throws {
        let own = try MailServers.startPrivate(options: ["--tls", "--no-postfix"])
        defer { own.stop() }
        let support = Self.user("outage")
        let endpoint = own.imapsEndpoint(user: support)
        let count = 240
        let mails = (0..<count).map { index in
            TransportDesk.customerMail(
                from: "customer\(index)@outage.example", to: support, subject: "Outage case \(index)", body: "Message number \(index).")
        }
        try IMAPSession(endpoint: endpoint).append(mails, to: "INBOX")

        let desk = try TransportDesk(
            mailboxes: [.init(name: "support", user: support, url: "imaps://127.0.0.1:\(own.imapsPort!)/INBOX", caFile: own.caFile)],
            smtpURL: "smtp://127.0.0.1:1")
        let loaded = try ConfigLoader.load(path: desk.configPath)
        let storage = try TicketDaemon.openStorage(for: loaded.config)
        let pipeline = IntakePipeline(loaded: loaded, storage: storage, keyring: nil)
        var mailbox = loaded.config.mailboxes[0]
        mailbox.endpoint.connectTimeout = 5
        mailbox.endpoint.stallTimeout = 5
        let registry = PrometheusCollectorRegistry()
        let poller = MailboxPoller(
            mailbox: mailbox, pipeline: pipeline, logger: Logger(label: "test"), batchSize: 50,
            backoff: Backoff(base: 3, cap: 3, jitter: 1), metrics: DaemonMetrics(factory: DaemonMetrics.prometheusFactory(registry: registry)))
        let imapErrors = { MetricsTests.value("ticketd_transport_errors_total{protocol=\"imap\"}", in: String(decoding: registry.emitToBuffer(), as: UTF8.self)) }

        // The clock is read once per stored batch (50 messages, one transaction): stop the server
        // while the third batch is stored, before it is moved.
        let stored = Counter()
        let stopAt = 3
        let outage = #expect(throws: TransportError.self) {
            try poller.poll(now: {
                if stored.increment() == stopAt { try? own.stopIMAP() }
                return Date()
            })
        }
        #expect(stored.value >= stopAt)
        #expect(imapErrors() == 1)
        // In backoff (3 s): the next poll makes no connection attempt and throws the outage's error again.
        let again = #expect(throws: TransportError.self) { try poller.poll(now: { Date() }) }
        #expect(again == outage)
        #expect(imapErrors() == 1, "no new attempt while in backoff")

        try own.startIMAP()
        var summary: MailboxPoller.Summary?
        for _ in 0..<20 where summary == nil {
            Thread.sleep(forTimeInterval: 0.5)
            summary = try? poller.poll(now: { Date() })
        }
        let done = try #require(summary)
        #expect(done.stored + done.duplicates == done.fetched)

        let tickets = try desk.tickets()
        #expect(tickets.count == count)
        let outbox = try desk.outbox()
        #expect(outbox.count == count)
        #expect(Set(outbox.compactMap { $0["ticket"] as? Int }).count == count)
        let check = try IMAPSession(endpoint: endpoint)
        try check.select("INBOX")
        #expect(try check.uids(from: 1).isEmpty)
        try check.select("Processed")
        #expect(try check.uids(from: 1).count == count, "each message moved exactly once")
    }

    @Test("two mailboxes (one TLS, one STARTTLS) and a dead one: the live two are served in one run")
    func twoMailboxes() throws {
        let first = Self.user("first")
        let second = Self.user("second")
        try IMAPSession(endpoint: servers.imapsEndpoint(user: first)).append(
            TransportDesk.customerMail(from: Self.customer("a"), to: first, subject: "First desk", body: "One."), to: "INBOX")
        try IMAPSession(endpoint: servers.imapsEndpoint(user: second)).append(
            [TransportDesk.customerMail(from: Self.customer("b"), to: second, subject: "Second desk", body: "Two."),
             TransportDesk.customerMail(from: Self.customer("c"), to: second, subject: "Second desk again", body: "Three.")], to: "INBOX")
        let desk = try TransportDesk(
            mailboxes: [
                .init(name: "first", user: first, url: "imaps://127.0.0.1:\(servers.imapsPort!)/INBOX", caFile: servers.caFile),
                .init(name: "second", user: second, url: "imap://127.0.0.1:\(servers.imapPort)/INBOX", tls: "starttls", caFile: servers.caFile),
                .init(name: "dead", user: Self.user("dead"), url: "imaps://127.0.0.1:1/INBOX", caFile: servers.caFile),
            ],
            smtpURL: "smtp://127.0.0.1:\(MailServers.shared.smtpPort)")
        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 69, "the dead mailbox is reported: \(run.stderr)")
        #expect(run.stderr.contains("cannot reach imaps://127.0.0.1:1"))
        let tickets = try desk.tickets()
        #expect(tickets.count == 3)
        let queues = tickets.compactMap { $0["queue"] as? String }
        #expect(queues.filter { $0 == "first" }.count == 1, "\(tickets)")
        #expect(queues.filter { $0 == "second" }.count == 2)
    }

    // MARK: SMTP

    @Test("SMTP 451 then 250: the acknowledgement is deferred with the server's reply, then sent once")
    func smtpTemporaryThenSuccess() throws {
        let sink = try SMTPSink(mode: .temporaryOnce)
        let support = Self.user("defer")
        try IMAPSession(endpoint: servers.imapsEndpoint(user: support)).append(
            TransportDesk.customerMail(from: Self.customer("greylisted"), to: support, subject: "Please answer", body: "Hello?"), to: "INBOX")
        let desk = try TransportDesk(
            mailboxes: [.init(name: "support", user: support, url: "imaps://127.0.0.1:\(servers.imapsPort!)/INBOX", caFile: servers.caFile)],
            smtpURL: sink.url, extraSMTP: "envelope_sender = \"bounces@example.com\"")
        let first = try desk.ticketd(["run", "--once"])
        #expect(first.status == 75, "temporary failure: \(first.stderr)")
        let queued = try #require(try desk.outbox().first)
        #expect(queued["state"] as? String == "queued")
        #expect((queued["error"] as? String)?.contains("451 4.7.1 Greylisted") == true, "\(queued)")
        #expect(sink.received().isEmpty)

        let later = ISO8601DateFormatter().string(from: Date() + 3 * 3600)
        let second = try desk.ticketd(["run", "--once", "--now", later])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try desk.outbox().first?["state"] as? String == "sent")
        #expect(sink.received().count == 1)
        #expect(sink.commands().contains("MAIL FROM:<bounces@example.com>"), "\(sink.commands())")
        let third = try desk.ticketd(["run", "--once", "--now", later])
        #expect(third.status == 0)
        #expect(sink.received().count == 1, "sent exactly once")
    }

    @Test("SMTP 550 at RCPT: marked failed with the server's code and text, in outbox list and on the ticket")
    func smtpPermanentFailure() throws {
        let sink = try SMTPSink(mode: .rejectRecipient)
        let support = Self.user("reject")
        let customer = Self.customer("nobody")
        try IMAPSession(endpoint: servers.imapsEndpoint(user: support)).append(
            TransportDesk.customerMail(from: customer, to: support, subject: "Bouncing customer", body: "Hi."), to: "INBOX")
        let desk = try TransportDesk(
            mailboxes: [.init(name: "support", user: support, url: "imaps://127.0.0.1:\(servers.imapsPort!)/INBOX", caFile: servers.caFile)],
            smtpURL: sink.url)
        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        let row = try #require(try desk.outbox().first)
        #expect(row["state"] as? String == "failed")
        let error = row["error"] as? String ?? ""
        #expect(error.contains("550 5.1.1 <\(customer)>: Recipient address rejected: User unknown"), "\(error)")
        let text = try String(data: JSONSerialization.data(withJSONObject: desk.ticket(1)), encoding: .utf8) ?? ""
        #expect(text.contains("550 5.1.1"), "the failure is an event on the ticket")
        let list = try desk.ticketd(["outbox", "list"])
        #expect(list.stdout.contains("550 5.1.1"), "\(list.stdout)")
    }

    @Test("a burst of mail through Postfix uses one SMTP connection")
    func smtpConnectionReuse() throws {
        let recipient = Self.user("burst")
        do {
            let client = try SMTPClient(endpoint: MailServers.shared.smtpEndpoint)
            for index in 0..<3 {
                let mail = TransportDesk.customerMail(from: "desk@example.com", to: recipient, subject: "Burst \(index)", body: "Mail \(index).")
                try client.send(mail, from: "desk@example.com", to: [recipient])
            }
        }
        #expect(try MailServers.shared.messages(of: recipient, atLeast: 3).count == 3)
        // Postfix logs per connection: "disconnect from … ehlo=1 mail=3 rcpt=3 data=3 quit=1".
        let log = try String(contentsOfFile: MailServers.shared.directory + "/postfix.log", encoding: .utf8)
        #expect(log.contains("mail=3 rcpt=3 data=3"), "one connection carried all three")
    }

    @Test("XOAUTH2: a refused bearer token is refreshed by running the command again")
    func xoauth2Refresh() throws {
        let sink = try SMTPSink(mode: .xoauth2(acceptedToken: "token-2"))
        let counter = sink.directory + "/counter"
        let command = "n=$(cat \(counter) 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(counter); echo token-$n"
        var endpoint = MailServerEndpoint(
            url: URL(string: sink.url)!, user: "desk@example.com", tls: .none,
            authentication: .xoauth2(.command(command)))
        endpoint.connectTimeout = 5
        let client = try SMTPClient(endpoint: endpoint)
        let mail = TransportDesk.customerMail(from: "desk@example.com", to: "x@example.com", subject: "OAuth", body: "Token test.")
        try client.send(mail, from: "desk@example.com", to: ["x@example.com"])
        #expect(sink.received().count == 1)
        let tokens = sink.commands().filter { $0.hasPrefix("TOKEN ") }
        #expect(tokens == ["TOKEN token-1", "TOKEN token-2"], "\(sink.commands())")
    }
}

/// A thread-safe counter for clock hooks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() -> Int { lock.withLock { count += 1; return count } }
}
