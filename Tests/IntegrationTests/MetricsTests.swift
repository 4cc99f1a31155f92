import Foundation
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ticketd run` with `[metrics] listen`, scraped over HTTP while it works on real mail.
@Suite("Prometheus metrics of the running daemon", .serialized, .timeLimit(.minutes(3)))
struct MetricsTests {
    /// A loopback port nobody listens on right now (the kernel's pick, released again).
    static func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw HarnessError("cannot find a free port: \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// The value of the sample `series` (name with its labels, as exposed), nil when absent.
    static func value(_ series: String, in exposition: String) -> Double? {
        exposition.split(separator: "\n").lazy
            .first { $0.hasPrefix(series + " ") }
            .flatMap { Double($0.dropFirst(series.count + 1)) }
    }

    @Test("two customer mails: fetched, ticketed and acknowledged as /metrics shows; other paths 404")
    func countersFollowTheMail() throws {
        let port = try Self.freePort()
        let desk = try TestDesk(extraSections: "[metrics]\nlisten = \"127.0.0.1:\(port)\"")
        try desk.send(from: desk.customer("ida"), subject: "VPN drops", body: "The VPN drops every ten minutes.")
        try desk.send(from: desk.customer("jan", domain: "globex.example"), subject: "Password reset", body: "The reset link has expired.")

        let log = desk.directory + "/daemon.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: Harness.ticketdPath)
        daemon.arguments = ["run", "--config", desk.configPath]
        daemon.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        daemon.standardOutput = FileHandle.nullDevice
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }

        var exposition = ""
        let deadline = Date() + 60
        repeat {
            Thread.sleep(forTimeInterval: 0.5)
            exposition = LoopbackClient.get("/metrics", port: port) ?? ""
        // The acknowledgements may go out before the poll that fetched their mail has ended (the
        // outbox does not wait for the mailboxes), so the poll's duration is waited for too.
        } while Date() < deadline && daemon.isRunning
            && !(Self.value("ticketd_mail_sent_total{kind=\"ack\"}", in: exposition) == 2
                && Self.value("ticketd_outbox_depth", in: exposition) == 0
                && (Self.value("ticketd_cycle_duration_seconds_count", in: exposition) ?? 0) > 0)
        let daemonLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""

        #expect(exposition.hasPrefix("HTTP/1.1 200 OK\r\n"), "no scrape answered; daemon log:\n\(daemonLog)")
        #expect(exposition.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"))
        #expect((Self.value("ticketd_messages_fetched_total{mailbox=\"support\"}", in: exposition) ?? 0) >= 2, "\(exposition)")
        #expect(Self.value("ticketd_messages_ticketed_total", in: exposition) == 2, "\(exposition)")
        #expect(Self.value("ticketd_tickets_opened_total", in: exposition) == 2, "\(exposition)")
        #expect(Self.value("ticketd_mail_sent_total{kind=\"ack\"}", in: exposition) == 2, "\(exposition)")
        #expect(Self.value("ticketd_outbox_depth", in: exposition) == 0, "\(exposition)")
        #expect((Self.value("ticketd_cycle_duration_seconds_count", in: exposition) ?? 0) > 0, "\(exposition)")
        #expect(!exposition.contains("ticketd_transport_errors_total"), "no server failed: \(exposition)")
        #expect(try desk.tickets().count == 2)

        #expect(LoopbackClient.get("/", port: port)?.hasPrefix("HTTP/1.1 404 Not Found\r\n") == true)

        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0, "daemon log:\n\(daemonLog)")
        #expect(LoopbackClient.get("/metrics", port: port) == nil, "the endpoint stops with the daemon")
    }

    @Test("a non-loopback listen address is refused with its file and line")
    func publicAddressIsRefused() throws {
        let desk = try TestDesk(extraSections: "[metrics]\nlisten = \"0.0.0.0:9469\"")
        let check = try desk.ticketd(["config", "check"])
        #expect(check.status == 78)
        let lines = try String(contentsOfFile: desk.configPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasPrefix("listen") }) + 1
        #expect(check.stderr.contains("\(desk.configPath):\(line):"), "\(check.stderr)")
        #expect(check.stderr.contains("loopback only"), "\(check.stderr)")
    }
}
