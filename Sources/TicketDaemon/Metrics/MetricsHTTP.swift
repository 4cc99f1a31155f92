/// The little HTTP/1.1 the metrics endpoint speaks, without I/O: where a request head ends,
/// and the response to it. One request per connection; the connection is closed after it.
enum MetricsHTTP {
    /// The media type of the Prometheus text exposition format.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// A request head longer than this is refused (a scrape sends a few hundred bytes).
    static let maximumHeadSize = 8192

    /// A complete response, ready to write.
    struct Response {
        var status: Int
        var reason: String
        var headers: [(String, String)] = []
        var body: [UInt8]

        /// Status line, headers (with Content-Length and `Connection: close`), blank line, body.
        var bytes: [UInt8] {
            var head = "HTTP/1.1 \(status) \(reason)\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
            return Array(head.utf8) + body
        }

        static func text(_ status: Int, _ reason: String, _ message: String, headers: [(String, String)] = []) -> Response {
            Response(status: status, reason: reason, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: Array("\(message)\n".utf8))
        }
    }

    /// The length of the request head in `bytes` (through the blank line), nil while incomplete.
    static func headLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for index in 1..<bytes.count where bytes[index] == 10 {
            if bytes[index - 1] == 10 { return index + 1 }
            if index >= 3, bytes[index - 1] == 13, bytes[index - 2] == 10 { return index + 1 }
        }
        return nil
    }

    /// The answer to a request head: `GET /metrics` → 200 with `exposition()`,
    /// another path → 404, another method → 405, no valid request line → 400.
    static func response(toHead head: [UInt8], exposition: () -> [UInt8]) -> Response {
        let requestLine = head.prefix { $0 != 13 && $0 != 10 }
        let parts = String(decoding: requestLine, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].hasPrefix("/"), parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else {
            return .text(400, "Bad Request", "expected a request line such as: GET /metrics HTTP/1.1")
        }
        let method = parts[0], path = parts[1].prefix { $0 != "?" }
        guard path == "/metrics" else {
            return .text(404, "Not Found", "not found; the metrics are at /metrics")
        }
        guard method == "GET" else {
            return .text(405, "Method Not Allowed", "only GET", headers: [("Allow", "GET")])
        }
        return Response(status: 200, reason: "OK", headers: [("Content-Type", contentType)], body: exposition())
    }
}
