import Foundation
import Testing

/// The private PostgreSQL cluster `scripts/test` starts (`scripts/pgserver`), named by
/// `TICKETD_TEST_PG_URL`; the PostgreSQL tests are skipped without it.
enum PostgresCluster {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether a cluster is there to test against.
    static var isAvailable: Bool { environment["TICKETD_TEST_PG_URL"] != nil }

    static let skipMessage: Comment =
        "TICKETD_TEST_PG_URL is not set: run scripts/test (it starts a private PostgreSQL), or `scripts/pgserver start DIR` and source DIR/pg.env"

    /// A new, empty database of its own for one test; returns its `postgres://` URL.
    static func createDatabase() throws -> String {
        guard let base = environment["TICKETD_TEST_PG_URL"], var url = URLComponents(string: base) else {
            throw HarnessError("TICKETD_TEST_PG_URL is not set")
        }
        let name = "t_" + String(UInt64.random(in: 0..<UInt64.max), radix: 36)
        _ = try psql(base, "CREATE DATABASE \(name)")
        url.path = "/" + name
        return url.string ?? base
    }

    /// Runs `sql` with psql against `url` and returns its unaligned, tuples-only output.
    static func psql(_ url: String, _ sql: String) throws -> String {
        let bin = environment["TICKETD_TEST_PG_BIN"] ?? "/usr/bin"
        let output = try Harness.run(bin + "/psql", [url, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard output.status == 0 else { throw HarnessError("psql failed: \(output.stderr)") }
        return output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
