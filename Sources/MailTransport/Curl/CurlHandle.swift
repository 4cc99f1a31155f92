internal import CCurl
import Foundation

/// One libcurl easy handle, used by one thread at a time; cleaned up on deinit.
final class CurlHandle {
    let raw: UnsafeMutableRawPointer
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    private var slists: [UnsafeMutablePointer<curl_slist>] = []

    init(server: String) throws(TransportError) {
        CurlHandle.initializeLibraryOnce
        guard let handle = curl_easy_init() else {
            throw .unreachable(server: server, reason: "libcurl could not create a handle")
        }
        raw = handle
        errorBuffer.withUnsafeMutableBufferPointer { buffer in
            _ = ticketd_setopt_pointer(raw, CURLOPT_ERRORBUFFER, buffer.baseAddress)
        }
        set(CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        curl_easy_cleanup(raw)
        for list in slists { curl_slist_free_all(list) }
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
    func configure(for endpoint: MailServerEndpoint, url: String) {
        set(CURLOPT_URL, url)
        if let user = endpoint.user { set(CURLOPT_USERNAME, user) }
        if let password = endpoint.password { set(CURLOPT_PASSWORD, password) }
        switch endpoint.tls {
        case .required, .starttls: set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .none: set(CURLOPT_USE_SSL, Int(CURLUSESSL_NONE.rawValue))
        }
        if let caFile = endpoint.caFile { set(CURLOPT_CAINFO, caFile) }
        set(CURLOPT_CONNECTTIMEOUT, endpoint.connectTimeout)
        set(CURLOPT_LOW_SPEED_LIMIT, 1)
        set(CURLOPT_LOW_SPEED_TIME, endpoint.stallTimeout)
    }

    /// curl's own words for the last failure, or the generic text for `code`.
    func message(for code: CURLcode) -> String {
        let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
    }

    var responseCode: Int {
        var code = 0
        _ = ticketd_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    /// Maps a failed transfer to the matching transport error.
    func error(for code: CURLcode, server: String) -> TransportError {
        let reason = message(for: code)
        switch code {
        case CURLE_LOGIN_DENIED:
            return .authenticationFailed(server: server, reason: reason)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_OPERATION_TIMEDOUT,
            CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_USE_SSL_FAILED,
            CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING:
            return .unreachable(server: server, reason: reason)
        default:
            return .protocolViolation(server: server, reason: reason)
        }
    }
}
