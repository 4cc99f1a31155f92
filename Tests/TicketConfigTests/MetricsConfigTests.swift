import Testing
@testable import TicketConfig

@Suite("[metrics] config")
struct MetricsConfigTests {
    func parse(_ metrics: String) throws(ConfigError) -> LoadedConfig {
        try ConfigLoader.parse(source: ConfigLoaderTests.minimal + "\n\n" + metrics, path: "t.toml")
    }

    /// The line `listen` is on when appended after the minimal config.
    var listenLine: Int { ConfigLoaderTests.minimal.split(separator: "\n", omittingEmptySubsequences: false).count + 3 }

    @Test func absentSectionMeansNoMetrics() throws {
        #expect(try parse("").config.metrics == nil)
    }

    @Test(arguments: [
        ("127.0.0.1:9469", "127.0.0.1", UInt16(9469)),
        ("127.1.2.3:1", "127.1.2.3", UInt16(1)),
        ("[::1]:9469", "::1", UInt16(9469)),
    ])
    func loopbackAddressesAreAccepted(listen: String, host: String, port: UInt16) throws {
        let metrics = try #require(try parse("[metrics]\nlisten = \"\(listen)\"").config.metrics)
        #expect(metrics.host == host)
        #expect(metrics.port == port)
        #expect(metrics.listen == listen)
    }

    @Test(arguments: ["0.0.0.0:9469", "192.168.1.10:9469", "[::]:9469", "[2001:db8::1]:9469", "localhost:9469"])
    func otherAddressesAreRefusedAtTheirLine(listen: String) {
        #expect {
            _ = try parse("[metrics]\nlisten = \"\(listen)\"")
        } throws: { error in
            guard let issue = (error as? ConfigError)?.issues.first else { return false }
            return issue.line == listenLine && issue.description.hasPrefix("t.toml:\(listenLine):")
                && issue.message.contains("loopback only") && issue.message.contains(listen)
        }
    }

    @Test(arguments: ["127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:http", ":9469", "::1:9469", "[::1]9469"])
    func malformedValuesAreRefused(listen: String) {
        #expect(throws: MetricsListenError.malformed(listen)) { try MetricsSettings(listen: listen) }
    }

    @Test func unknownKeysAreWarnedAbout() throws {
        let loaded = try parse("[metrics]\nlisten = \"127.0.0.1:9469\"\npath = \"/stats\"")
        #expect(loaded.warnings.contains { $0.message.contains("unknown key 'path' in [metrics]") })
    }
}
