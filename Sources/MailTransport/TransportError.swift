/// Why talking to a mail server failed, in words an admin can act on.
public enum TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server could not be reached (DNS, refused, timeout, TLS handshake).
    case unreachable(server: String, reason: String)
    /// The server refused the credentials.
    case authenticationFailed(server: String, reason: String)
    /// The server answered something the protocol does not allow, or closed the connection.
    case protocolViolation(server: String, reason: String)
    /// The server refused a command (IMAP NO/BAD).
    case commandRejected(server: String, command: String, reply: String)
    /// ticketd is shutting down and broke off the exchange; nothing was lost (mail stays queued
    /// or on the server).
    case stopped(server: String)
    /// The IMAP server ended the session with `* BYE`; `reply` is its line.
    case serverSaidBye(server: String, reply: String)
    /// SMTP refused the mail for now (4xx): try again later.
    case temporaryRejection(server: String, code: Int, reply: String)
    /// SMTP refused the mail for good (5xx).
    case permanentRejection(server: String, code: Int, reply: String)

    public var description: String {
        switch self {
        case let .unreachable(server, reason):
            "cannot reach \(server): \(reason); check the URL, the network and that the server is running"
        case let .authenticationFailed(server, reason):
            "login to \(server) failed: \(reason); check user and password_file"
        case let .protocolViolation(server, reason):
            "\(server) broke the protocol: \(reason)"
        case let .commandRejected(server, command, reply):
            "\(server) rejected \(command): \(reply)"
        case let .stopped(server):
            "stopped talking to \(server): ticketd is shutting down; the work is taken up again at the next start"
        case let .serverSaidBye(server, reply):
            "\(server) ended the session (BYE): \(reply); will retry"
        case let .temporaryRejection(server, code, reply):
            "\(server) deferred the mail (\(code)): \(reply); will retry"
        case let .permanentRejection(server, code, reply):
            "\(server) refused the mail (\(code)): \(reply)"
        }
    }

    /// True when trying again later may succeed.
    public var isTransient: Bool {
        switch self {
        case .unreachable, .protocolViolation, .temporaryRejection, .serverSaidBye, .stopped: true
        case .authenticationFailed, .commandRejected, .permanentRejection: false
        }
    }
}
