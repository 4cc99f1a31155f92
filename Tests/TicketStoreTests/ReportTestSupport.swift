import Foundation
import TicketCore
@testable import TicketStore

extension SQLiteStorage {
    /// The report of `from..<to` on the standard Budapest calendar, at the wall clock: for tests of other figures.
    func report(from: Date?, to: Date?) throws -> DeskReport {
        let calendar = PromisePolicy.standard(timeZone: TimeZone(identifier: "Europe/Budapest")!).calendar
        return DeskReport(rows: try reportRows(from: from, to: to), calendars: ReportCalendars(standard: calendar), now: Date())
    }
}
