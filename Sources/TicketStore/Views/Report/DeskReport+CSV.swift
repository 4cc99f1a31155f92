import Foundation
import TicketCore

extension DeskReport {
    /// The figures as CSV rows `section,key,value` with a header line, one row per figure.
    ///
    /// The ticket total and the period have an empty key, absent values an empty value. Nested
    /// figures name their object in the section with dots (`first_response.distribution,<1h,3`,
    /// `promises_by_agent.anna@example.com,missed,2`, `request_types.device_swap.steps.visit,overdue,1`);
    /// ticket numbers are listed in one value, separated by spaces.
    public var csv: String {
        var rows = CSVRows()
        rows.add("period", "from", from.map { $0.formatted(.iso8601) } ?? "")
        rows.add("period", "to", to.map { $0.formatted(.iso8601) } ?? "")
        rows.add("tickets", "", "\(tickets)")
        for (section, counts) in [("by_state", byState), ("by_queue", byQueue), ("by_language", byLanguage), ("by_channel", byChannel),
                                  ("dropped", dropped), ("acknowledgements_withheld", acknowledgementsWithheld), ("outbox", outbox)] {
            for (key, count) in counts.sorted(by: { $0.key < $1.key }) { rows.add(section, key, "\(count)") }
        }
        rows.add("promises", "kept", "\(promises.kept)")
        rows.add("promises", "missed", "\(promises.missed)")
        rows.add("promises", "kept_ratio", promises.keptRatio.map { "\($0)" } ?? "")
        rows.add("first_response", "answered", "\(firstResponse.answered)")
        rows.add("first_response", "unanswered", "\(firstResponse.unanswered)")
        rows.add("first_response", "median_seconds", Self.seconds(firstResponse.medianSeconds))
        rows.add("first_response", "mean_seconds", Self.seconds(firstResponse.meanSeconds))
        for (name, figures) in (hours?.byOrganisation ?? [:]).sorted(by: { $0.key < $1.key }) {
            rows.add("hours.by_organisation.spent", name, "\(figures.spent)")
            rows.add("hours.by_organisation.free", name, "\(figures.free)")
            rows.add("hours.by_organisation.billable", name, "\(figures.billable)")
        }
        for (staff, spent) in (hours?.byStaff ?? [:]).sorted(by: { $0.key < $1.key }) { rows.add("hours.by_staff", staff, "\(spent)") }
        rows.add("period", "now", now.formatted(.iso8601))
        if let organisation { rows.add("period", "organisation", organisation) }
        rows.add(spread: firstResponse.business, section: "first_response")
        rows.add("first_response", "tickets_unanswered", Self.numbers(firstResponse.ticketsUnanswered))
        rows.add("resolution", "resolved", "\(resolution.resolved)")
        rows.add("resolution", "unresolved", "\(resolution.unresolved)")
        rows.add(spread: resolution.business, section: "resolution")
        for (section, tallies) in [("promises_by_queue", promisesByQueue), ("promises_by_agent", promisesByAgent)] {
            for (name, tally) in tallies.sorted(by: { $0.key < $1.key }) {
                rows.add("\(section).\(name)", "kept", "\(tally.kept)")
                rows.add("\(section).\(name)", "missed", "\(tally.missed)")
                rows.add("\(section).\(name)", "kept_ratio", tally.keptRatio.map { "\($0)" } ?? "")
                rows.add("\(section).\(name)", "tickets_missed", Self.numbers(tally.ticketsMissed))
            }
        }
        rows.add("backlog", "open", "\(backlog.open)")
        for label in Backlog.bucketLabels {
            rows.add("backlog.by_age", label, "\(backlog.byAge[label] ?? 0)")
            rows.add("backlog.tickets_by_age", label, Self.numbers(backlog.ticketsByAge[label] ?? []))
        }
        rows.add("reopens", "count", "\(reopens.count)")
        rows.add("reopens", "rate", reopens.rate.map { "\($0)" } ?? "")
        rows.add("reopens", "tickets", Self.numbers(reopens.tickets))
        for (day, count) in ticketsPerDay.sorted(by: { $0.key < $1.key }) { rows.add("tickets_per_day", day, "\(count)") }
        for (name, type) in requestTypes.sorted(by: { $0.key < $1.key }) {
            rows.add("request_types.\(name)", "tickets", "\(type.tickets)")
            rows.add("request_types.\(name)", "ticket_numbers", Self.numbers(type.ticketNumbers))
            for (stepName, step) in type.steps.sorted(by: { $0.key < $1.key }) {
                let section = "request_types.\(name).steps.\(stepName)"
                rows.add(section, "entered", "\(step.entered)")
                rows.add(section, "left", "\(step.left)")
                rows.add(section, "business_median_seconds", Self.seconds(step.businessMedianSeconds))
                rows.add(section, "overdue", "\(step.overdue)")
                rows.add(section, "tickets_overdue", Self.numbers(step.ticketsOverdue))
            }
        }
        return rows.text
    }

    /// Rows under construction, with the header line first.
    struct CSVRows {
        var lines = ["section,key,value"]

        mutating func add(_ section: String, _ key: String, _ value: String) {
            lines.append([section, key, value].map(DeskReport.csvField).joined(separator: ","))
        }

        /// The business-time figures of `spread` under `section`.
        mutating func add(spread: BusinessTimeSpread, section: String) {
            add(section, "business_median_seconds", DeskReport.seconds(spread.medianSeconds))
            add(section, "business_p90_seconds", DeskReport.seconds(spread.p90Seconds))
            for label in BusinessTimeSpread.bucketLabels {
                add("\(section).distribution", label, "\(spread.distribution[label] ?? 0)")
                add("\(section).tickets_by_bucket", label, DeskReport.numbers(spread.ticketsByBucket[label] ?? []))
            }
            add(section, "tickets", DeskReport.numbers(spread.tickets))
        }

        var text: String { lines.joined(separator: "\n") + "\n" }
    }

    /// Whole seconds, or empty when absent.
    static func seconds(_ value: Double?) -> String {
        value.map { "\(Int($0.rounded()))" } ?? ""
    }

    /// Ticket numbers separated by spaces.
    static func numbers(_ tickets: [Int]) -> String {
        tickets.map(String.init).joined(separator: " ")
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
