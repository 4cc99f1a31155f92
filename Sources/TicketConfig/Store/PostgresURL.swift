import Foundation

/// Where a PostgreSQL store lives: `postgres://USER@HOST:PORT/DB[?sslmode=MODE]`, as `[store] url`
/// and `ticketd migrate --to` take it. The password never sits in the URL: it comes from
/// `password_file` (or `--password-file`), so the URL can be logged and shown by `config check`.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted, by libpq's `sslmode` names.
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP (the default; fine on loopback or a private link).
        case disable
        /// TLS without checking the server's certificate.
        case require
        /// TLS with the certificate checked against the system's CAs and the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var host: String
    /// 5432 when the URL names none.
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// From `password_file`; nil for trust or peer authentication.
    public var password: String?

    /// Parses `text`; `password` is kept beside it.
    ///
    /// - Throws: ``PostgresURLError`` naming what is missing or wrong.
    public init(_ text: String, password: String? = nil) throws(PostgresURLError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else { throw .malformed(text) }
        guard scheme == "postgres" || scheme == "postgresql" else { throw .notPostgres(text) }
        guard components.password == nil else { throw .passwordInURL }
        guard let user = components.user, !user.isEmpty else { throw .missing("USER", text) }
        guard let host = components.host, !host.isEmpty else { throw .missing("HOST", text) }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw .missing("DB", text) }
        var tls = TLSMode.disable
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode", let value = item.value, let mode = TLSMode(rawValue: value) else {
                throw .unknownParameter(item.name + (item.value.map { "=\($0)" } ?? ""))
            }
            tls = mode
        }
        guard (1...65_535).contains(components.port ?? 5432) else { throw .malformed(text) }
        self.user = user.removingPercentEncoding ?? user
        self.host = host
        self.port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        self.tls = tls
        self.password = password
    }

    /// The URL without the password (which it never holds).
    public var description: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }
}

/// Why a PostgreSQL URL was refused.
public enum PostgresURLError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    /// Another scheme (`sqlite://`, `mysql://`, a path): only PostgreSQL is a server store.
    case notPostgres(String)
    case missing(String, String)
    case passwordInURL
    case unknownParameter(String)

    public var description: String {
        switch self {
        case let .malformed(text):
            "'\(text)' is not a valid URL: expected postgres://USER@HOST:PORT/DB"
        case let .notPostgres(text):
            "'\(text)' is not a postgres:// URL: the store is SQLite in state_dir (leave [store] url out) or PostgreSQL (postgres://USER@HOST:PORT/DB)"
        case let .missing(part, text):
            "'\(text)' names no \(part): expected postgres://USER@HOST:PORT/DB"
        case .passwordInURL:
            "the URL holds a password: remove it and put the password in a file named by password_file (mode 0600)"
        case let .unknownParameter(parameter):
            "unknown URL parameter '\(parameter)': only sslmode=disable|require|verify-full is understood, as in postgres://USER@HOST:PORT/DB?sslmode=require"
        }
    }
}
