import BusinessTime

/// What a contract's contact is owed on a day: a notice for each share of the free hours the
/// current period has crossed, and the reminders whose day before the renewal has come; each
/// once, by its key.
public struct ContractWatch: Sendable {
    /// One mail owed to the contact.
    public enum Due: Sendable, Equatable {
        /// `threshold` of the free hours of `period` is used (`spentHours` so far).
        case notice(threshold: Double, period: ContractPeriod, spentHours: Double)
        /// `reminder` is due before the contract renews on `renewal`.
        case reminder(ContractReminder, renewal: LocalDate)
    }

    public var contract: SupportContract
    public var reminders: [ContractReminder]

    public init(contract: SupportContract, reminders: [ContractReminder]) {
        self.contract = contract
        self.reminders = reminders
    }

    /// The unique key of a due mail: it is sent when no mail with the key was sent before.
    public func key(_ due: Due) -> String {
        let organisation = contract.organisation.lowercased()
        switch due {
        case let .notice(threshold, period, _):
            return "contract:\(organisation):period:\(period.first):notice:\(Self.percent(threshold))"
        case let .reminder(reminder, renewal):
            return "contract:\(organisation):renewal:\(renewal):reminder:\(reminder.name)"
        }
    }

    /// `0.8` → `80`.
    public static func percent(_ share: Double) -> Int { Int((share * 100).rounded()) }

    /// The mails due on `today`, given the minutes logged in the period that holds it, oldest
    /// threshold first; `sent` says whether a key's mail went out already.
    public func due(today: LocalDate, minutesInPeriod: Int, sent: (String) throws -> Bool) rethrows -> [Due] {
        var due: [Due] = []
        if let period = ContractPeriod.containing(today, start: contract.start, length: contract.period), contract.hours > 0 {
            let spent = Double(minutesInPeriod) / 60
            for threshold in contract.noticeAt where spent >= threshold * contract.hours {
                let notice = Due.notice(threshold: threshold, period: period, spentHours: spent)
                if try !sent(key(notice)) { due.append(notice) }
            }
        }
        if let renewal = contract.renewal {
            for reminder in reminders where today >= renewal.adding(days: -reminder.daysBefore) && today <= renewal {
                let mail = Due.reminder(reminder, renewal: renewal)
                if try !sent(key(mail)) { due.append(mail) }
            }
        }
        return due
    }
}
