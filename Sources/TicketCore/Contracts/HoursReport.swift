import BusinessTime
import Foundation

/// Work time as stored: who, how long, when, and the ticket's customer domain.
public struct LoggedTime: Sendable, Equatable {
    public var ticket: Int
    public var staff: String
    public var minutes: Int
    public var at: Date
    public var domain: String

    public init(ticket: Int, staff: String, minutes: Int, at: Date, domain: String) {
        self.ticket = ticket
        self.staff = staff
        self.minutes = minutes
        self.at = at
        self.domain = domain
    }
}

/// The report's `hours`: time spent per organisation, split into the contract's free hours and
/// billable ones, and per staff member. Hours are decimal numbers rounded to hundredths.
public struct HoursReport: Sendable, Equatable, Encodable {
    /// One organisation's hours: `spent` every hour logged, `free` at most the contract's hours in
    /// each of its periods, `billable` the rest.
    public struct Organisation: Sendable, Equatable, Encodable {
        public var spent: Double
        public var free: Double
        public var billable: Double
    }

    public var byOrganisation: [String: Organisation]
    public var byStaff: [String: Double]

    enum CodingKeys: String, CodingKey {
        case byOrganisation = "by_organisation", byStaff = "by_staff"
    }

    /// Builds the figures of `entries` (already limited to the report's window). An entry counts
    /// for the contract whose organisation its customer's domain belongs to, in the contract
    /// period holding its day on `calendar`; other entries count for their organisation
    /// (`organisations`' name of the domain, else the domain), all billable.
    public init(entries: [LoggedTime], contracts: [SupportContract], organisations: [String: String], calendar: BusinessCalendar) {
        var contractOf: [String: SupportContract] = [:]
        for contract in contracts {
            for domain in contract.domains(organisations: organisations) where contractOf[domain] == nil { contractOf[domain] = contract }
        }
        var minutesByPeriod: [String: [ContractPeriod?: Int]] = [:]
        var hoursOf: [String: Double] = [:]
        var staffMinutes: [String: Int] = [:]
        for entry in entries {
            staffMinutes[entry.staff, default: 0] += entry.minutes
            let name: String
            var period: ContractPeriod?
            if let contract = contractOf[entry.domain] {
                name = contract.organisation
                hoursOf[name] = contract.hours
                period = ContractPeriod.containing(calendar.localDate(of: entry.at), start: contract.start, length: contract.period)
            } else {
                name = organisations[entry.domain] ?? (entry.domain.isEmpty ? "unknown" : entry.domain)
            }
            minutesByPeriod[name, default: [:]][period, default: 0] += entry.minutes
        }
        byOrganisation = minutesByPeriod.mapValues { _ in Organisation(spent: 0, free: 0, billable: 0) }
        for (name, periods) in minutesByPeriod {
            var spent = 0.0, free = 0.0
            for (period, minutes) in periods {
                let hours = Double(minutes) / 60
                spent += hours
                if period != nil, let included = hoursOf[name] { free += min(hours, included) }
            }
            byOrganisation[name] = Organisation(spent: Self.round(spent), free: Self.round(free), billable: Self.round(spent - free))
        }
        byStaff = staffMinutes.mapValues { Self.round(Double($0) / 60) }
    }

    public static func round(_ hours: Double) -> Double { (hours * 100).rounded() / 100 }
}
