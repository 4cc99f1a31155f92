import Foundation

/// A scripted IMAP server on loopback (Python stdlib asyncio, plaintext) for answers Dovecot will
/// not give on demand: a FETCH response without a usable body, a UID left out, a tagged `NO`, a
/// `* BYE` in the middle of a FETCH, or an IDLE that goes wrong. It holds an INBOX of messages
/// (UIDVALIDITY 7) that live as long as the server, so several `ticketd run --once` see the same mailbox.
final class ScriptedIMAPServer {
    /// How the first `IDLE` goes; later ones wait for `DONE` as RFC 2177 says. With any of them the
    /// server announces IDLE, and the first IDLE puts the late messages into the INBOX.
    enum Idle: String {
        /// `+ idling`, then `* N EXISTS` for the late messages.
        case normal
        /// `+ idling`, then unsolicited `* 2 EXPUNGE` and `* 1 FETCH (FLAGS (\Seen))` (another
        /// client at work) before `* N EXISTS`; flag updates also arrive untagged inside later
        /// SEARCH answers.
        case unsolicited
        /// A tagged `BAD Unknown command` instead of the continuation.
        case bad
        /// `+ idling`, then the connection is closed without a word.
        case drop
        /// `+ idling`, then `* BYE` and the connection is closed.
        case bye
    }

    /// How the answer to `UID FETCH` goes wrong for one UID, for its first `times` fetches.
    enum Fault: String {
        /// `* n FETCH (UID u BODY[] NIL)`: a body named but not given.
        case garbled
        /// No response for the UID at all.
        case omit
        /// No response for the UID, and the command ends `NO Some messages could not be FETCHed`.
        case no
        /// `* BYE …` instead of the message, then the connection is closed.
        case bye
    }

    private let process: PythonServerProcess
    var port: Int { process.port }
    var directory: String { process.directory }

    /// - Parameters:
    ///   - messages: the INBOX, UIDs 1, 2, … in order.
    ///   - faults: UID → (fault, how many fetches of it fail).
    ///   - idle: whether the server offers IDLE, and how its first IDLE goes.
    ///   - late: messages that arrive during the first IDLE (UIDs after those of `messages`).
    init(messages: [[UInt8]], faults: [UInt32: (Fault, Int)] = [:], idle: Idle? = nil, late: [[UInt8]] = []) throws {
        let directory = NSTemporaryDirectory() + "ticketd-imap-\(UInt64.random(in: 0..<UInt64.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let plan: [String: Any] = [
            "messages": Dictionary(uniqueKeysWithValues: messages.enumerated().map { ("\($0.offset + 1)", String(decoding: $0.element, as: UTF8.self)) }),
            "faults": Dictionary(uniqueKeysWithValues: faults.map { ("\($0.key)", ["kind": $0.value.0.rawValue, "times": $0.value.1] as [String: Any]) }),
            "idle": idle?.rawValue ?? "",
            "late": late.map { String(decoding: $0, as: UTF8.self) },
        ]
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: directory + "/plan.json"))
        process = try PythonServerProcess(source: Self.script, name: "imap.py", directory: directory, label: "scripted IMAP server")
    }

    var url: String { "imap://127.0.0.1:\(port)/INBOX" }

    /// Every command line it was sent, in order.
    func commands() -> [String] {
        ((try? String(contentsOfFile: directory + "/commands.log", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The UIDs still in the INBOX (not moved).
    func inbox() -> [UInt32] {
        ((try? String(contentsOfFile: directory + "/inbox", encoding: .utf8)) ?? "").split(separator: " ").compactMap { UInt32($0) }
    }

    static let script = #"""
        import asyncio, json, os, sys

        directory = sys.argv[1]
        plan = json.load(open(os.path.join(directory, "plan.json")))
        inbox = {int(uid): text.encode() for uid, text in plan["messages"].items()}
        faults = {int(uid): dict(fault) for uid, fault in plan["faults"].items()}
        idle_mode = plan["idle"]
        late = [text.encode() for text in plan["late"]]
        idles = 0
        folders = {"INBOX"}
        next_uid = max(inbox) + 1 if inbox else 1
        capabilities = "IMAP4rev1 MOVE UIDPLUS" + (" IDLE" if idle_mode else "")

        def log(line):
            with open(os.path.join(directory, "commands.log"), "a") as f:
                f.write(line + "\n")

        def save_inbox():
            with open(os.path.join(directory, "inbox"), "w") as f:
                f.write(" ".join(str(uid) for uid in sorted(inbox)))

        def uid_set(text):
            top = max(inbox) if inbox else 0
            chosen = set()
            for part in text.split(","):
                first, _, last = part.partition(":")
                low = top if first == "*" else int(first)
                high = low if not last else (top if last == "*" else int(last))
                low, high = min(low, high), max(low, high)
                chosen.update(uid for uid in inbox if low <= uid <= high)
            return sorted(chosen)

        def arrive():
            global next_uid
            for body in late:
                inbox[next_uid] = body
                next_uid += 1
            late.clear()
            save_inbox()

        async def handle(reader, writer):
            global idles
            def send(text):
                writer.write(text.encode() if isinstance(text, str) else text)
            send("* OK [CAPABILITY %s] scripted server ready\r\n" % capabilities)
            while True:
                raw = await reader.readline()
                if not raw:
                    break
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                log(line)
                words = line.split(" ")
                tag, verb = words[0], (words[1].upper() if len(words) > 1 else "")
                closing = False
                if verb == "CAPABILITY":
                    send("* CAPABILITY %s\r\n" % capabilities)
                    send(tag + " OK done\r\n")
                elif verb == "IDLE" and idle_mode:
                    idles += 1
                    mode = idle_mode if idles == 1 else "normal"
                    if idles == 1:
                        arrive()
                    if mode == "bad":
                        send(tag + " BAD Unknown command\r\n")
                    else:
                        send("+ idling\r\n")
                        if mode == "drop":
                            await writer.drain()
                            break
                        if mode == "bye":
                            send("* BYE Server shutting down.\r\n")
                            await writer.drain()
                            break
                        if mode == "unsolicited":
                            send("* 2 EXPUNGE\r\n* 1 FETCH (FLAGS (\\Seen))\r\n")
                        if idles == 1:
                            send("* %d EXISTS\r\n" % len(inbox))
                        await writer.drain()
                        done = await reader.readline()
                        log(done.decode("utf-8", "replace").rstrip("\r\n"))
                        if not done:
                            break
                        send(tag + " OK Idle completed\r\n")
                elif verb in ("LOGIN", "NOOP"):
                    send(tag + " OK done\r\n")
                elif verb == "SELECT":
                    send("* %d EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT %d] ok\r\n" % (len(inbox), next_uid))
                    send(tag + " OK [READ-WRITE] selected\r\n")
                elif verb == "LIST":
                    name = line.split(" ", 3)[3].strip('"')
                    if name in folders:
                        send('* LIST () "/" "%s"\r\n' % name)
                    send(tag + " OK done\r\n")
                elif verb == "CREATE":
                    folders.add(line.split(" ", 2)[2].strip('"'))
                    send(tag + " OK done\r\n")
                elif verb == "LOGOUT":
                    send("* BYE logging out\r\n" + tag + " OK done\r\n")
                    closing = True
                elif verb == "UID" and len(words) > 3:
                    sub = words[2].upper()
                    if sub == "SEARCH":
                        if idle_mode == "unsolicited" and inbox:
                            send("* 1 FETCH (FLAGS (\\Seen))\r\n")
                        send("* SEARCH %s\r\n" % " ".join(str(uid) for uid in uid_set(words[4])))
                        send(tag + " OK done\r\n")
                    elif sub == "FETCH":
                        order = sorted(inbox)
                        refused = False
                        for uid in uid_set(words[3]):
                            number = order.index(uid) + 1
                            fault = faults.get(uid)
                            if fault and fault["times"] > 0:
                                fault["times"] -= 1
                                if fault["kind"] == "garbled":
                                    send("* %d FETCH (UID %d BODY[] NIL)\r\n" % (number, uid))
                                elif fault["kind"] == "no":
                                    refused = True
                                elif fault["kind"] == "bye":
                                    send("* BYE Internal error occurred. Refer to server log for more information.\r\n")
                                    closing = True
                                    break
                                continue
                            body = inbox[uid]
                            send(('* %d FETCH (UID %d INTERNALDATE "01-Dec-2026 10:00:00 +0000" BODY[] {%d}\r\n' % (number, uid, len(body))).encode() + body + b")\r\n")
                        if not closing:
                            send(tag + (" NO Some messages could not be FETCHed (Failure)\r\n" if refused else " OK done\r\n"))
                    elif sub in ("MOVE", "COPY"):
                        for uid in uid_set(words[3]):
                            if sub == "MOVE":
                                del inbox[uid]
                        save_inbox()
                        send(tag + " OK done\r\n")
                    else:
                        send(tag + " BAD unsupported\r\n")
                else:
                    send(tag + " BAD unsupported\r\n")
                await writer.drain()
                if closing:
                    break
            writer.close()

        async def main():
            save_inbox()
            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            print(server.sockets[0].getsockname()[1], flush=True)
            async with server:
                await server.serve_forever()

        asyncio.run(main())
        """#
}
