#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `[metrics]`: where the Prometheus endpoint listens; the whole section is optional and
/// metrics are off without it.
///
/// Only loopback addresses are accepted: the endpoint has no authentication and no TLS, so a
/// Prometheus on another machine scrapes it through a reverse proxy or an SSH tunnel.
public struct MetricsSettings: Sendable, Equatable {
    /// The loopback IP address (`127.0.0.1`, `::1`).
    public var host: String
    /// The TCP port, 1–65535.
    public var port: UInt16

    /// Parses `listen`: `"127.0.0.1:9469"`, or `"[::1]:9469"` for IPv6.
    ///
    /// - Throws: ``MetricsListenError`` when it is not `IP:PORT` or the IP is not a loopback address.
    public init(listen text: String) throws(MetricsListenError) {
        let host: Substring, portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .malformed(text) }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { throw .malformed(text) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = UInt16(portText), port > 0 else { throw .malformed(text) }
        guard Self.isLoopback(String(host)) else { throw .notLoopback(text) }
        self.host = String(host)
        self.port = port
    }

    /// Whether `host` is an IPv4 address in 127.0.0.0/8 or the IPv6 address ::1.
    static func isLoopback(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { $0.elementsEqual([UInt8](repeating: 0, count: 15) + [1]) }
        }
        return false
    }

    /// `host:port` as written in the config (`[::1]:9469` for IPv6).
    public var listen: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Why a `[metrics] listen` value was refused.
public enum MetricsListenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not `IP:PORT` with a port from 1 to 65535.
    case malformed(String)
    /// A valid address that other machines could reach (or a host name).
    case notLoopback(String)

    public var description: String {
        switch self {
        case let .malformed(text):
            "'listen' must be IP:PORT, e.g. \"127.0.0.1:9469\" or \"[::1]:9469\", not '\(text)'"
        case let .notLoopback(text):
            "metrics are served on loopback only (no authentication, no TLS): '\(text)' is not a loopback IP address; "
                + "use \"127.0.0.1:PORT\" or \"[::1]:PORT\" and reach it from elsewhere through a reverse proxy or an SSH tunnel"
        }
    }
}
