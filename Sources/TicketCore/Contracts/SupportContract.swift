import BusinessTime

/// A customer organisation's support contract (`[[contract]]`): free hours per period, when it
/// renews, and who hears about it.
public struct SupportContract: Sendable, Equatable {
    /// An organisation name from `[organisations]`, or a mail domain.
    public var organisation: String
    /// Free hours per period; work past them is billable.
    public var hours: Double
    public var period: ContractPeriodLength
    /// The first day of the first period.
    public var start: LocalDate
    /// When the contract is up for renewal (reminders count back from it).
    public var renewal: LocalDate?
    /// Who gets threshold notices and renewal reminders.
    public var contact: String
    /// The contact's language; nil: the desk's default.
    public var language: String?
    /// The queue of the tickets its notices and reminders open (the contact's answers land there).
    public var queue: String
    /// Shares of `hours` whose crossing sends the contact one notice per period (default 0.8 and 1.0).
    public var noticeAt: [Double]

    public static let defaultNoticeAt = [0.8, 1.0]

    public init(
        organisation: String, hours: Double, period: ContractPeriodLength, start: LocalDate, renewal: LocalDate? = nil, contact: String,
        language: String? = nil, queue: String = "support", noticeAt: [Double] = defaultNoticeAt
    ) {
        self.queue = queue
        self.organisation = organisation
        self.hours = hours
        self.period = period
        self.start = start
        self.renewal = renewal
        self.contact = contact.lowercased()
        self.language = language
        self.noticeAt = noticeAt.sorted()
    }

    /// The mail domains whose customers' tickets count against this contract: the organisation
    /// itself when it is a domain, and every domain `organisations` (domain → name) maps to it.
    public func domains(organisations: [String: String]) -> [String] {
        let name = organisation.lowercased()
        var domains = Set(organisations.filter { $0.value.lowercased() == name }.map { $0.key.lowercased() })
        if name.contains(".") { domains.insert(name) }
        return domains.sorted()
    }

    /// The hours of a period's logged `minutes` that are free and those that are billable.
    public func split(minutes: Int) -> (free: Double, billable: Double) {
        let spent = Double(minutes) / 60
        let free = min(spent, hours)
        return (free, spent - free)
    }
}

/// `[[reminder]]`: a mail to every contract's contact `before` its renewal, once per renewal.
public struct ContractReminder: Sendable, Equatable {
    public var name: String
    /// Calendar days before the renewal day.
    public var daysBefore: Int
    public var template: TemplateKind

    public init(name: String, daysBefore: Int, template: TemplateKind) {
        self.name = name
        self.daysBefore = daysBefore
        self.template = template
    }
}
