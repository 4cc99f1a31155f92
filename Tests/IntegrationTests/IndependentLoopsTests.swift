import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A server that takes connections and never says a word (Python stdlib asyncio): an IMAP
/// server hung before its greeting. It notes each connection when it opens and when it closes.
final class SilentServer {
    private let process: PythonServerProcess
    var port: Int { process.port }

    init() throws {
        let directory = NSTemporaryDirectory() + "ticketd-silent-\(UInt64.random(in: 0..<UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        process = try PythonServerProcess(source: Self.script, name: "silent.py", directory: directory, label: "silent server")
    }

    /// "opened" and "closed", one line per connection event, in order.
    func events() -> [String] {
        ((try? String(contentsOfFile: process.directory + "/events", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    static let script = #"""
        import asyncio, os, sys

        directory = sys.argv[1]

        def note(event):
            with open(os.path.join(directory, "events"), "a") as f:
                f.write(event + "\n")

        async def handle(reader, writer):
            note("opened")
            await reader.read()
            note("closed")
            writer.close()

        async def main():
            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            print(server.sockets[0].getsockname()[1], flush=True)
            async with server:
                await server.serve_forever()

        asyncio.run(main())
        """#
}

extension DaemonLifecycleTests {
    @Test("each mailbox is a loop of its own: while one server hangs before its greeting, mail to another mailbox is acknowledged, a mailbox added by a reload is served; SIGTERM exits 0")
    func hungMailboxHoldsUpNoOther() throws {
        let silent = try SilentServer()
        let desk = try TestDesk(extraSections: """
            [[mailbox]]
            name = "stalled"
            url = "imap://127.0.0.1:\(silent.port)/INBOX"
            tls = "none"
            user = "stalled@example.com"
            password_file = "support.pass"
            address = "stalled@example.com"
            connect_timeout = "10m"
            stall_timeout = "10m"
            """)
        // Only the first poll and IDLE can fetch mail within the hour.
        let config = try String(contentsOfFile: desk.configPath, encoding: .utf8).replacingOccurrences(of: "poll_interval = \"2s\"", with: "poll_interval = \"1h\"")
        try config.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        let notify = try NotifySocket(directory: desk.directory)
        let (daemon, log) = try startDaemon(desk, environment: ["NOTIFY_SOCKET": notify.path])
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(notify.receive(until: "READY=1", timeout: 20).contains { $0.contains("READY=1") })
        #expect(waitFor { silent.events().contains("opened") }, "the stalled mailbox's poll reached its server")

        let customer = desk.customer("hana")
        try desk.send(from: customer, subject: "Served alone", body: "Hello, is my order on its way?")
        let acknowledged = try waitFor({ try desk.servers.messages(of: customer).count == 1 }, timeout: 60)
        #expect(acknowledged, "the healthy mailbox's mail was acknowledged: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        #expect(silent.events() == ["opened"], "the acknowledgement went out while the stalled poll still waited for its greeting")
        let status = try JSONSerialization.jsonObject(with: Data(try desk.ticketd(["status", "--json"]).stdout.utf8)) as? [String: Any]
        let mailboxes = (status?["last_cycle"] as? [String: Any])?["mailboxes"] as? [[String: Any]] ?? []
        #expect(mailboxes.first { $0["name"] as? String == "support" }?["state"] as? String == "up", "\(mailboxes)")

        // A mailbox added by a reload gets a loop of its own; the unchanged one keeps its connection.
        let logins = { (try? String(contentsOfFile: desk.servers.directory + "/dovecot.log", encoding: .utf8))?
            .components(separatedBy: "Login: user=<\(desk.support)>").count ?? 0 }
        let before = logins()
        let sales = "sales-\(desk.id)@example.com"
        try """

            [[mailbox]]
            name = "sales"
            url = "imap://127.0.0.1:\(desk.servers.imapPort)/INBOX"
            tls = "none"
            user = "\(sales)"
            password_file = "support.pass"
            address = "\(sales)"
            """.appendLine(toFile: desk.configPath)
        kill(daemon.processIdentifier, SIGHUP)
        #expect(notify.receive(until: "READY=1", timeout: 20).contains { $0.contains("RELOADING=1") })
        let buyer = desk.customer("bela")
        try desk.servers.deliver(
            "From: \(buyer)\r\nTo: \(sales)\r\nSubject: A quote please\r\nMessage-ID: <\(UUID().uuidString)@acme.example>\r\n\r\nHow much for ten?\r\n",
            from: buyer, to: [sales])
        #expect(try waitFor({ try desk.servers.messages(of: buyer).count == 1 }, timeout: 60), "the added mailbox is served")
        #expect(logins() == before, "the reload kept the IMAP connection of the unchanged mailbox")
        #expect(silent.events() == ["opened"], "the stalled poll still waits")

        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0, "a stop during a hung poll breaks it off and exits cleanly")
    }
}
