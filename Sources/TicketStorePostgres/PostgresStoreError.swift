import PostgresNIO

/// What went wrong talking to PostgreSQL, in words an admin can act on (no query values, so no
/// mail text or addresses end up in logs).
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    /// The server's SQLSTATE (`40001` serialization failure, `23505` unique violation…), nil when
    /// the server never answered.
    public var sqlState: String?
    public var message: String
    /// What the store was doing.
    public var doing: String

    init(sqlState: String? = nil, message: String, doing: String) {
        self.sqlState = sqlState
        self.message = message
        self.doing = doing
    }

    init(_ error: any Error, doing: String) {
        if let known = error as? PostgresStoreError {
            self = known
            return
        }
        self.doing = doing
        guard let error = error as? PSQLError else {
            sqlState = nil
            message = "\(error)"
            return
        }
        sqlState = error.serverInfo?[.sqlState]
        if let server = error.serverInfo?[.message] {
            message = server + (error.serverInfo?[.detail].map { " (\($0))" } ?? "")
        } else {
            message = "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
    }

    /// A serialization failure or deadlock: running the whole transaction again succeeds.
    var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }

    /// Another transaction inserted the same unique key first.
    var isUniqueViolation: Bool { sqlState == "23505" }

    public var description: String {
        "PostgreSQL: \(message)" + (sqlState.map { " [SQLSTATE \($0)]" } ?? "") + " while trying to \(doing)"
    }

    /// Runs a column decode, naming the column's type mismatch as a store error.
    static func decoding<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw PostgresStoreError(message: "a stored value has an unexpected type: \(error)", doing: "read a row")
        }
    }
}
