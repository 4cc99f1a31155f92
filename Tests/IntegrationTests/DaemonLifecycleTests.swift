import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ticketd run` as systemd runs it: notify socket, SIGHUP reload, SIGTERM, one daemon per state.
@Suite("Daemon lifecycle", .serialized, .timeLimit(.minutes(3)))
struct DaemonLifecycleTests {
    /// A datagram socket standing in for systemd's `$NOTIFY_SOCKET`.
    final class NotifySocket {
        let path: String
        let descriptor: Int32

        init(directory: String) throws {
            path = directory + "/notify.sock"
            descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard result == 0 else { throw HarnessError("cannot bind \(path)") }
        }

        deinit { close(descriptor) }

        /// Messages received within `timeout` seconds, until one contains `until`.
        func receive(until marker: String, timeout: TimeInterval) -> [String] {
            var messages: [String] = []
            let deadline = Date() + timeout
            while Date() < deadline {
                var descriptorSet = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&descriptorSet, 1, 200) > 0 else { continue }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(descriptor, &buffer, buffer.count, 0)
                guard count > 0 else { continue }
                let message = String(decoding: buffer[0..<count], as: UTF8.self)
                messages.append(message)
                if message.contains(marker) { break }
            }
            return messages
        }
    }

    /// Starts `ticketd run` in the background with its stderr in a file.
    func startDaemon(_ desk: TestDesk, environment: [String: String]) throws -> (Process, String) {
        let log = desk.directory + "/daemon-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.ticketdPath)
        process.arguments = ["run", "--config", desk.configPath]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, log)
    }

    func waitFor(_ condition: () throws -> Bool, timeout: TimeInterval = 20) rethrows -> Bool {
        let deadline = Date() + timeout
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return false
    }

    @Test("READY=1 on start, RELOADING on SIGHUP; a bad config is rejected and the old one keeps working; SIGTERM exits 0")
    func reloadAndStop() throws {
        let desk = try TestDesk()
        let notify = try NotifySocket(directory: desk.directory)
        let (daemon, log) = try startDaemon(desk, environment: ["NOTIFY_SOCKET": notify.path])
        defer { if daemon.isRunning { daemon.terminate() } }
        #expect(notify.receive(until: "READY=1", timeout: 20).contains { $0.contains("READY=1") })

        // A good reload: the new team name shows in the next acknowledgement.
        let good = try String(contentsOfFile: desk.configPath, encoding: .utf8).replacingOccurrences(of: "poll_interval = \"2s\"", with: "poll_interval = \"1s\"\nteam_name = \"Reloaded Desk\"")
        try good.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        let afterGood = notify.receive(until: "READY=1", timeout: 20)
        #expect(afterGood.contains { $0.contains("RELOADING=1") })

        // A bad reload: rejected with the error in the log, the running config stays.
        try (good + "\n[daemon\n").write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        _ = notify.receive(until: "READY=1", timeout: 20)
        #expect(try waitFor { try String(contentsOfFile: log, encoding: .utf8).contains("reload rejected") })
        // A cycle that began before the reloads finishes with the config it began with; the second
        // cycle reported from now on began after them. (On a loaded machine the first one can be
        // late enough to fetch the mail below.)
        for _ in 0..<2 {
            #expect(notify.receive(until: "STATUS=last cycle", timeout: 30).contains { $0.contains("STATUS=last cycle") })
        }

        let customer = desk.customer("hugo")
        try desk.send(from: customer, subject: "Still there?", body: "Hello, please answer.")
        let acknowledged = try waitFor { try desk.servers.messages(of: customer).count == 1 }
        #expect(acknowledged, "the daemon still works after the rejected reload")
        if acknowledged {
            let ack = String(decoding: try desk.servers.messages(of: customer)[0].bytes, as: UTF8.self)
            #expect(ack.contains("Reloaded Desk"), "the good reload took effect")
        }

        daemon.terminate()
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
        #expect(daemon.terminationReason == .exit)
    }

    @Test("a second daemon on the same state is refused with a clear message")
    func secondDaemonIsRefused() throws {
        let desk = try TestDesk()
        let (first, log) = try startDaemon(desk, environment: [:])
        defer { if first.isRunning { first.terminate() } }
        #expect(try waitFor { try String(contentsOfFile: log, encoding: .utf8).contains("ticketd running") })
        let second = try desk.ticketd(["run", "--once"])
        #expect(second.status == 75)
        #expect(second.stderr.contains("another ticketd"), "\(second.stderr)")
        first.terminate()
        first.waitUntilExit()
        #expect(try desk.ticketd(["run", "--once"]).status == 0, "the lock goes with the process")
    }
}
