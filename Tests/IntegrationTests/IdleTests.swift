import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension DaemonLifecycleTests {
    @Test("with a poll interval of an hour, Dovecot's IDLE starts the cycle: new mail is acknowledged; SIGTERM in IDLE exits 0")
    func idleWakesTheDaemon() throws {
        let desk = try TestDesk()
        let config = try String(contentsOfFile: desk.configPath, encoding: .utf8).replacingOccurrences(of: "poll_interval = \"2s\"", with: "poll_interval = \"1h\"")
        try config.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        let notify = try NotifySocket(directory: desk.directory)
        let (daemon, log) = try startDaemon(desk, environment: ["NOTIFY_SOCKET": notify.path])
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(notify.receive(until: "STATUS=last cycle", timeout: 30).contains { $0.contains("STATUS=last cycle") }, "the first cycle ran")

        for name in ["ida", "ivo"] {
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
