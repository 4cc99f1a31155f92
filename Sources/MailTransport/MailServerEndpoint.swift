import Foundation

/// Where and how to reach a mail server: URL, credentials, TLS policy, timeouts and the
/// per-mailbox transfer options.
///
/// Every field past `url` has a default, so a config loader only sets what the admin wrote.
public struct MailServerEndpoint: Sendable, Hashable {
    /// How the connection is protected.
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// Implicit TLS for `imaps://`/`smtps://`, STARTTLS demanded for `imap://`/`smtp://`.
        case required
        /// STARTTLS demanded (the same as `required` for plain-scheme URLs).
        case starttls
        /// No TLS at all; only for loopback test servers (a warning is logged on every connect).
        case none
    }

    /// How to authenticate.
    public enum Authentication: Sendable, Hashable {
        /// `user` + `password` with the best mechanism both sides offer (PLAIN, LOGIN).
        case password
        /// SASL XOAUTH2 with a bearer token read from a file or printed by a command.
        case xoauth2(OAuthTokenSource)
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
    /// Seconds allowed to connect (TCP + TLS + login).
    public var connectTimeout: Int
    /// Seconds a transfer may make no progress before it is abandoned.
    public var stallTimeout: Int
    /// A pinned server public key: `sha256//BASE64[;sha256//…]` or a PEM/DER public-key file
    /// (curl's `CURLOPT_PINNEDPUBLICKEY`). Checked in addition to the CA chain.
    public var pinnedPublicKey: String?
    /// PLAIN/LOGIN with the password, or XOAUTH2 with a bearer token.
    public var authentication: Authentication
    /// IMAP: messages per `UID FETCH` command.
    public var batchSize: Int
    /// IMAP: folder for mail the filter calls spam (created when first needed).
    public var spamFolder: String
    /// SMTP: seconds one message may take from connect to the final 250.
    public var sendTimeout: Int

    public init(
        url: URL, user: String? = nil, password: String? = nil, tls: TLSMode = .required,
        caFile: String? = nil, connectTimeout: Int = 20, stallTimeout: Int = 60,
        pinnedPublicKey: String? = nil, authentication: Authentication = .password,
        batchSize: Int = 100, spamFolder: String = "Spam", sendTimeout: Int = 120
    ) {
        self.url = url
        self.user = user
        self.password = password
        self.tls = tls
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
        self.pinnedPublicKey = pinnedPublicKey
        self.authentication = authentication
        self.batchSize = batchSize
        self.spamFolder = spamFolder
        self.sendTimeout = sendTimeout
    }

    /// The URL without any path, user or query: what curl connects to.
    var serverURL: String {
        var components = URLComponents()
        components.scheme = url.scheme
        components.host = url.host
        components.port = url.port
        return components.string ?? url.absoluteString
    }

    /// True for `imaps://` and `smtps://`: TLS from the first byte.
    public var usesImplicitTLS: Bool {
        guard let scheme = url.scheme?.lowercased() else { return false }
        return scheme == "imaps" || scheme == "smtps"
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
