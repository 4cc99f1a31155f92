import BusinessTime
import Foundation
import TicketCore

/// A device swap as in `config/ticketd.toml`, on a Budapest office calendar with Hungarian holidays.
enum StepFixtures {
    static let budapest = TimeZone(identifier: "Europe/Budapest")!

    /// Mon–Fri 08:00–17:00 in Budapest, Hungarian holidays (2026-12-24..26 closed).
    static let calendar = BusinessCalendar(
        timeZone: budapest, schedule: try! WeeklySchedule(parsing: "mon-fri 08:00-17:00"), holidays: .hungary)

    static let deviceSwap = try! RequestType(
        name: "device_swap",
        titles: ["en": "Device replacement", "hu": "Eszközcsere", "pl": "Wymiana urządzenia"],
        steps: [
            RequestTypeStep(name: "triage", owner: .queue("support"), due: try! .businessHours(4)),
            RequestTypeStep(name: "visit", owner: .skill("field"), due: try! .businessDays(2), notify: .visitScheduled),
            RequestTypeStep(name: "done", owner: .queue("support"), due: try! .businessDays(1), notify: .done),
        ],
        escalation: [try! EscalationRung(after: 1.5, to: .role(.manager)), try! EscalationRung(after: 1.0, to: .role(.lead))])

    static let machine = StepMachine(type: deviceSwap, calendar: calendar)

    /// The instant Budapest's wall clock shows `text` ("2026-12-23 14:00").
    static func wall(_ text: String) -> Date {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = budapest
        let n = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        return gregorian.date(from: DateComponents(year: n[0], month: n[1], day: n[2], hour: n[3], minute: n[4]))!
    }
}
