import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension DaemonLifecycleTests {
    @Test("with a poll interval of an hour, Dovecot's IDLE starts the cycle: new mail is acknowledged, a reload keeps the connection; SIGTERM in IDLE exits 0")
    func idleWakesTheDaemon() throws {
        let desk = try TestDesk()
        let config = try String(contentsOfFile: desk.configPath, encoding: .utf8).replacingOccurrences(of: "poll_interval = \"2s\"", with: "poll_interval = \"1h\"")
        try config.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        let notify = try NotifySocket(directory: desk.directory)
        let (daemon, log) = try startDaemon(desk, environment: ["NOTIFY_SOCKET": notify.path])
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(notify.receive(until: "STATUS=last cycle", timeout: 30).contains { $0.contains("STATUS=last cycle") }, "the first cycle ran")

        let logins = { (try? String(contentsOfFile: desk.servers.directory + "/dovecot.log", encoding: .utf8))?
            .components(separatedBy: "Login: user=<\(desk.support)>").count ?? 0 }
        for name in ["ida", "ivo"] {
            if name == "ivo" {
                // The reload ends the IDLE and a cycle runs at once: over the kept connection, without a new login.
                let before = logins()
                kill(daemon.processIdentifier, SIGHUP)
                #expect(notify.receive(until: "READY=1", timeout: 20).contains { $0.contains("RELOADING=1") })
                #expect(notify.receive(until: "STATUS=last cycle", timeout: 20).contains { $0.contains("STATUS=last cycle") })
                #expect(logins() == before, "the reload kept the IMAP connection of the unchanged mailbox")
            }
            let customer = desk.customer(name)
            try desk.send(from: customer, subject: "Woken by IDLE", body: "Hello, is anyone there?")
            let acknowledged = try waitFor({ try desk.servers.messages(of: customer).count == 1 }, timeout: 30)
            let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(acknowledged, "only IDLE can start a cycle before the hour is up: \(logged)")
        }
        #expect(try desk.tickets().count == 2)

        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0, "a stop in IDLE ends it with DONE and exits cleanly")
        #expect(!(try String(contentsOfFile: log, encoding: .utf8)).contains("IDLE refused"), "Dovecot offers IDLE")
    }
}
