import Foundation
import GRDB

/// The SQLite tables as rows for `ticketd migrate`.
extension SQLiteStorage: StoreExport {
    public func exportRows(of table: String, _ body: ([String: StoredValue]) throws -> Void) throws -> Int {
        try writer.read { db in
            guard try db.tableExists(table) else { return 0 }
            let order = try db.primaryKey(table).columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            var count = 0
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY \(order)")
            while let row = try rows.next() {
                var values: [String: StoredValue] = [:]
                for (column, value) in row {
                    switch value.storage {
                    case .null: values[column] = .null
                    case let .int64(number): values[column] = .integer(number)
                    case let .double(number): values[column] = .real(number)
                    case let .string(text): values[column] = .text(text)
                    case let .blob(data): values[column] = .blob([UInt8](data))
                    }
                }
                try body(values)
                count += 1
            }
            return count
        }
    }

    public func highestTicketNumber() throws -> Int {
        try writer.read { db in
            try Int.fetchOne(db, sql: """
                SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0), COALESCE((SELECT MAX(number) FROM tickets), 0))
                """) ?? 0
        }
    }
}
