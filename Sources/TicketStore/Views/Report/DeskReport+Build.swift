import BusinessTime
import Foundation

extension DeskReport {
    /// The report of `rows` at `now`: a pure function, no clock or store is read.
    ///
    /// Business durations count working time on the calendar of each ticket's queue
    /// (`calendars`); `scope` limits every figure to one organisation's customers (mail that
    /// concerns no customer of it, such as dropped spam from elsewhere, is left out).
    ///
    /// ```swift
    /// let report = DeskReport(rows: try store.reportRows(from: start, to: end), calendars: calendars, now: now)
    /// ```
    public init(rows: ReportRows, calendars: ReportCalendars, scope: ReportScope = ReportScope(), now: Date) {
        let tickets = rows.tickets.filter { scope.includes(address: $0.customerAddress) }
        let outcomes = rows.promiseOutcomes.filter { scope.includes(address: $0.customerAddress) }
        func tally(_ key: (ReportRows.Ticket) -> String) -> [String: Int] {
            Dictionary(grouping: tickets, by: key).mapValues(\.count)
        }
        func sum(_ tallies: [ReportRows.Tally]) -> [String: Int] {
            tallies.filter { scope.includes(domain: $0.domain) }.reduce(into: [:]) { $0[$1.key, default: 0] += $1.count }
        }
        var answered: [(ticket: Int, wallSeconds: Double, businessSeconds: Int)] = []
        var resolved: [(ticket: Int, businessSeconds: Int)] = []
        for ticket in tickets {
            let calendar = calendars.calendar(forQueue: ticket.queue)
            if let at = ticket.firstAnsweredAt {
                answered.append((ticket.number, max(0, at.timeIntervalSince(ticket.createdAt)), max(0, calendar.businessSeconds(from: ticket.createdAt, to: at))))
            }
            if let at = ticket.resolvedAt {
                resolved.append((ticket.number, max(0, calendar.businessSeconds(from: ticket.createdAt, to: at))))
            }
        }
        self.init(
            from: rows.from, to: rows.to, now: now, tickets: tickets.count,
            byState: tally(\.state), byQueue: tally(\.queue), byLanguage: tally(\.language), byChannel: tally(\.channel),
            dropped: sum(rows.dropped), outbox: sum(rows.outbox),
            promises: PromiseOutcomes(kept: outcomes.filter(\.kept).count, missed: outcomes.filter { !$0.kept }.count),
            firstResponse: FirstResponse(answered: answered, unanswered: tickets.filter { $0.firstAnsweredAt == nil }.map(\.number)))
        organisation = scope.organisation
        acknowledgementsWithheld = sum(rows.acknowledgementsWithheld)
        resolution = Resolution(resolved: resolved, unresolved: tickets.count - resolved.count)
        promisesByQueue = Self.promiseTallies(outcomes, by: \.queue)
        promisesByAgent = Self.promiseTallies(outcomes) { $0.agent ?? "unassigned" }
        backlog = Self.backlog(rows.openTickets.filter { scope.includes(address: $0.customerAddress) }, calendars: calendars, now: now)
        reopens = Self.reopens(tickets)
        ticketsPerDay = Self.ticketsPerDay(tickets, from: rows.from, to: rows.to, calendar: calendars.standard)
        requestTypes = Self.requestTypes(tickets, calendars: calendars, now: now)
    }

    static func promiseTallies(_ outcomes: [ReportRows.PromiseOutcome], by key: (ReportRows.PromiseOutcome) -> String) -> [String: PromiseTally] {
        Dictionary(grouping: outcomes, by: key).mapValues { group in
            PromiseTally(
                kept: group.filter(\.kept).count, missed: group.filter { !$0.kept }.count,
                ticketsMissed: Set(group.filter { !$0.kept }.map(\.ticket)).sorted())
        }
    }

    /// Open tickets opened at or before `now`, bucketed by the business days of their queue they have been open.
    static func backlog(_ open: [ReportRows.Ticket], calendars: ReportCalendars, now: Date) -> Backlog {
        var backlog = Backlog()
        for ticket in open where ticket.createdAt <= now {
            let calendar = calendars.calendar(forQueue: ticket.queue)
            let label = zip(Backlog.bucketLabels.dropFirst(), Self.backlogBounds).reversed()
                .first { calendar.adding($0.1, to: ticket.createdAt) <= now }?.0 ?? Backlog.bucketLabels[0]
            backlog.open += 1
            backlog.byAge[label, default: 0] += 1
            backlog.ticketsByAge[label, default: []].append(ticket.number)
        }
        return backlog
    }

    /// The ages at which a backlog ticket moves to the next bucket: 1, 3 and 5 business days.
    static let backlogBounds: [BusinessDuration] = [1, 3, 5].map {
        // Positive day counts always make a duration.
        try! BusinessDuration.businessDays($0)
    }

    static func reopens(_ tickets: [ReportRows.Ticket]) -> Reopens {
        let reopened = tickets.filter { $0.reopens > 0 }
        let everResolved = tickets.filter { $0.reopens > 0 || $0.resolvedAt != nil }.count
        return Reopens(
            count: reopened.reduce(0) { $0 + $1.reopens },
            rate: everResolved == 0 ? nil : Double(reopened.count) / Double(everResolved),
            tickets: reopened.map(\.number))
    }

    /// The longest run of days `tickets_per_day` fills with zeros; longer periods list only days with tickets.
    static let maximumFilledDays = 1000

    static func ticketsPerDay(_ tickets: [ReportRows.Ticket], from: Date?, to: Date?, calendar: BusinessCalendar) -> [String: Int] {
        var days = Dictionary(grouping: tickets) { calendar.localDate(of: $0.createdAt) }.mapValues(\.count)
        let ends = days.keys + [from.map { calendar.localDate(of: $0) }, to.map { calendar.localDate(of: $0.addingTimeInterval(-1)) }].compactMap { $0 }
        if let first = ends.min(), let last = ends.max(), first.days(until: last) < maximumFilledDays {
            var day = first
            while day <= last {
                if days[day] == nil { days[day] = 0 }
                day = day.adding(days: 1)
            }
        }
        return Dictionary(uniqueKeysWithValues: days.map { ($0.key.description, $0.value) })
    }

    static func requestTypes(_ tickets: [ReportRows.Ticket], calendars: ReportCalendars, now: Date) -> [String: RequestTypeFigures] {
        var types: [String: RequestTypeFigures] = [:]
        var stays: [String: [String: [Double]]] = [:]
        for ticket in tickets {
            guard let type = ticket.requestType else { continue }
            let calendar = calendars.calendar(forQueue: ticket.queue)
            var figures = types[type] ?? RequestTypeFigures()
            figures.tickets += 1
            figures.ticketNumbers.append(ticket.number)
            for visit in ticket.steps {
                var step = figures.steps[visit.step] ?? StepFigures()
                step.entered += 1
                if let left = visit.leftAt {
                    step.left += 1
                    stays[type, default: [:]][visit.step, default: []].append(Double(max(0, calendar.businessSeconds(from: visit.enteredAt, to: left))))
                }
                if (visit.leftAt ?? now) > visit.dueAt {
                    step.overdue += 1
                    if step.ticketsOverdue.last != ticket.number { step.ticketsOverdue.append(ticket.number) }
                }
                figures.steps[visit.step] = step
            }
            types[type] = figures
        }
        for (type, steps) in stays {
            for (step, seconds) in steps { types[type]?.steps[step]?.businessMedianSeconds = BusinessTimeSpread.median(seconds.sorted()) }
        }
        return types
    }
}
