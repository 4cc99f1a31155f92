import Foundation
import MailTransport

/// A desk for the transport tests: any number of mailboxes (TLS or not, on any servers) and any
/// SMTP URL, in its own state directory.
struct TransportDesk {
    struct Mailbox {
        var name: String
        var user: String
        var url: String
        var tls: String = "required"
        var caFile: String?
        var password: String = "ticketd-test"
        var extra: String = ""
    }

    let id = String(UInt64.random(in: 0..<UInt64.max), radix: 36)
    let directory: String
    let configPath: String

    init(mailboxes: [Mailbox], smtpURL: String, smtpTLS: String = "none", extraSMTP: String = "") throws {
        directory = NSTemporaryDirectory() + "ticketd-transport-\(id)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        configPath = directory + "/ticketd.toml"
        var text = """
            [daemon]
            state_dir = "state"
            timezone = "Europe/Budapest"
            poll_interval = "2s"

            """
        for mailbox in mailboxes {
            try mailbox.password.write(toFile: "\(directory)/\(mailbox.name).pass", atomically: true, encoding: .utf8)
            text += """

                [[mailbox]]
                name = "\(mailbox.name)"
                url = "\(mailbox.url)"
                tls = "\(mailbox.tls)"
                user = "\(mailbox.user)"
                password_file = "\(mailbox.name).pass"
                address = "\(mailbox.user)"
                \(mailbox.caFile.map { "ca_file = \"\($0)\"" } ?? "")
                \(mailbox.extra)

                """
        }
        text += """

            [smtp]
            url = "\(smtpURL)"
            tls = "\(smtpTLS)"
            \(extraSMTP)
            """
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    func ticketd(_ arguments: [String], stdin: [UInt8]? = nil) throws -> Harness.Output {
        try Harness.ticketd(arguments + ["--config", configPath], stdin: stdin)
    }

    func json(_ arguments: [String]) throws -> Any {
        let output = try ticketd(arguments + ["--json"])
        guard output.status == 0 else { throw HarnessError("\(arguments) failed: \(output.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    }

    func tickets() throws -> [[String: Any]] { try json(["tickets", "list"]) as? [[String: Any]] ?? [] }
    func outbox() throws -> [[String: Any]] { try json(["outbox", "list"]) as? [[String: Any]] ?? [] }
    func ticket(_ number: Int) throws -> [String: Any] { try json(["tickets", "show", "\(number)"]) as? [String: Any] ?? [:] }

    /// A plain customer mail with a unique Message-ID.
    static func customerMail(from: String, to: String, subject: String, body: String, messageID: String? = nil) -> [UInt8] {
        let id = messageID ?? "<\(UUID().uuidString)@\(from.split(separator: "@").last ?? "x")>"
        let text = [
            "From: \(from)", "To: \(to)", "Subject: \(subject)", "Message-ID: \(id)", "Date: \(TestDesk.rfc5322Date())",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "", body, "",
        ].joined(separator: "\r\n")
        return Array(text.utf8)
    }
}

/// A scripted SMTP server on loopback (Python stdlib asyncio) for replies Postfix will not give
/// on demand: `451` once then `250`, `550` at RCPT, or XOAUTH2 accepting only one token.
/// Every accepted message is written to `directory/N.eml`.
final class SMTPSink {
    enum Mode {
        case accept
        case temporaryOnce
        case rejectRecipient
        case xoauth2(acceptedToken: String)
        /// Takes the message, then never answers the final dot.
        case hangAfterData
        /// Answers each final dot after `seconds`.
        case slow(seconds: Double)

        var argument: String {
            switch self {
            case .accept: "accept"
            case .temporaryOnce: "4xx-once"
            case .rejectRecipient: "5xx"
            case let .xoauth2(token): "xoauth2:\(token)"
            case .hangAfterData: "hang-after-data"
            case let .slow(seconds): "slow:\(seconds)"
            }
        }
    }

    private let process: PythonServerProcess
    var port: Int { process.port }
    var directory: String { process.directory }

    init(mode: Mode) throws {
        let directory = NSTemporaryDirectory() + "ticketd-sink-\(UInt64.random(in: 0..<UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        process = try PythonServerProcess(source: Self.script, name: "sink.py", arguments: [mode.argument], directory: directory, label: "SMTP sink")
    }

    var url: String { "smtp://127.0.0.1:\(port)" }

    /// The messages it accepted, oldest first.
    func received() -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".eml") }
        return names.sorted { Int($0.dropLast(4))! < Int($1.dropLast(4))! }.compactMap {
            try? String(contentsOfFile: "\(directory)/\($0)", encoding: .utf8)
        }
    }

    /// Every command line it was sent, in order.
    func commands() -> [String] {
        ((try? String(contentsOfFile: directory + "/commands.log", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    static let script = #"""
        import asyncio, base64, os, sys

        mode, directory = sys.argv[1], sys.argv[2]
        state = {"data": 0, "count": 0}

        def log(line):
            with open(os.path.join(directory, "commands.log"), "a") as f:
                f.write(line + "\n")

        async def handle(reader, writer):
            def send(line):
                writer.write((line + "\r\n").encode())
            send("220 sink.test ESMTP ticketd test sink")
            in_data, chunks, authed = False, [], not mode.startswith("xoauth2:")
            while True:
                raw = await reader.readline()
                if not raw:
                    break
                if in_data:
                    if raw in (b".\r\n", b".\n"):
                        in_data = False
                        state["data"] += 1
                        log("<end of data>")
                        if mode == "hang-after-data":
                            await asyncio.sleep(3600)
                        if mode.startswith("slow:"):
                            await asyncio.sleep(float(mode.split(":", 1)[1]))
                        if mode == "4xx-once" and state["data"] == 1:
                            send("451 4.7.1 Greylisted, please try again later")
                        else:
                            path = os.path.join(directory, "%d.eml" % state["count"])
                            state["count"] += 1
                            with open(path, "wb") as f:
                                f.write(b"".join(chunks))
                            send("250 2.0.0 Ok: queued as SINK%d" % state["count"])
                        chunks = []
                    else:
                        chunks.append(raw[1:] if raw.startswith(b"..") else raw)
                    await writer.drain()
                    continue
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                log(line)
                verb = line.split(" ")[0].upper()
                if verb in ("EHLO", "HELO"):
                    send("250-sink.test")
                    if mode.startswith("xoauth2:"):
                        send("250-AUTH XOAUTH2")
                    send("250 8BITMIME")
                elif verb == "AUTH":
                    parts = line.split(" ")
                    payload = parts[2] if len(parts) > 2 else ""
                    if not payload:
                        send("334 ")
                        await writer.drain()
                        payload = (await reader.readline()).decode().strip()
                    decoded = base64.b64decode(payload).decode("utf-8", "replace")
                    token = decoded.split("auth=Bearer ")[-1].split("\x01")[0]
                    log("TOKEN " + token)
                    if token == mode.split(":", 1)[1]:
                        authed = True
                        send("235 2.7.0 Authentication successful")
                    else:
                        send("535 5.7.8 Username and Password not accepted")
                elif verb == "MAIL":
                    send("250 2.1.0 Ok" if authed else "530 5.7.0 Authentication required")
                elif verb == "RCPT":
                    if mode == "5xx":
                        address = line.split(":", 1)[1].strip()
                        send("550 5.1.1 %s: Recipient address rejected: User unknown in local recipient table" % address)
                    else:
                        send("250 2.1.5 Ok")
                elif verb == "DATA":
                    send("354 End data with <CR><LF>.<CR><LF>")
                    in_data = True
                elif verb in ("RSET", "NOOP"):
                    send("250 2.0.0 Ok")
                elif verb == "QUIT":
                    send("221 2.0.0 Bye")
                    await writer.drain()
                    break
                else:
                    send("502 5.5.2 Error: command not recognized")
                await writer.drain()
            writer.close()

        async def main():
            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            print(server.sockets[0].getsockname()[1], flush=True)
            async with server:
                await server.serve_forever()

        asyncio.run(main())
        """#
}
