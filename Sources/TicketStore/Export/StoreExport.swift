import Foundation

/// A store's tables as plain rows, for moving an installation to another backend
/// (`ticketd migrate`). Columns keep the store's names; values keep their stored form.
public protocol StoreExport {
    /// Calls `body` with every row of `table` in primary-key order; returns how many there were.
    func exportRows(of table: String, _ body: ([String: StoredValue]) throws -> Void) throws -> Int
    /// The highest ticket number ever given (numbers are never reused).
    func highestTicketNumber() throws -> Int
}

/// One stored value as SQLite keeps it.
public enum StoredValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
