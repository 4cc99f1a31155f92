import Testing
@testable import TicketDaemon

@Suite("Metrics HTTP: request heads and responses")
struct MetricsHTTPTests {
    static let request = Array("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1:9469\r\nAccept: text/plain\r\n\r\n".utf8)

    @Test(arguments: 1...12)
    func headIsFoundWhateverTheChunkSize(chunk: Int) {
        var received: [UInt8] = []
        var found: Int?
        for start in stride(from: 0, to: Self.request.count, by: chunk) {
            #expect(found == nil, "complete before the blank line arrived")
            received += Self.request[start..<min(start + chunk, Self.request.count)]
            found = MetricsHTTP.headLength(received)
        }
        #expect(found == Self.request.count)
    }

    @Test func bareLineFeedsEndAHeadToo() {
        #expect(MetricsHTTP.headLength(Array("GET /metrics HTTP/1.0\n\n".utf8)) == 23)
        #expect(MetricsHTTP.headLength(Array("GET /metrics HTTP/1.1\r\nHost: x\r\n".utf8)) == nil)
    }

    @Test(arguments: [
        ("GET /metrics HTTP/1.1", 200),
        ("GET /metrics?name[]=x HTTP/1.0", 200),
        ("GET / HTTP/1.1", 404),
        ("GET /metrics/ HTTP/1.1", 404),
        ("POST /metrics HTTP/1.1", 405),
        ("HEAD /metrics HTTP/1.1", 405),
        ("GET /metrics", 400),
        ("GET metrics HTTP/1.1", 400),
        ("hello", 400),
    ])
    func requestsAreRouted(line: String, status: Int) {
        let response = MetricsHTTP.response(toHead: Array("\(line)\r\n\r\n".utf8)) { Array("up 1\n".utf8) }
        #expect(response.status == status)
        #expect((response.body == Array("up 1\n".utf8)) == (status == 200))
    }

    @Test func responseBytesCarryLengthTypeAndClose() {
        let response = MetricsHTTP.response(toHead: Self.request) { Array("up 1\n".utf8) }
        let text = String(decoding: response.bytes, as: UTF8.self)
        #expect(text == "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: 5\r\nConnection: close\r\n\r\nup 1\n")
    }
}
