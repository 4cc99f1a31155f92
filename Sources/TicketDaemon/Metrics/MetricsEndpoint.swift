import Foundation
import Logging
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Serves `GET /metrics` (Prometheus text format) over plain HTTP/1.1 on a loopback TCP port.
///
/// The socket is bound in `init`, so a taken port fails the start at once. `run()` serves from
/// one dedicated thread (never the cooperative pool), one connection at a time: read the request
/// head, answer, close. Each connection gets `timeout` to send its head and `timeout` to take the
/// answer, so a slow or silent client cannot wedge the endpoint. Graceful shutdown or
/// cancellation stops the thread; the socket closes when the endpoint is released.
///
/// ```swift
/// let endpoint = try MetricsEndpoint(host: "127.0.0.1", port: 9469, logger: logger) { registry.emitToBuffer() }
/// let group = ServiceGroup(services: [endpoint, daemon], logger: logger)
/// ```
public final class MetricsEndpoint: Service, Sendable {
    /// The address it listens on, `127.0.0.1:9469` (the port chosen by the kernel when 0 was asked).
    public let address: String
    /// The bound port.
    public let port: UInt16
    let listener: Int32
    /// Written to by `stop()`; the serving thread polls it beside the listener.
    let wake: (read: Int32, write: Int32)
    let timeout: Duration
    let logger: Logger
    let exposition: @Sendable () -> [UInt8]

    /// Binds and listens on `host:port`.
    ///
    /// - Parameters:
    ///   - host: an IP address (`127.0.0.1`, `::1`).
    ///   - port: the TCP port; 0 lets the kernel choose (see ``port``).
    ///   - timeout: how long one client may take to send its request, and again to read the answer.
    ///   - exposition: the metrics in the Prometheus text format, called on the serving thread per request.
    /// - Throws: ``MetricsEndpointError`` when the address is not an IP address or cannot be bound.
    public init(
        host: String, port: UInt16, timeout: Duration = .seconds(5), logger: Logger, exposition: @escaping @Sendable () -> [UInt8]
    ) throws(MetricsEndpointError) {
        let requested = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var address = sockaddr_storage()
        var length: socklen_t
        var family: Int32
        var v4 = in_addr(), v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &address) { raw in
                let sin = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                sin.pointee.sin_family = sa_family_t(AF_INET)
                sin.pointee.sin_port = port.bigEndian
                sin.pointee.sin_addr = v4
            }
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &address) { raw in
                let sin6 = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                sin6.pointee.sin6_family = sa_family_t(AF_INET6)
                sin6.pointee.sin6_port = port.bigEndian
                sin6.pointee.sin6_addr = v6
            }
        } else {
            throw .invalidAddress(host)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw .cannotListen(address: requested, operation: "socket", reason: Self.lastError) }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 16) == 0 else {
            let error = MetricsEndpointError.cannotListen(address: requested, operation: bound == 0 ? "listen" : "bind", reason: Self.lastError)
            close(fd)
            throw error
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            let error = MetricsEndpointError.cannotListen(address: requested, operation: "pipe", reason: Self.lastError)
            close(fd)
            throw error
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) } }
        let boundPort = withUnsafeBytes(of: &actual) { raw in
            family == AF_INET
                ? UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port) : UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        listener = fd
        wake = (pipeEnds[0], pipeEnds[1])
        self.port = boundPort
        self.address = host.contains(":") ? "[\(host)]:\(boundPort)" : "\(host):\(boundPort)"
        self.timeout = timeout
        self.logger = logger
        self.exposition = exposition
    }

    deinit {
        close(listener)
        close(wake.read)
        close(wake.write)
    }

    /// Serves until graceful shutdown or cancellation. Call it once.
    public func run() async throws {
        logger.info("metrics endpoint listening", metadata: ["metrics.listen": "\(address)"])
        await withTaskCancellationOrGracefulShutdownHandler {
            await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    self.serve()
                    finished.resume()
                }
                thread.name = "ticketd.metrics"
                thread.start()
            }
        } onCancelOrGracefulShutdown: {
            self.stop()
        }
        logger.info("metrics endpoint stopped", metadata: ["metrics.listen": "\(address)"])
    }

    /// Makes the serving thread return (at once, or as soon as it starts).
    func stop() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    /// The accept loop, on the endpoint's own thread.
    func serve() {
        var descriptors = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        while true {
            for index in descriptors.indices { descriptors[index].revents = 0 }
            guard poll(&descriptors, nfds_t(descriptors.count), -1) >= 0 else {
                if errno == EINTR { continue }
                logger.error("metrics endpoint stops: poll failed", metadata: ["error": "\(Self.lastError)"])
                return
            }
            if descriptors[1].revents != 0 { return }
            guard descriptors[0].revents != 0 else { continue }
            let client = accept(listener, nil, nil)
            // EAGAIN: the client left between poll and accept; other errors are the client's too.
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            answer(client)
            shutdown(client, Int32(SHUT_WR))
            close(client)
        }
    }

    /// Reads one request head from `client` and writes the response.
    func answer(_ client: Int32) {
        let response: MetricsHTTP.Response
        switch readHead(client) {
        case let .head(head):
            response = MetricsHTTP.response(toHead: head, exposition: exposition)
        case .tooLarge:
            response = .text(431, "Request Header Fields Too Large", "request head over \(MetricsHTTP.maximumHeadSize) bytes")
        case .timedOut:
            logger.debug("metrics client too slow: closed", metadata: ["metrics.timeout_s": "\(timeout.components.seconds)"])
            response = .text(408, "Request Timeout", "no complete request within \(timeout)")
        case .closed:
            return
        }
        deliver(response.bytes, to: client)
        logger.trace("metrics request answered", metadata: ["http.status": "\(response.status)"])
    }

    enum HeadRead {
        case head([UInt8])
        case tooLarge
        case timedOut
        case closed
    }

    func readHead(_ client: Int32) -> HeadRead {
        let deadline = ContinuousClock.now + timeout
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while true {
            if let length = MetricsHTTP.headLength(received) { return .head(Array(received.prefix(length))) }
            if received.count > MetricsHTTP.maximumHeadSize { return .tooLarge }
            guard waitUntilReady(client, for: POLLIN, deadline: deadline) else { return .timedOut }
            let count = recv(client, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard count > 0 else { return .closed }
            received += buffer[0..<count]
        }
    }

    /// Writes `bytes`, giving up when the client has not taken them within `timeout`.
    func deliver(_ bytes: [UInt8], to client: Int32) {
        let deadline = ContinuousClock.now + timeout
        var offset = 0
        while offset < bytes.count {
            guard waitUntilReady(client, for: POLLOUT, deadline: deadline) else {
                logger.debug("metrics client does not read the answer: closed")
                return
            }
            let written = bytes.withUnsafeBytes { send(client, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
            if written < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Waits until `client` is ready for `events`; false at `deadline`.
    func waitUntilReady(_ client: Int32, for events: Int32, deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = deadline - .now
            guard remaining > .zero else { return false }
            let milliseconds = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
            var descriptor = pollfd(fd: client, events: Int16(events), revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: milliseconds))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return false }
        }
    }

    static var lastError: String { String(cString: strerror(errno)) }
}

/// Why the metrics endpoint could not start.
public enum MetricsEndpointError: Error, Sendable, CustomStringConvertible {
    /// The host is not an IPv4 or IPv6 address.
    case invalidAddress(String)
    /// The socket could not be set up; `operation` is the call that failed.
    case cannotListen(address: String, operation: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidAddress(host):
            "cannot serve metrics on '\(host)': not an IP address; set [metrics] listen = \"127.0.0.1:PORT\""
        case let .cannotListen(address, operation, reason):
            "cannot serve metrics on \(address): \(operation) failed: \(reason); "
                + "if another process has the port, stop it or choose another [metrics] listen"
        }
    }
}
