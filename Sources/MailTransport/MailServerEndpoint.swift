import Foundation

/// Where and how to reach a mail server: URL, credentials and TLS policy.
public struct MailServerEndpoint: Sendable, Hashable {
    /// How the connection is protected.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Implicit TLS for `imaps://`/`smtps://`, STARTTLS demanded for `imap://`/`smtp://`.
        case required
        /// STARTTLS demanded (the same as `required` for plain-scheme URLs).
        case starttls
        /// No TLS at all; only for loopback test servers.
        case none
    }

    /// The server URL, e.g. `imaps://mail.example.com:993/INBOX` or `smtp://127.0.0.1:25`.
    public var url: URL
    /// The login name, or nil for servers that take mail without authentication.
    public var user: String?
    /// The password; never logged.
    public var password: String?
    public var tls: TLSMode
    /// A PEM file with the certificate authorities to trust instead of the system's.
    public var caFile: String?
    /// Seconds allowed to connect.
    public var connectTimeout: Int
    /// Seconds a transfer may make no progress before it is abandoned.
    public var stallTimeout: Int

    public init(
        url: URL, user: String? = nil, password: String? = nil, tls: TLSMode = .required,
        caFile: String? = nil, connectTimeout: Int = 20, stallTimeout: Int = 60
    ) {
        self.url = url
        self.user = user
        self.password = password
        self.tls = tls
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
    }

    /// The URL without any path, user or query: what curl connects to.
    var serverURL: String {
        var components = URLComponents()
        components.scheme = url.scheme
        components.host = url.host
        components.port = url.port
        return components.string ?? url.absoluteString
    }

    /// The mailbox named by the URL path (`INBOX` when the path is empty).
    public var mailboxName: String {
        let path = url.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return path.isEmpty ? "INBOX" : (path.removingPercentEncoding ?? path)
    }

    /// `host:port` for log lines and error messages.
    public var displayName: String {
        "\(url.scheme ?? "?")://\(url.host ?? "?")\(url.port.map { ":\($0)" } ?? "")"
    }
}
