internal import CCurl
import Foundation

/// Sends mail through an SMTP server with libcurl. Blocking: use it on a dedicated thread.
///
/// One client keeps its easy handle, and with it the connection, between messages: a burst of
/// mail costs one connect and one login (curl reuses the live connection for the next
/// `MAIL FROM`). Refusals carry the server's own reply, e.g. `550 5.1.1 <x@y>: … User unknown`.
public final class SMTPClient {
    public let endpoint: MailServerEndpoint
    private let handle: CurlHandle

    /// - Parameter stop: raised, a send in progress may still finish for `StopSignal.grace`, then
    ///   ends with `TransportError.stopped`.
    public init(endpoint: MailServerEndpoint, stop: StopSignal = StopSignal()) throws(TransportError) {
        self.endpoint = endpoint
        handle = try CurlHandle(server: endpoint.displayName, stop: stop)
    }

    /// Hands one message to the server; returns when the server accepted it (250 after DATA).
    ///
    /// - Parameters:
    ///   - message: the RFC 5322 bytes with CRLF line ends; curl dot-stuffs them.
    ///   - sender: the envelope sender (bounce address); empty for the null sender.
    ///   - recipients: envelope recipients.
    /// - Throws: `temporaryRejection` for 4xx (retry later), `permanentRejection` for 5xx,
    ///   `unreachable`/`authenticationFailed` when the server could not be used at all.
    public func send(_ message: [UInt8], from sender: String, to recipients: [String]) throws(TransportError) {
        do {
            try attempt(message, from: sender, to: recipients)
        } catch let error {
            // A refused XOAUTH2 token: fetch a fresh one and try once more.
            guard case .authenticationFailed = error, case let .xoauth2(source) = endpoint.authentication else { throw error }
            OAuthTokenProvider.shared(for: source).invalidate()
            try attempt(message, from: sender, to: recipients)
        }
    }

    private func attempt(_ message: [UInt8], from sender: String, to recipients: [String]) throws(TransportError) {
        let server = endpoint.displayName
        guard !recipients.isEmpty else {
            throw .permanentRejection(server: server, code: 0, reply: "the mail has no recipients")
        }
        handle.resetDiagnostics()
        try handle.configure(for: endpoint, url: endpoint.serverURL)
        handle.set(CURLOPT_MAIL_FROM, "<\(sender)>")
        handle.set(CURLOPT_MAIL_RCPT, list: recipients.map { "<\($0)>" })
        handle.set(CURLOPT_UPLOAD, 1)
        // The whole exchange, the wait for the reply to the final dot included.
        handle.set(CURLOPT_TIMEOUT, endpoint.sendTimeout)
        handle.set(CURLOPT_SERVER_RESPONSE_TIMEOUT, min(endpoint.sendTimeout, endpoint.stallTimeout))
        let source = UploadSource(bytes: message)
        let unmanaged = Unmanaged.passRetained(source)
        defer { unmanaged.release() }
        _ = ticketd_setopt_pointer(handle.raw, CURLOPT_READDATA, unmanaged.toOpaque())
        _ = ticketd_setopt_data_callback(handle.raw, CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let source = Unmanaged<UploadSource>.fromOpaque(context).takeUnretainedValue()
            return source.read(into: buffer, capacity: size * count)
        }
        handle.set(CURLOPT_INFILESIZE, message.count)
        let code = curl_easy_perform(handle.raw)
        guard code == CURLE_OK else {
            let error = Self.classify(
                code: code, curlMessage: handle.message(for: code), responseCode: handle.responseCode,
                serverLines: handle.serverLines.lines, fallback: handle.error(for: code, server: server), server: server)
            switch error {
            case .unreachable, .stopped, .protocolViolation:
                // The connection cannot be trusted any more: close it now, so neither the next
                // send nor the cleanup waits on a server that stopped answering.
                handle.dropConnection()
            default:
                break
            }
            throw error
        }
    }

    /// Turns a failed transfer into a transport error that quotes the server's refusal.
    static func classify(
        code: CURLcode, curlMessage: String, responseCode: Int, serverLines: [String], fallback: TransportError, server: String
    ) -> TransportError {
        if code == CURLE_LOGIN_DENIED { return fallback }
        let reply = SMTPReply.lastFailure(in: serverLines)
        let status = reply?.code ?? responseCode
        let text = reply?.text ?? (responseCode > 0 ? "\(responseCode) \(curlMessage)" : curlMessage)
        switch status {
        case 400..<500: return .temporaryRejection(server: server, code: status, reply: text)
        case 500..<600: return .permanentRejection(server: server, code: status, reply: text)
        default: return fallback
        }
    }
}

/// Feeds curl's read callback from a byte array.
private final class UploadSource {
    private let bytes: [UInt8]
    private var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
