import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization
import TicketConfig

/// The one place where the synchronous store meets postgres-nio's futures: one connection on its
/// own event-loop thread, used by one caller at a time.
///
/// The store protocols are synchronous and called from dedicated worker threads (pollers, the
/// outbox sender, the CLI), never from an event loop; each call here blocks its thread on the
/// connection's future with `wait()`. A lost connection is opened again on the next call; the
/// session-level advisory locks it held (mailbox claims) are gone with it, which is what
/// `generation` tells their holder.
final class PostgresLink: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger
    private let state = Mutex(State())

    struct State {
        var connection: PostgresConnection?
        /// Counts the connections opened: a lock taken on an earlier one is no longer held.
        var generation = 0
        var nextID = 1
    }

    /// Connects to `url` now, so that a wrong address or password fails the start.
    init(url: PostgresURL, applicationName: String, logger: Logger) throws {
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: try Self.tls(url.tls))
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        self.configuration = configuration
        self.logger = logger
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try withSession { _ in }
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    deinit {
        let connection = state.withLock { $0.connection }
        try? connection?.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// Runs `body` with the connection to itself; a dead connection is replaced first.
    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        let (connection, generation) = try state.withLock { state throws -> (PostgresConnection, Int) in
            if let open = state.connection, !open.isClosed { return (open, state.generation) }
            do {
                let connection = try PostgresConnection.connect(
                    on: group.next(), configuration: configuration, id: state.nextID, logger: logger
                ).wait()
                state.nextID += 1
                state.generation += 1
                state.connection = connection
                return (connection, state.generation)
            } catch {
                throw PostgresStoreError(error, doing: "connect to \(configuration.host ?? "?"):\(configuration.port ?? 5432)")
            }
        }
        return try serial.withLock { _ in try body(PostgresSession(connection: connection, generation: generation, logger: logger)) }
    }

    /// Whether connection `generation` is the one open now: what it holds (locks, claims) still stands.
    func isOpen(generation: Int) -> Bool {
        state.withLock { $0.generation == generation && $0.connection.map { !$0.isClosed } == true }
    }

    /// Held while a caller has the connection: one statement sequence (or transaction) at a time.
    private let serial = Mutex(())

    private static func tls(_ mode: PostgresURL.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        switch mode {
        case .disable:
            return .disable
        case .require:
            var settings = TLSConfiguration.makeClientConfiguration()
            settings.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: settings))
        case .verifyFull:
            return .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
    }
}

/// The connection in the hands of one caller: statements block until the server answers.
struct PostgresSession {
    let connection: PostgresConnection
    /// Which connection of the link this is (see `PostgresLink.State.generation`).
    let generation: Int
    let logger: Logger

    /// The rows of `query`.
    func rows(_ query: PostgresQuery) throws -> [PostgresRandomAccessRow] {
        try run(query).rows.map { $0.makeRandomAccess() }
    }

    /// The first row of `query`, if any.
    func row(_ query: PostgresQuery) throws -> PostgresRandomAccessRow? {
        try rows(query).first
    }

    /// The first column of the first row, decoded; nil without a row or for NULL.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        guard let row = try run(query).rows.first?.makeRandomAccess(), row.count > 0, row[0].bytes != nil else { return nil }
        return try PostgresStoreError.decoding { try row[0].decode(T.self) }
    }

    /// Runs a statement; returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try run(query).metadata.rows ?? 0
    }

    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            throw PostgresStoreError(error, doing: String(query.sql.prefix(60)))
        }
    }
}

extension PostgresRandomAccessRow {
    /// Column `name` decoded as `T` (an Optional for nullable columns).
    func get<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        try PostgresStoreError.decoding { try self[name].decode(T.self) }
    }

    /// A bytea column as bytes (empty for NULL).
    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try get(name, as: Data?.self) ?? Data())
    }

    /// A newline-joined list column as its items.
    func lines(_ name: String) throws -> [String] {
        (try get(name, as: String?.self) ?? "").split(separator: "\n").map(String.init)
    }
}
