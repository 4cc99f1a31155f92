import Foundation
import PostgresNIO
import TicketStore

/// `ticketd migrate`: an installation copied into an empty PostgreSQL store in one transaction.
extension PostgresStorage {
    /// One table's rows in the source and in PostgreSQL after the copy.
    public struct CopiedTable: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var copied: Int
    }

    /// Why an installation was not copied.
    public enum ImportError: Error, Sendable, CustomStringConvertible {
        /// The target holds data already (table → rows).
        case targetNotEmpty([String: Int])
        /// After copying, PostgreSQL's counts differ from the source's: everything was rolled back.
        case countsDiffer([CopiedTable])
        /// A stored value PostgreSQL's column cannot hold.
        case badValue(table: String, column: String, detail: String)

        public var description: String {
            switch self {
            case let .targetNotEmpty(tables):
                "the target database is not empty (\(tables.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) rows" }.joined(separator: ", "))); "
                    + "migrate copies into an empty ticketd database only: create a new one (createdb) and try again; nothing was changed"
            case let .countsDiffer(tables):
                "the copy does not match the source (\(tables.filter { $0.source != $0.copied }.map { "\($0.table): \($0.source) → \($0.copied)" }.joined(separator: ", "))); "
                    + "it was rolled back, nothing was changed"
            case let .badValue(table, column, detail):
                "\(table).\(column) holds a value PostgreSQL cannot take (\(detail)); nothing was changed"
            }
        }
    }

    /// Rows per INSERT statement.
    private static let batchRows = 200

    /// Copies every table of `source` in one transaction, sets the sequences past the copied ids,
    /// and checks the row count of each table; refuses a target that holds any data.
    public func importInstallation(from source: any StoreExport) throws -> [CopiedTable] {
        try transaction { session in
            var found: [String: Int] = [:]
            for table in PostgresSchema.tables where table != "spam_totals" {
                let count = try session.value(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), as: Int.self) ?? 0
                if count > 0 { found[table] = count }
            }
            guard found.isEmpty else { throw ImportError.targetNotEmpty(found) }
            try session.execute("DELETE FROM spam_totals")
            var copied: [CopiedTable] = []
            let dates = StoredDateParser()
            for table in PostgresSchema.tables {
                let columns = try Self.columnTypes(of: table, session: session)
                var batch: [[String: StoredValue]] = []
                let count = try source.exportRows(of: table) { row in
                    batch.append(row)
                    if batch.count == Self.batchRows {
                        try Self.insert(batch, into: table, columns: columns, dates: dates, session: session)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                try Self.insert(batch, into: table, columns: columns, dates: dates, session: session)
                let inPostgres = try session.value(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), as: Int.self) ?? 0
                copied.append(CopiedTable(table: table, source: count, copied: inPostgres))
                if columns["id"] != nil, try session.value("SELECT pg_get_serial_sequence(\(table), 'id')", as: String.self) != nil {
                    try session.execute(PostgresQuery(unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('\(table)', 'id'), COALESCE((SELECT MAX(id) FROM \(table)), 0) + 1, false)
                        """))
                }
            }
            let highest = try source.highestTicketNumber()
            try session.execute("SELECT setval('ticket_numbers', \(max(highest, 0) + 1), false)")
            guard copied.allSatisfy({ $0.source == $0.copied }) else { throw ImportError.countsDiffer(copied) }
            return copied
        }
    }

    /// The columns of `table` and their PostgreSQL types (`bigint`, `text`, `timestamp with time zone`…).
    private static func columnTypes(of table: String, session: PostgresSession) throws -> [String: String] {
        Dictionary(
            uniqueKeysWithValues: try session.rows(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = \(table)"
            ).map { (try $0.get("column_name", as: String.self), try $0.get("data_type", as: String.self)) })
    }

    /// One multi-row INSERT of `rows`, each value converted to its column's type; source
    /// columns PostgreSQL lacks (none today) are left out, PostgreSQL-only columns take their default.
    private static func insert(
        _ rows: [[String: StoredValue]], into table: String, columns: [String: String], dates: StoredDateParser, session: PostgresSession
    ) throws {
        guard let first = rows.first else { return }
        let names = first.keys.filter { columns[$0] != nil }.sorted()
        var query = PostgresQueryBuilder("INSERT INTO \(table) (\(names.joined(separator: ", "))) OVERRIDING SYSTEM VALUE VALUES ")
        for (index, row) in rows.enumerated() {
            query.sql(index == 0 ? "(" : ", (")
            for (position, name) in names.enumerated() {
                if position > 0 { query.sql(", ") }
                try bind(row[name] ?? .null, as: columns[name] ?? "text", table: table, column: name, dates: dates, into: &query)
            }
            query.sql(")")
        }
        try session.execute(query.query)
    }

    private static func bind(
        _ value: StoredValue, as type: String, table: String, column: String, dates: StoredDateParser, into query: inout PostgresQueryBuilder
    ) throws {
        switch (value, type) {
        case (.null, _):
            query.sql("NULL")
        case let (.integer(number), "boolean"):
            query.bind(number != 0)
        case let (.integer(number), "double precision"):
            query.bind(Double(number))
        case let (.integer(number), _):
            query.bind(Int(number))
        case let (.real(number), "bigint"):
            query.bind(Int(number))
        case let (.real(number), _):
            query.bind(number)
        case let (.text(text), "timestamp with time zone"):
            guard let date = dates.parse(text) else { throw ImportError.badValue(table: table, column: column, detail: "'\(text)' is not a date") }
            query.bind(date)
        case let (.text(text), "bytea"):
            query.bind(ByteBuffer(bytes: Array(text.utf8)))
        case let (.text(text), "bigint"):
            guard let number = Int(text) else { throw ImportError.badValue(table: table, column: column, detail: "'\(text)' is not a number") }
            query.bind(number)
        case let (.text(text), _):
            query.bind(text)
        case let (.blob(bytes), "text"):
            query.bind(String(decoding: bytes, as: UTF8.self))
        case let (.blob(bytes), _):
            query.bind(ByteBuffer(bytes: bytes))
        }
    }
}

/// Dates as GRDB writes them into SQLite: `YYYY-MM-DD HH:MM:SS.SSS` in UTC (also without the
/// fraction, and ISO 8601 with a `T`).
struct StoredDateParser {
    private let formatters: [DateFormatter] = ["yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss"].map {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = $0
        return formatter
    }

    func parse(_ text: String) -> Date? {
        for formatter in formatters {
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
