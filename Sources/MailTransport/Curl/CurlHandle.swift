internal import CCurl
import Foundation

/// One libcurl easy handle, used by one thread at a time; cleaned up on deinit.
///
/// Every response line the server sends while curl drives the protocol (greeting, CAPABILITY,
/// LOGIN, MAIL FROM, RCPT TO, DATA …) is kept in `serverLines`, so errors can quote the
/// server's own words ("550 5.1.1 … User unknown") instead of curl's summary.
final class CurlHandle {
    let raw: UnsafeMutableRawPointer
    private var errorBuffer: UnsafeMutablePointer<CChar>
    private var slists: [UnsafeMutablePointer<curl_slist>] = []
    let serverLines = ServerLines()
    /// Raised and overdue: the running transfer ends with `CURLE_ABORTED_BY_CALLBACK` within a second.
    let stop: StopSignal

    init(server: String, stop: StopSignal = StopSignal()) throws(TransportError) {
        self.stop = stop
        CurlHandle.initializeLibraryOnce
        guard let handle = curl_easy_init() else {
            throw .unreachable(server: server, reason: "libcurl could not create a handle")
        }
        raw = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        _ = ticketd_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_TCP_KEEPALIVE, 1)
        _ = ticketd_setopt_pointer(raw, CURLOPT_HEADERDATA, Unmanaged.passUnretained(serverLines).toOpaque())
        _ = ticketd_setopt_data_callback(raw, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return size * count }
            let lines = Unmanaged<ServerLines>.fromOpaque(context).takeUnretainedValue()
            lines.append(UnsafeRawBufferPointer(start: buffer, count: size * count))
            return size * count
        }
        set(CURLOPT_NOPROGRESS, 0)
        _ = ticketd_setopt_pointer(raw, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(stop).toOpaque())
        _ = ticketd_setopt_progress_callback(raw) { context, _, _, _, _ in
            guard let context else { return 0 }
            return Unmanaged<StopSignal>.fromOpaque(context).takeUnretainedValue().isOverdue ? 1 : 0
        }
    }

    /// Closes the connection curl keeps under the hood (shutdown of its socket), so that
    /// cleaning up does not wait for a silent server to answer QUIT. For a connection that
    /// failed or timed out; call it from the thread that uses the handle, between transfers.
    func dropConnection() {
        var socket: curl_socket_t = -1
        if ticketd_getinfo_socket(raw, &socket) == CURLE_OK, socket >= 0 {
            shutdown(socket, Int32(SHUT_RDWR))
        }
    }

    deinit {
        curl_easy_cleanup(raw)
        for list in slists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    private static let initializeLibraryOnce: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    func set(_ option: CURLoption, _ value: Int) {
        _ = ticketd_setopt_long(raw, option, value)
    }

    func set(_ option: CURLoption, _ value: String) {
        _ = value.withCString { ticketd_setopt_string(raw, option, $0) }
    }

    func set(_ option: CURLoption, list values: [String]) {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values { list = curl_slist_append(list, value) }
        if let list { slists.append(list) }
        _ = ticketd_setopt_slist(raw, option, list)
    }

    /// Applies the endpoint's URL, credentials, TLS policy and timeouts.
    func configure(for endpoint: MailServerEndpoint, url: String) throws(TransportError) {
        set(CURLOPT_URL, url)
        if let user = endpoint.user { set(CURLOPT_USERNAME, user) }
        switch endpoint.authentication {
        case .password:
            if let password = endpoint.password { set(CURLOPT_PASSWORD, password) }
        case let .xoauth2(source):
            let token = try OAuthTokenProvider.shared(for: source).token()
            set(CURLOPT_XOAUTH2_BEARER, token)
            set(CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2")
            set(CURLOPT_SASL_IR, 1)
        }
        switch endpoint.tls {
        case .required, .starttls: set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .none: set(CURLOPT_USE_SSL, Int(CURLUSESSL_NONE.rawValue))
        }
        set(CURLOPT_SSL_VERIFYPEER, 1)
        set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile = endpoint.caFile { set(CURLOPT_CAINFO, caFile) }
        if let pin = endpoint.pinnedPublicKey { set(CURLOPT_PINNEDPUBLICKEY, pin) }
        set(CURLOPT_CONNECTTIMEOUT, endpoint.connectTimeout)
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, endpoint.stallTimeout)
        // curl waits this long for each reply, QUIT on cleanup included (its default is 120 s).
        set(CURLOPT_SERVER_RESPONSE_TIMEOUT, endpoint.stallTimeout)
    }

    /// curl's own words for the last failure, or the generic text for `code`.
    func message(for code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    var responseCode: Int {
        var code = 0
        _ = ticketd_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// Clears the error buffer and the captured server lines before a new transfer.
    func resetDiagnostics() {
        errorBuffer[0] = 0
        serverLines.removeAll()
    }

    /// Maps a failed transfer to the matching transport error, quoting the server where it spoke.
    func error(for code: CURLcode, server: String) -> TransportError {
        var reason = message(for: code)
        switch code {
        case CURLE_ABORTED_BY_CALLBACK where stop.isRaised:
            return .stopped(server: server)
        case CURLE_LOGIN_DENIED:
            if let refusal = serverLines.lastRefusal { reason = "\(reason): server said \"\(refusal)\"" }
            return .authenticationFailed(server: server, reason: reason)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_OPERATION_TIMEDOUT,
            CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_CERTPROBLEM,
            CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_WEIRD_SERVER_REPLY:
            return .unreachable(server: server, reason: reason)
        default:
            if let refusal = serverLines.lastRefusal { reason = "\(reason): server said \"\(refusal)\"" }
            return .protocolViolation(server: server, reason: reason)
        }
    }
}

/// The protocol lines a server sent during a curl-driven exchange (bounded).
final class ServerLines {
    private(set) var lines: [String] = []
    private var partial: [UInt8] = []

    func append(_ bytes: UnsafeRawBufferPointer) {
        partial.append(contentsOf: bytes)
        while let newline = partial.firstIndex(of: UInt8(ascii: "\n")) {
            var line = partial[..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            lines.append(String(decoding: line, as: UTF8.self))
            partial.removeSubrange(...newline)
        }
        if lines.count > 64 { lines.removeFirst(lines.count - 64) }
    }

    func removeAll() {
        lines.removeAll()
        partial.removeAll()
    }

    /// The last refusal: an SMTP 4xx/5xx reply (all lines of a multi-line reply, joined) or an
    /// IMAP tagged `NO`/`BAD`.
    var lastRefusal: String? {
        if let smtp = SMTPReply.lastFailure(in: lines) { return smtp.text }
        return lines.last { line in
            let words = line.split(separator: " ", maxSplits: 2)
            return words.count >= 2 && words[0] != "*" && ["NO", "BAD"].contains(words[1].uppercased())
        }
    }
}

/// One SMTP reply: a three-digit code and its text.
struct SMTPReply: Equatable {
    var code: Int
    /// `550 5.1.1 <x@y>: Recipient address rejected: User unknown` (multi-line replies joined by "; ").
    var text: String

    /// The last reply with a 4xx or 5xx code among `lines` (continuation lines `550-…` included).
    static func lastFailure(in lines: [String]) -> SMTPReply? {
        var replies: [SMTPReply] = []
        var pending: [String] = []
        for line in lines {
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200..<600).contains(code) else {
                pending = []
                continue
            }
            let rest = bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : ""
            pending.append(rest)
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") {
                replies.append(SMTPReply(code: code, text: "\(code) " + pending.joined(separator: "; ")))
                pending = []
            }
        }
        return replies.last { $0.code >= 400 }
    }
}
