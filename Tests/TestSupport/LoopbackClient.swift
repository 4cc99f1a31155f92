#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP client on 127.0.0.1, for talking to a server under test byte by byte.
/// Run it off the cooperative pool (a thread of its own) when the server shares the process.
public final class LoopbackClient: Sendable {
    /// Why the connection could not be made.
    public struct ConnectError: Error, CustomStringConvertible {
        public let description: String
    }

    let descriptor: Int32

    /// Connects to 127.0.0.1:`port`; a receive waits at most `timeoutSeconds`.
    public init(port: UInt16, timeoutSeconds: Int = 40) throws(ConnectError) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ConnectError(description: "connect to 127.0.0.1:\(port): \(reason)")
        }
        var limit = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends `text` as UTF-8; false when the server did not take all of it.
    @discardableResult
    public func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Everything the server sends until it closes the connection (or the receive timeout).
    public func readAll() -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// `GET path` over a new connection: the whole response, or nil when nothing listens.
    public static func get(_ path: String, port: UInt16) -> String? {
        guard let client = try? LoopbackClient(port: port),
            client.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
        else { return nil }
        return client.readAll()
    }
}
