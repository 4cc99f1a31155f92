internal import CCurl
import Foundation

/// The state of a selected mailbox, as the server reported it.
public struct IMAPMailboxStatus: Sendable, Equatable {
    /// Changes when the server renumbered the mailbox; UIDs of another validity mean nothing.
    public var uidValidity: UInt32
    /// The UID the next arriving message will get, if the server said.
    public var uidNext: UInt32?
    /// How many messages the mailbox holds.
    public var exists: Int

    public init(uidValidity: UInt32, uidNext: UInt32?, exists: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.exists = exists
    }
}

/// A logged-in IMAP connection. Its methods block: use it on a dedicated thread only.
///
/// libcurl connects, negotiates TLS (implicit or STARTTLS) and authenticates
/// (`CURLOPT_CONNECT_ONLY`); the commands after login go over that same connection through
/// `curl_easy_send`/`curl_easy_recv`, so that ticketd can use `UID FETCH … BODY.PEEK[]` in
/// batches and `UID MOVE`, which curl's URL interface does not offer.
///
/// A session is meant to be kept and reused across polls. Once any command failed midway
/// (`isUsable` false) it must be dropped: the stream may hold the rest of an answer.
public final class IMAPSession {
    public let endpoint: MailServerEndpoint
    let handle: CurlHandle
    var framer = IMAPResponseFramer()
    private var nextTag = 1
    private var capabilities: Set<String> = []
    private var ensuredFolders: Set<String> = []
    let server: String
    var receiveBuffer = [UInt8](repeating: 0, count: 256 * 1024)
    /// False after a failure that may have left the connection mid-response.
    public internal(set) var isUsable = true
    /// The mailbox selected last, if any.
    public private(set) var selectedMailbox: String?

    /// Connects and logs in. With XOAUTH2 a refused token is refreshed and tried once more.
    ///
    /// - Parameter stop: once raised and overdue, the command in progress ends with
    ///   `TransportError.stopped` (the session is then unusable).
    public init(endpoint: MailServerEndpoint, stop: StopSignal = StopSignal()) throws(TransportError) {
        self.endpoint = endpoint
        server = endpoint.displayName
        handle = try CurlHandle(server: server, stop: stop)
        do throws(TransportError) {
            do throws(TransportError) {
                try connect()
            } catch let error {
                guard case .authenticationFailed = error, case let .xoauth2(source) = endpoint.authentication else { throw error }
                OAuthTokenProvider.shared(for: source).invalidate()
                try connect()
            }
            try readCapabilities()
        } catch let error {
            isUsable = false
            throw error
        }
    }

    private func readCapabilities() throws(TransportError) {
        let response = try command("CAPABILITY")
        for line in response.untagged where line.textString.uppercased().hasPrefix("* CAPABILITY ") {
            capabilities.formUnion(line.textString.uppercased().split(separator: " ").dropFirst(2).map(String.init))
        }
    }

    private func connect() throws(TransportError) {
        handle.resetDiagnostics()
        try handle.configure(for: endpoint, url: endpoint.serverURL + "/")
        handle.set(CURLOPT_CONNECT_ONLY, 1)
        let code = curl_easy_perform(handle.raw)
        guard code == CURLE_OK else { throw handle.error(for: code, server: server) }
    }

    deinit {
        if isUsable {
            closing = true
            _ = try? command("LOGOUT")
        }
    }

    private var closing = false

    /// Whether the server announced `capability` (upper-case, e.g. `MOVE`).
    public func supports(_ capability: String) -> Bool { capabilities.contains(capability) }

    /// Checks the connection is alive (and lets the server report new mail).
    public func noop() throws(TransportError) {
        _ = try command("NOOP")
    }

    /// Selects `mailbox` read-write and returns its status.
    @discardableResult
    public func select(_ mailbox: String) throws(TransportError) -> IMAPMailboxStatus {
        let result = try command("SELECT \(Self.quote(mailbox))")
        selectedMailbox = mailbox
        var status = IMAPMailboxStatus(uidValidity: 0, uidNext: nil, exists: 0)
        for line in result.untagged {
            let text = line.textString
            if let value = Self.bracketNumber("UIDVALIDITY", in: text) { status.uidValidity = value }
            if let value = Self.bracketNumber("UIDNEXT", in: text) { status.uidNext = value }
            let words = text.split(separator: " ")
            if words.count >= 3, words[2].uppercased() == "EXISTS", let count = Int(words[1]) { status.exists = count }
        }
        return status
    }

    /// The UIDs in the selected mailbox that are at least `uid`, ascending.
    public func uids(from uid: UInt32) throws(TransportError) -> [UInt32] {
        let result = try command("UID SEARCH UID \(max(uid, 1)):*")
        var uids: [UInt32] = []
        for line in result.untagged where line.textString.uppercased().hasPrefix("* SEARCH") {
            uids += line.textString.split(separator: " ").dropFirst(2).compactMap { UInt32($0) }
        }
        // `n:*` always matches the highest UID, even when it is below n.
        return uids.filter { $0 >= uid }.sorted()
    }

    /// Fetches the full messages with these UIDs without setting `\Seen`.
    public func fetch(_ uids: [UInt32]) throws(TransportError) -> [FetchedMessage] {
        var messages: [FetchedMessage] = []
        do {
            try fetch(uids) { messages.append($0) }
        } catch let error as TransportError {
            throw error
        } catch {
            throw .protocolViolation(server: server, reason: "\(error)")
        }
        return messages
    }

    /// Fetches the messages with these UIDs (`BODY.PEEK[]`, nothing marked seen), handing each
    /// to `each` as soon as it has arrived; only one message is held in memory at a time.
    ///
    /// The answer is read to its end whatever happens, so the session stays usable: a FETCH
    /// response that cannot be read, and a `NO` for the command (the server could not read some
    /// messages), are not errors here but are reported, with the server's words, in the
    /// returned `IMAPFetchReport`. A UID asked for that is not among the messages handed to
    /// `each` was not delivered; the caller decides what that means.
    ///
    /// - Throws: `TransportError` when the connection failed or the server said BYE (the
    ///   session is then unusable); the first error `each` threw, unchanged (the messages after
    ///   it were read and dropped).
    @discardableResult
    public func fetch(_ uids: [UInt32], each: (FetchedMessage) throws -> Void) throws -> IMAPFetchReport {
        var report = IMAPFetchReport()
        guard !uids.isEmpty else { return report }
        let text = "UID FETCH \(Self.sequenceSet(uids)) (UID INTERNALDATE BODY.PEEK[])"
        let tag = takeTag()
        try send(Array("\(tag) \(text)\r\n".utf8))
        var handlerError: (any Error)?
        let refusal = try collect(tag: tag, command: "UID FETCH", acceptingNo: true) { response in
            let (item, message) = IMAPFetchParser.classify(response)
            switch item {
            case .message:
                guard handlerError == nil, let message else { return }
                do {
                    try each(message)
                } catch {
                    handlerError = error
                }
            case let .malformed(uid):
                report.malformed.append(IMAPFetchReport.Malformed(uid: uid, serverSaid: Self.excerpt(response.textString)))
            case .other:
                let words = response.textString.split(separator: " ", maxSplits: 2)
                if words.count >= 2, words[0] == "*", ["NO", "BAD"].contains(words[1].uppercased()) {
                    report.warnings.append(Self.excerpt(response.textString))
                }
            }
        }
        report.refusal = refusal.map(Self.excerpt)
        if let handlerError { throw handlerError }
        return report
    }

    /// At most 200 characters of a server's line, for logs.
    static func excerpt(_ line: String) -> String {
        line.count <= 200 ? line : String(line.prefix(200)) + "…"
    }

    /// Creates `mailbox` unless it exists (checked once per session).
    public func ensureMailbox(_ mailbox: String) throws(TransportError) {
        guard !ensuredFolders.contains(mailbox) else { return }
        let list = try command("LIST \"\" \(Self.quote(mailbox))")
        if !list.untagged.contains(where: { $0.textString.uppercased().hasPrefix("* LIST") }) {
            do {
                _ = try command("CREATE \(Self.quote(mailbox))")
            } catch let error {
                // Another client may have created it meanwhile.
                guard case let .commandRejected(_, _, reply) = error, reply.uppercased().contains("ALREADYEXISTS") else { throw error }
            }
        }
        ensuredFolders.insert(mailbox)
    }

    /// Deletes `mailbox` (tests use it to make the server renumber a folder).
    public func deleteMailbox(_ mailbox: String) throws(TransportError) {
        _ = try command("DELETE \(Self.quote(mailbox))")
        ensuredFolders.remove(mailbox)
    }

    /// Moves the messages to `mailbox`: `UID MOVE`, or copy, flag `\Deleted` and expunge where MOVE is missing.
    public func move(_ uids: [UInt32], to mailbox: String) throws(TransportError) {
        guard !uids.isEmpty else { return }
        try ensureMailbox(mailbox)
        let set = Self.sequenceSet(uids)
        if supports("MOVE") {
            _ = try command("UID MOVE \(set) \(Self.quote(mailbox))")
            return
        }
        _ = try command("UID COPY \(set) \(Self.quote(mailbox))")
        _ = try command("UID STORE \(set) +FLAGS.SILENT (\\Deleted)")
        _ = try command(supports("UIDPLUS") ? "UID EXPUNGE \(set)" : "EXPUNGE")
    }

    /// Appends a message to `mailbox` (used by tests and the demo to seed mail).
    public func append(_ message: [UInt8], to mailbox: String) throws(TransportError) {
        try append([message], to: mailbox)
    }

    /// Appends several messages in one command (MULTIAPPEND with LITERAL+ where offered,
    /// else one APPEND each).
    public func append(_ messages: [[UInt8]], to mailbox: String) throws(TransportError) {
        guard !messages.isEmpty else { return }
        if messages.count > 1, supports("MULTIAPPEND"), supports("LITERAL+") {
            let tag = takeTag()
            var bytes = Array("\(tag) APPEND \(Self.quote(mailbox))".utf8)
            for message in messages {
                bytes += Array(" {\(message.count)+}\r\n".utf8)
                bytes += message
            }
            bytes += Array("\r\n".utf8)
            try send(bytes)
            try collect(tag: tag, command: "APPEND") { _ in }
            return
        }
        for message in messages {
            let tag = takeTag()
            try send(Array("\(tag) APPEND \(Self.quote(mailbox)) {\(message.count)}\r\n".utf8))
            let continuation = try readResponse()
            guard continuation.tag == "+" else {
                throw .commandRejected(server: server, command: "APPEND", reply: continuation.textString)
            }
            try send(message + Array("\r\n".utf8))
            try collect(tag: tag, command: "APPEND") { _ in }
        }
    }

    // MARK: - Command plumbing

    struct CommandResult {
        var untagged: [IMAPResponse]
    }

    func takeTag() -> String {
        defer { nextTag += 1 }
        return "T\(nextTag)"
    }

    private func command(_ text: String) throws(TransportError) -> CommandResult {
        let tag = takeTag()
        try send(Array("\(tag) \(text)\r\n".utf8))
        var untagged: [IMAPResponse] = []
        try collect(tag: tag, command: text.split(separator: " ").prefix(2).joined(separator: " ")) { untagged.append($0) }
        return CommandResult(untagged: untagged)
    }

    /// Reads responses up to the tagged completion of `tag`, handing each untagged one to `handle`.
    ///
    /// - Parameter acceptingNo: a tagged `NO` ends the command without an error; its text is returned.
    @discardableResult
    func collect(
        tag: String, command: String, acceptingNo: Bool = false, _ handle: (IMAPResponse) throws(TransportError) -> Void
    ) throws(TransportError) -> String? {
        while true {
            let response = try readResponse()
            if response.tag == Substring(tag) {
                switch response.status?.uppercased() {
                case "OK": return nil
                case "NO" where acceptingNo: return response.textString
                default: throw .commandRejected(server: server, command: command, reply: response.textString)
                }
            }
            if response.tag == "*", response.textString.uppercased().hasPrefix("* BYE") {
                isUsable = false
                throw .serverSaidBye(server: server, reply: Self.excerpt(response.textString))
            }
            try handle(response)
        }
    }

    func readResponse() throws(TransportError) -> IMAPResponse {
        do {
            return try readResponseUnchecked()
        } catch {
            isUsable = false
            throw error
        }
    }

    private func readResponseUnchecked() throws(TransportError) -> IMAPResponse {
        while true {
            do {
                if let response = try framer.next() { return response }
            } catch {
                throw .protocolViolation(server: server, reason: "announced a literal larger than allowed")
            }
            var received = 0
            let code = receiveBuffer.withUnsafeMutableBytes { buffer in
                curl_easy_recv(handle.raw, buffer.baseAddress, buffer.count, &received)
            }
            switch code {
            case CURLE_OK:
                guard received > 0 else {
                    if let bye = framer.pendingBye { throw .serverSaidBye(server: server, reply: Self.excerpt(bye)) }
                    throw .unreachable(server: server, reason: "connection closed by the server\(framer.pendingDescription)")
                }
                receiveBuffer.withUnsafeBufferPointer { framer.append(UnsafeBufferPointer(rebasing: $0[0..<received])) }
            case CURLE_AGAIN:
                try wait(forReading: true)
            default:
                if let bye = framer.pendingBye { throw .serverSaidBye(server: server, reply: Self.excerpt(bye)) }
                throw handle.error(for: code, server: server)
            }
        }
    }

    func send(_ bytes: [UInt8]) throws(TransportError) {
        guard isUsable else { throw .unreachable(server: server, reason: "the connection was lost earlier") }
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { buffer in
                curl_easy_send(handle.raw, buffer.baseAddress! + offset, buffer.count - offset, &sent)
            }
            switch code {
            case CURLE_OK: offset += sent
            case CURLE_AGAIN:
                do {
                    try wait(forReading: false)
                } catch {
                    isUsable = false
                    throw error
                }
            default:
                isUsable = false
                throw handle.error(for: code, server: server)
            }
        }
    }

    private func wait(forReading: Bool) throws(TransportError) {
        var socket: curl_socket_t = -1
        _ = ticketd_getinfo_socket(handle.raw, &socket)
        guard socket >= 0 else { throw .unreachable(server: server, reason: "connection lost") }
        var descriptor = pollfd(fd: socket, events: Int16(forReading ? POLLIN : POLLOUT), revents: 0)
        let seconds = closing ? min(endpoint.stallTimeout, 2) : endpoint.stallTimeout
        // In slices of a quarter second, so that a raised stop signal is seen at once.
        var waited = 0
        while waited < seconds * 1000 {
            if handle.stop.isOverdue && !closing { throw .stopped(server: server) }
            let ready = poll(&descriptor, 1, 250)
            if ready > 0 || (ready < 0 && errno != EINTR) { return }
            if ready == 0 { waited += 250 }
        }
        throw .unreachable(server: server, reason: "no answer for \(seconds) s")
    }

    // MARK: - Formatting helpers

    static func quote(_ mailbox: String) -> String {
        let escaped = mailbox.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// A compact UID set: `1:3,7,9:10`.
    static func sequenceSet(_ uids: [UInt32]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var ranges: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1] == sorted[end] + 1 { end += 1 }
            ranges.append(end == index ? "\(sorted[index])" : "\(sorted[index]):\(sorted[end])")
            index = end + 1
        }
        return ranges.joined(separator: ",")
    }

    static func bracketNumber(_ key: String, in text: String) -> UInt32? {
        guard let range = text.range(of: "[\(key) ", options: .caseInsensitive) else { return nil }
        return UInt32(text[range.upperBound...].prefix { $0.isNumber })
    }
}
