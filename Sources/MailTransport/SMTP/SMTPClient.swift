internal import CCurl
import Foundation

/// Sends mail through an SMTP server with libcurl. Blocking: use it on a dedicated thread.
///
/// One client keeps its connection open between messages, so a burst of mail costs one login.
public final class SMTPClient {
    public let endpoint: MailServerEndpoint
    private let handle: CurlHandle

    public init(endpoint: MailServerEndpoint) throws(TransportError) {
        self.endpoint = endpoint
        handle = try CurlHandle(server: endpoint.displayName)
    }

    /// Hands one message to the server; returns when the server accepted it (250 after DATA).
    ///
    /// - Parameters:
    ///   - message: the RFC 5322 bytes with CRLF line ends; curl dot-stuffs them.
    ///   - sender: the envelope sender (bounce address); empty for the null sender.
    ///   - recipients: envelope recipients.
    public func send(_ message: [UInt8], from sender: String, to recipients: [String]) throws(TransportError) {
        let server = endpoint.displayName
        guard !recipients.isEmpty else {
            throw .permanentRejection(server: server, code: 0, reply: "the mail has no recipients")
        }
        handle.configure(for: endpoint, url: endpoint.serverURL)
        handle.set(CURLOPT_MAIL_FROM, "<\(sender)>")
        handle.set(CURLOPT_MAIL_RCPT, list: recipients.map { "<\($0)>" })
        handle.set(CURLOPT_UPLOAD, 1)
        handle.set(CURLOPT_TIMEOUT, max(endpoint.stallTimeout * 2, 60))
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
            let reply = handle.message(for: code)
            let status = handle.responseCode
            switch status {
            case 400..<500: throw .temporaryRejection(server: server, code: status, reply: reply)
            case 500..<600: throw .permanentRejection(server: server, code: status, reply: reply)
            default: throw handle.error(for: code, server: server)
            }
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
