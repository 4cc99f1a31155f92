import Foundation
import Testing

/// A small tmpfs as state_dir, filled up: mounting needs root (CAP_SYS_ADMIN) on Linux.
struct SmallTmpfs {
    let path: String

    /// Whether this machine lets the tests mount a tmpfs (tried once).
    static let isPossible: Bool = {
        guard let probe = try? SmallTmpfs(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    init(megabytes: Int) throws {
        path = NSTemporaryDirectory() + "ticketd-tmpfs-\(UInt64.random(in: 0..<UInt64.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = try Harness.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path])
        guard mount.status == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw HarnessError("mount tmpfs: \(mount.stderr)")
        }
    }

    /// Writes a file until the file system is full, or until only `leaving` bytes are free.
    func fill(leaving: Int64 = 0) throws {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { throw HarnessError("statvfs \(path)") }
        let blocks = max(0, (Int64(stats.f_bavail) * Int64(stats.f_frsize) - leaving) / 4096)
        _ = try Harness.run("/bin/dd", ["if=/dev/zero", "of=\(path)/filler-\(UInt64.random(in: 0..<UInt64.max))", "bs=4k", "count=\(leaving == 0 ? blocks + 1 : blocks)"])
    }

    func free() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where name.hasPrefix("filler-") {
            unlink(path + "/" + name)
        }
    }

    func unmount() {
        _ = try? Harness.run("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("Disk full (tmpfs state_dir)", .serialized, .timeLimit(.minutes(2)))
struct DiskFullTests {
    @Test(
        "a full disk is a local failure: exit 75 naming the path and free space, logged once, mail kept on the server; fetched once there is room",
        .enabled(if: SmallTmpfs.isPossible, "skipped: this machine does not allow mounting a tmpfs (needs root / CAP_SYS_ADMIN on Linux)"))
    func diskFull() throws {
        let tmpfs = try SmallTmpfs(megabytes: 8)
        defer { tmpfs.unmount() }
        // Bigger than the room left, so the spool write is what fails.
        let body = String(repeating: "A line of a long report about the printer on the third floor.\r\n", count: 24_000)
        let mail = TransportDesk.customerMail(from: "full-\(UInt64.random(in: 0..<UInt64.max))@acme.example", to: "support@example.com", subject: "Disk", body: body)
        let imap = try ScriptedIMAPServer(messages: [mail])
        let smtp = try SMTPSink(mode: .accept)
        let desk = try TransportDesk(mailboxes: [.init(name: "support", user: "support@example.com", url: imap.url, tls: "none")], smtpURL: smtp.url)
        let text = try String(contentsOfFile: desk.configPath, encoding: .utf8).replacingOccurrences(of: "state_dir = \"state\"", with: "state_dir = \"\(tmpfs.path)\"")
        try text.write(toFile: desk.configPath, atomically: true, encoding: .utf8)
        #expect(try desk.ticketd(["status"]).status == 0, "the database exists before the disk fills")
        try tmpfs.fill(leaving: 512 * 1024)

        let full = try desk.ticketd(["run", "--once"])
        #expect(full.status == 75, "\(full.stderr)")
        #expect(full.stderr.contains(tmpfs.path) && full.stderr.contains("free"), "names the local path and the free space: \(full.stderr)")
        #expect(!full.stderr.contains("broke the protocol") && !full.stderr.contains("mailbox server down"), "\(full.stderr)")
        #expect(full.stderr.components(separatedBy: "cannot store mail locally").count == 2, "logged once: \(full.stderr)")
        #expect(imap.inbox() == [1], "the mail stays on the server")
        #expect(!imap.commands().contains { $0.contains("MOVE") })

        try tmpfs.fill()
        let brimful = try desk.ticketd(["run", "--once"])
        #expect(brimful.status == 75, "\(brimful.stderr)")
        #expect(brimful.stderr.contains(tmpfs.path) && brimful.stderr.contains("free there"), "\(brimful.stderr)")
        #expect(imap.inbox() == [1])

        tmpfs.free()
        let roomy = try desk.ticketd(["run", "--once"])
        #expect(roomy.status == 0, "\(roomy.stderr)")
        #expect(try desk.tickets().count == 1)
        #expect(imap.inbox().isEmpty)
    }
}
