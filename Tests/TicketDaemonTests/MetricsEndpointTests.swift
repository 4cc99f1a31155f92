import Foundation
import Logging
import Prometheus
import Testing
import TestSupport
import TicketCore
@testable import TicketDaemon

/// The endpoint over a real loopback socket.
@Suite("Metrics endpoint", .timeLimit(.minutes(1)))
struct MetricsEndpointTests {
    /// An endpoint on a kernel-chosen port serving `registry` from a thread of its own while `body`
    /// runs. Serving does not go through `run()`, so a cooperative pool kept busy by other tests
    /// cannot delay the first answer.
    func withEndpoint(
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), timeout: Duration = .seconds(5),
        _ body: (MetricsEndpoint) async throws -> Void
    ) async throws {
        let endpoint = try MetricsEndpoint(host: "127.0.0.1", port: 0, timeout: timeout, logger: Logger(label: "test")) { registry.emitToBuffer() }
        let stopped = DispatchSemaphore(value: 0)
        Thread {
            endpoint.serve()
            stopped.signal()
        }.start()
        defer {
            endpoint.stop()
            stopped.wait()
        }
        try await body(endpoint)
    }

    /// Runs blocking client I/O on a thread of its own, so it never starves the cooperative pool
    /// that `run()` needs to start the endpoint.
    func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// GET `path` and everything the server answered.
    func get(_ path: String, port: UInt16) async throws -> String {
        try await offPool {
            let client = try LoopbackClient(port: port)
            client.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            return client.readAll()
        }
    }

    /// Sends `request` on a new connection and returns the answer.
    func exchange(_ request: String, port: UInt16) async throws -> String {
        try await offPool {
            let client = try LoopbackClient(port: port)
            client.send(request)
            return client.readAll()
        }
    }

    @Test func scrapeShowsWhatWasRecorded() async throws {
        let registry = PrometheusCollectorRegistry()
        let metrics = DaemonMetrics(factory: DaemonMetrics.prometheusFactory(registry: registry))
        metrics.sent(kind: "ack")
        metrics.sent(kind: "ack")
        metrics.sent(kind: "followup")
        try await withEndpoint(registry: registry) { endpoint in
            let response = try await get("/metrics", port: endpoint.port)
            #expect(response.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(response)")
            #expect(response.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"))
            #expect(response.contains("\nticketd_mail_sent_total{kind=\"ack\"} 2\n"), "\(response)")
            #expect(response.contains("\nticketd_mail_sent_total{kind=\"followup\"} 1\n"), "\(response)")
            metrics.sent(kind: "ack")
            #expect(try await get("/metrics", port: endpoint.port).contains("ticketd_mail_sent_total{kind=\"ack\"} 3\n"))
        }
    }

    @Test func otherPathsAndMethodsAreRefused() async throws {
        try await withEndpoint { endpoint in
            #expect(try await get("/", port: endpoint.port).hasPrefix("HTTP/1.1 404 Not Found\r\n"))
            #expect(try await get("/metricsx", port: endpoint.port).hasPrefix("HTTP/1.1 404 Not Found\r\n"))
            let response = try await exchange("DELETE /metrics HTTP/1.1\r\n\r\n", port: endpoint.port)
            #expect(response.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
            #expect(response.contains("\r\nAllow: GET\r\n"))
        }
    }

    @Test func aSilentClientIsDroppedAndOthersAreStillServed() async throws {
        try await withEndpoint(timeout: .milliseconds(300)) { endpoint in
            let silent = try LoopbackClient(port: endpoint.port)
            silent.send("GET /metr")
            #expect(try await get("/metrics", port: endpoint.port).hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(try await offPool { silent.readAll() }.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"))
        }
    }

    @Test func anOversizedHeadIsRefused() async throws {
        try await withEndpoint { endpoint in
            let request = "GET /metrics HTTP/1.1\r\n" + String(repeating: "X-Padding: 0123456789\r\n", count: 500)
            let response = try await exchange(request, port: endpoint.port)
            #expect(response.hasPrefix("HTTP/1.1 431 "), "\(response)")
        }
    }

    @Test func cancellationStopsTheServingThread() async throws {
        let endpoint = try MetricsEndpoint(host: "127.0.0.1", port: 0, logger: Logger(label: "test")) { [] }
        let serving = Task { try await endpoint.run() }
        // The answer waits in the listen backlog until the task has started the thread.
        #expect(try await get("/metrics", port: endpoint.port).hasPrefix("HTTP/1.1 200 OK\r\n"))
        serving.cancel()
        // run() returns only once the thread has left its loop.
        try await serving.value
    }

    @Test func aTakenPortOrABadHostFailsAtOnce() throws {
        let first = try MetricsEndpoint(host: "127.0.0.1", port: 0, logger: Logger(label: "test")) { [] }
        #expect {
            _ = try MetricsEndpoint(host: "127.0.0.1", port: first.port, logger: Logger(label: "test")) { [] }
        } throws: { error in
            "\(error)".contains("cannot serve metrics on 127.0.0.1:\(first.port): bind failed")
        }
        #expect(throws: MetricsEndpointError.self) {
            _ = try MetricsEndpoint(host: "localhost", port: 0, logger: Logger(label: "test")) { [] }
        }
    }

    @Test func ipv6LoopbackWorks() throws {
        let endpoint = try MetricsEndpoint(host: "::1", port: 0, logger: Logger(label: "test")) { [] }
        #expect(endpoint.address == "[::1]:\(endpoint.port)")
    }
}
