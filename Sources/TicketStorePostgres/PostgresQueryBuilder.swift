import Foundation
import PostgresNIO

/// Builds a query whose text depends on its inputs (open-ended periods, optional filters), with
/// every value still a `$n` parameter.
struct PostgresQueryBuilder {
    private(set) var query = PostgresQuery(unsafeSQL: "")

    init(_ sql: String = "") {
        query.sql = sql
    }

    /// Appends SQL text as it is (never a value).
    mutating func sql(_ text: String) {
        query.sql += text
    }

    /// Appends `value` as the next parameter.
    mutating func bind(_ value: some PostgresNonThrowingEncodable) {
        query.binds.append(value)
        query.sql += "$\(query.binds.count)"
    }

    /// Appends "`column` >= from AND `column` < to" without the open ends ("TRUE" when both are open).
    mutating func period(_ column: String, from: Date?, to: Date?) {
        guard from != nil || to != nil else {
            sql(" TRUE")
            return
        }
        if let from {
            sql(" \(column) >= ")
            bind(from)
        }
        if let to {
            sql(from == nil ? " \(column) < " : " AND \(column) < ")
            bind(to)
        }
    }
}
