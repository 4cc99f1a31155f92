import Foundation
import MailMessage

extension DeskCore {
    /// The admin's rules over a mail that opens a ticket of `queue` in `language`, as `rules test` shows them.
    public func evaluateRules(_ message: MailMessage, mailbox: String, queue: String, language: String, channel: String = "email") -> RuleEvaluation {
        let domain = message.from.first?.normalized.split(separator: "@").last.map(String.init) ?? ""
        return rules.ruleSet.evaluate(RuleSubject(
            message: message, mailbox: mailbox, queue: queue, language: language, organisation: rules.organisation(ofDomain: domain), channel: channel))
    }

    /// `new` as the rules shape it (queue, priority, request type, the assignee they ask for,
    /// language), the skill they ask for, or the drop key when a rule drops the mail.
    func route(_ new: NewTicket, message: MailMessage, mailbox: String) -> (ticket: NewTicket, skill: String?, drop: String?, evaluation: RuleEvaluation) {
        let evaluation = evaluateRules(message, mailbox: mailbox, queue: new.queue, language: new.language, channel: new.channel)
        let result = evaluation.result
        var routed = new
        routed.queue = result.queue
        routed.priority = result.priority.rawValue
        routed.requestType = result.requestType ?? new.requestType
        routed.language = result.language ?? new.language
        if let assignee = result.assignee { routed.assignee = assignee }
        routed.rules = evaluation.fired
        return (routed, result.assignSkill, result.drop, evaluation)
    }

    /// The events a rule evaluation leaves on its ticket: what each fired rule set, and each error.
    func ruleEvents(_ evaluation: RuleEvaluation, ticket: Int, now: Date) -> [DeskEffect] {
        let fired = evaluation.rules.filter(\.matched).map { trace in
            DeskEffect.addEvent(ticket: ticket, TicketEvent(
                at: now, kind: .rule, actor: "rule:\(trace.name)", detail: trace.changes.isEmpty ? "matched" : trace.changes.joined(separator: ", ")))
        }
        let errors = evaluation.errors.map { trace in
            DeskEffect.addEvent(ticket: ticket, TicketEvent(
                at: now, kind: .ruleError, actor: "rule:\(trace.name)",
                detail: trace.error ?? trace.conditions.compactMap(\.error).joined(separator: "; ")))
        }
        return fired + errors
    }
}
