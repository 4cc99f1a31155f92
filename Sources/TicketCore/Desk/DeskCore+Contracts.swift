import BusinessTime
import Foundation
import MailMessage

extension DeskCore {
    /// Logs `minutes` of work by `staff` on ticket `number`, done at `at` (default: `now`).
    public func logTime(
        ticket number: Int, staff: String, minutes: Int, note: String?, at: Date? = nil, actor: String, snapshot: some DeskSnapshot, now: Date
    ) throws -> [DeskEffect] {
        guard try snapshot.ticket(number: number) != nil else { throw DeskError.noSuchTicket(number) }
        let entry = TimeEntry(staff: staff, minutes: minutes, note: note, at: at ?? now)
        return [
            .logTime(ticket: number, entry),
            .addEvent(ticket: number, TicketEvent(
                at: now, kind: .time, actor: actor, detail: "\(TimeEntry.describe(minutes: minutes)) logged for \(entry.staff)\(note.map { ": \($0)" } ?? "")")),
        ]
    }

    /// Removes time entry `id` of ticket `number` (logged by mistake).
    public func removeTime(ticket number: Int, entry id: Int64, actor: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard let entry = try snapshot.timeEntries(ticket: number).first(where: { $0.id == id }) else { throw DeskError.noSuchTimeEntry(id, ticket: number) }
        return [
            .removeTime(ticket: number, entry: id),
            .addEvent(ticket: number, TicketEvent(
                at: now, kind: .time, actor: actor, detail: "time entry \(id) removed (\(TimeEntry.describe(minutes: entry.minutes)) of \(entry.staff))")),
        ]
    }

    /// Every contract's mail due at `now`: a notice for each share of the current period's free
    /// hours crossed, and renewal reminders whose day has come. Each opens a ticket to the
    /// contract's contact (so the answer threads), waiting for them, and is recorded under its
    /// key so that it goes out once.
    public func watchContracts(snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        let calendar = rules.policy.calendar
        let today = calendar.localDate(of: now)
        var effects: [DeskEffect] = []
        var opened = 0
        for contract in rules.contracts {
            let watch = ContractWatch(contract: contract, reminders: rules.reminders)
            var minutes = 0
            if let period = ContractPeriod.containing(today, start: contract.start, length: contract.period) {
                let span = period.instants(on: calendar)
                minutes = try snapshot.minutesLogged(domains: contract.domains(organisations: rules.organisations), from: span.from, to: span.to)
            }
            for due in try watch.due(today: today, minutesInPeriod: minutes, sent: { try snapshot.contractMailSent(key: $0) }) {
                let number = try snapshot.nextTicketNumber() + opened
                let mail = try contractMail(due, key: watch.key(due), contract: contract, number: number, now: now)
                if !mail.isEmpty { opened += 1 }
                effects += mail
            }
        }
        return effects
    }

    /// The effects of one contract mail: its ticket, the mail and its key.
    func contractMail(_ due: ContractWatch.Due, key: String, contract: SupportContract, number: Int, now: Date) throws -> [DeskEffect] {
        let language = contract.language ?? rules.planner.defaultLanguage
        let composer = rules.composer(forQueue: contract.queue)
        var values: [String: Any] = [
            "organisation": contract.organisation, "hours": Self.hours(contract.hours),
            "period_length": Self.periodLength(contract.period, language: language),
        ]
        if let renewal = contract.renewal { values["renewal"] = renewal.description }
        let template: TemplateKind, subject: String, detail: String
        switch due {
        case let .notice(threshold, period, spent):
            template = .contractNotice
            values["spent"] = Self.hours(spent)
            values["percent"] = ContractWatch.percent(threshold)
            values["used_percent"] = Int((spent / contract.hours * 100).rounded(.down))
            values["period"] = "\(period.first) – \(period.next.adding(days: -1))"
            if spent >= contract.hours { values["over"] = true }
            subject = "\(contract.organisation): \(ContractWatch.percent(threshold))% of the support hours of \(period.first)–\(period.next.adding(days: -1))"
            detail = "notice to \(contract.contact): \(Self.hours(spent)) of \(Self.hours(contract.hours)) hours used (\(ContractWatch.percent(threshold))%)"
        case let .reminder(reminder, renewal):
            template = reminder.template
            subject = "\(contract.organisation): support contract renewal on \(renewal)"
            detail = "reminder \(reminder.name) to \(contract.contact): the contract renews on \(renewal)"
        }
        let customer = Customer(address: contract.contact)
        let new = NewTicket(
            subject: subject, normalizedSubject: SubjectNormalizer.normalize(subject, tagFormat: rules.planner.matcher.tagFormat),
            customer: customer, queue: contract.queue, language: language, channel: "email")
        let ticket = Ticket(
            number: number, subject: subject, normalizedSubject: new.normalizedSubject, state: .waiting, queue: contract.queue, language: language,
            customer: customer, createdAt: now)
        let envelope = rules.envelope(ticket: number, queue: contract.queue, inReplyTo: nil, references: [])
        guard let mail = composer.contractMail(template, ticket: ticket, values: values, envelope: envelope, now: now) else { return [] }
        return [
            .openTicket(number: number, new),
            .setState(ticket: number, .waiting),
            .addEvent(ticket: number, TicketEvent(at: now, kind: .contract, actor: "system", detail: "opened for the contract of \(contract.organisation): \(detail)")),
            .recordContractMail(key: key, ticket: number),
            .queueMail(mail, author: nil, onQueued: .system(.mailQueued, "\(template.rawValue) queued to \(contract.contact)", at: now)),
        ] + staffCopies(of: mail, ticket: ticket, values: values, envelope: envelope, now: now)
    }

    /// A copy of contract mail `mail` for each staff member of the contract's queue, with their
    /// verifiable reply address: the desk knows what its customers were told about their hours.
    /// Sent in the decision that sends `mail`, so once with it.
    func staffCopies(of mail: OutgoingMail, ticket: Ticket, values: [String: Any], envelope: TicketMailComposer.Envelope, now: Date) -> [DeskEffect] {
        guard let desk = rules.staff else { return [] }
        let composer = rules.composer(forQueue: ticket.queue)
        var values = values
        values["text"] = mail.text
        return desk.recipients(for: ticket).enumerated().compactMap { offset, member in
            let replyTo = desk.replyAddress(desk: envelope.from.address, ticket: ticket.number, staff: member.address)
            return composer.staffNotice(
                .contractCopy, ticket: ticket, to: .init(address: member.address, name: member.name), replyTo: replyTo, values: values,
                sequence: 1 + offset, envelope: envelope, now: now)
            .map { .queueMail($0, author: nil, onQueued: .system(.mailQueued, "copy of the contract mail queued to \(member.address)", at: now)) }
        }
    }

    /// Hours as people write them: `8`, `7.5`, `0.25`.
    static func hours(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded).replacingOccurrences(of: #"0$"#, with: "", options: .regularExpression)
    }

    /// `month` in the reader's language.
    static func periodLength(_ length: ContractPeriodLength, language: String) -> String {
        switch (language, length) {
        case ("hu", .month): "hónap"
        case ("hu", .quarter): "negyedév"
        case ("hu", .year): "év"
        case ("pl", .month): "miesiąc"
        case ("pl", .quarter): "kwartał"
        case ("pl", .year): "rok"
        default: length.rawValue
        }
    }
}
