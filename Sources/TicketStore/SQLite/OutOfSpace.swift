import Foundation
import GRDB

/// Recognises "the local disk is full" in the errors that writing files and SQLite throw.
public enum OutOfSpace {
    /// True for ENOSPC/EDQUOT (as a POSIX or Foundation error) and SQLite's `SQLITE_FULL`.
    public static func matches(_ error: any Error) -> Bool {
        if let database = error as? DatabaseError { return database.resultCode == .SQLITE_FULL }
        if let storage = error as? StorageError, case let .cannotOpen(_, reason) = storage {
            return reason.contains("SQLITE_FULL") || reason.contains("database or disk is full")
        }
        if let posix = error as? POSIXError { return posix.code == .ENOSPC || posix.code == .EDQUOT }
        if let cocoa = error as? CocoaError, cocoa.code == .fileWriteOutOfSpace { return true }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return nsError.code == Int(ENOSPC) || nsError.code == Int(EDQUOT) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error { return matches(underlying) }
        return false
    }
}
