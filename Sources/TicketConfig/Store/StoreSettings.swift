/// `[store]`: where tickets, messages and the outbox are kept.
public struct StoreSettings: Sendable, Equatable {
    /// `url` with the password from `password_file`: several daemons on one PostgreSQL. Nil (the
    /// default): the SQLite database in `state_dir`, for one daemon.
    public var postgres: PostgresURL?

    public init(postgres: PostgresURL? = nil) {
        self.postgres = postgres
    }
}
