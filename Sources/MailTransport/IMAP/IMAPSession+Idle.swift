internal import CCurl
import Foundation
import Synchronization

/// Ends an IMAP IDLE early from another thread: new outgoing work, a reload, another mailbox's mail.
public final class IdleWake: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    /// Ends every IDLE waiting on this wake within a quarter second.
    public func raise() { raised.store(true, ordering: .relaxed) }

    public var isRaised: Bool { raised.load(ordering: .relaxed) }
}

/// How an IDLE ended.
public enum IdleOutcome: Sendable, Equatable {
    /// The server announced new or changed mail (EXISTS, RECENT, EXPUNGE or FETCH).
    case changed
    /// Nothing happened within the time given.
    case timedOut
    /// The wake or the stop signal was raised.
    case woken
}

extension IMAPSession {
    /// The longest one IDLE lasts: servers may drop a client idle for 30 minutes (RFC 2177).
    public static let longestIdle: TimeInterval = 25 * 60

    /// Waits in IDLE (RFC 2177) on the selected mailbox until the server announces a change,
    /// `seconds` pass (at most ``longestIdle``), or `wake` or the stop signal is raised; then DONE.
    ///
    /// A server that answers IDLE with BAD or NO throws `commandRejected` and the session stays
    /// usable (poll instead); a connection that breaks throws and the session is unusable.
    public func idle(for seconds: TimeInterval, wake: IdleWake) throws(TransportError) -> IdleOutcome {
        guard supports("IDLE") else { throw .commandRejected(server: server, command: "IDLE", reply: "the server does not announce IDLE") }
        let tag = takeTag()
        try send(Array("\(tag) IDLE\r\n".utf8))
        let first = try readResponse()
        if first.tag == Substring(tag) {
            throw .commandRejected(server: server, command: "IDLE", reply: first.textString)
        }
        var outcome: IdleOutcome = Self.announcesChange(first) ? .changed : .timedOut
        if first.tag != "+" && outcome != .changed {
            // An untagged line before the continuation (e.g. an unsolicited FETCH); the "+" follows.
            let next = try readResponse()
            if Self.announcesChange(next) { outcome = .changed }
        }
        let deadline = ContinuousClock.now + .seconds(min(max(0, seconds), Self.longestIdle))
        while outcome == .timedOut {
            if wake.isRaised || handle.stop.isRaised {
                outcome = .woken
                break
            }
            guard try hasInput(withinMilliseconds: 250) else {
                if ContinuousClock.now >= deadline { break }
                continue
            }
            let response = try readResponse()
            if response.tag == "*", response.textString.uppercased().hasPrefix("* BYE") {
                isUsable = false
                throw .serverSaidBye(server: server, reply: Self.excerpt(response.textString))
            }
            if Self.announcesChange(response) { outcome = .changed }
        }
        try send(Array("DONE\r\n".utf8))
        try collect(tag: tag, command: "IDLE") { response throws(TransportError) in
            if Self.announcesChange(response) { outcome = .changed }
        }
        return outcome
    }

    /// Whether `response` is an untagged `* N EXISTS`, `RECENT`, `EXPUNGE` or `FETCH`.
    static func announcesChange(_ response: IMAPResponse) -> Bool {
        guard response.tag == "*" else { return false }
        let words = response.textString.uppercased().split(separator: " ", maxSplits: 3)
        guard words.count >= 3, Int(words[1]) != nil else { return false }
        return ["EXISTS", "RECENT", "EXPUNGE", "FETCH"].contains(String(words[2].prefix { $0.isLetter }))
    }

    /// Whether a response is buffered or the socket has bytes to read within `milliseconds`.
    private func hasInput(withinMilliseconds milliseconds: Int32) throws(TransportError) -> Bool {
        if framer.hasBufferedBytes { return true }
        // libcurl may hold decrypted TLS bytes the socket no longer shows: ask it first.
        var received = 0
        let code = receiveBuffer.withUnsafeMutableBytes { buffer in
            curl_easy_recv(handle.raw, buffer.baseAddress, buffer.count, &received)
        }
        switch code {
        case CURLE_OK:
            guard received > 0 else {
                isUsable = false
                throw .unreachable(server: server, reason: "connection closed by the server during IDLE")
            }
            receiveBuffer.withUnsafeBufferPointer { framer.append(UnsafeBufferPointer(rebasing: $0[0..<received])) }
            return true
        case CURLE_AGAIN:
            break
        default:
            isUsable = false
            throw handle.error(for: code, server: server)
        }
        var socket: curl_socket_t = -1
        _ = ticketd_getinfo_socket(handle.raw, &socket)
        guard socket >= 0 else {
            isUsable = false
            throw .unreachable(server: server, reason: "connection lost")
        }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, milliseconds)
        if ready < 0 && errno != EINTR {
            isUsable = false
            throw .unreachable(server: server, reason: "poll failed: errno \(errno)")
        }
        return ready > 0
    }
}
