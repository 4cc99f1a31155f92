import Foundation
import MailMessage

extension DeskCore {
    /// The step machine of `type` on `queue`'s calendar.
    func machine(_ type: RequestType, queue: String) -> StepMachine {
        StepMachine(type: type, calendar: rules.policy(forQueue: queue).calendar)
    }

    /// The effects of `ticket` entering a step: the step and its history, the event, the step's
    /// owner (a queue moves it, a skill or role assigns by the queue's policy), and the step's
    /// notice to the customer, once.
    func entered(_ entry: StepEntry, type: RequestType, ticket: Ticket, actor: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        let number = ticket.number
        var effects: [DeskEffect] = [
            .enterStep(ticket: number, type: type.name, step: entry.step.name, enteredAt: entry.position.enteredAt, dueAt: entry.dueAt),
            .addEvent(ticket: number, TicketEvent(
                at: now, kind: .step, actor: actor,
                detail: "\(entry.from.map { "\($0) → " } ?? "")\(entry.step.name) (owner \(entry.step.owner), due \(Self.iso(entry.dueAt)); process ends by \(Self.iso(entry.processEndsAt)))")),
        ]
        var current = ticket
        switch entry.step.owner {
        case let .queue(queue) where queue != ticket.queue:
            effects += [.setQueue(ticket: number, queue), .touch(ticket: number, at: now)]
            current.queue = queue
        case let .skill(skill):
            let request = AssignmentRequest(queue: ticket.queue, language: ticket.language, skill: skill)
            let decision = assigner(forQueue: ticket.queue).assign(request, policy: .leastLoaded, load: try snapshot.assignmentLoad(), now: now)
            if let assignee = decision.assignee {
                effects += [.assign(ticket: number, to: assignee), .addEvent(ticket: number, .system(.assigned, "assigned to \(assignee) for step \(entry.step.name): \(decision.reason)", at: now))]
            }
        case let .role(role):
            if let lead = rules.roster.members.first(where: { $0.role == role }) {
                effects += [.assign(ticket: number, to: lead.address), .addEvent(ticket: number, .system(.assigned, "assigned to \(lead.address) (\(role.rawValue)) for step \(entry.step.name)", at: now))]
            }
        case .queue:
            break
        }
        if let template = entry.step.notify {
            let sequence = (type.steps.firstIndex { $0.name == entry.step.name } ?? 0) + 1
            let composer = rules.composer(forQueue: current.queue)
            let values: [String: Any] = [
                "request_type": type.title(language: ticket.language, fallback: rules.planner.defaultLanguage), "step": entry.step.name,
                "due": composer.policy.format(entry.dueAt, language: ticket.language),
                "process_end": composer.policy.format(entry.processEndsAt, language: ticket.language),
            ]
            if let mail = composer.customerNotice(template, ticket: current, values: values, sequence: sequence,
                                                  envelope: envelope(current, conversation: try snapshot.conversation(ticket: number)), now: now)
            {
                effects.append(.queueMail(mail, author: nil, onQueued: .system(.mailQueued, "step notice \(template.rawValue) queued to \(ticket.customer.address)", at: now)))
            }
        }
        return effects
    }

    /// Moves `ticket` to a step of its request type (`tickets step`, `#step`).
    public func step(ticket number: Int, to target: StepTarget, actor: String, snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard let ticket = try snapshot.ticket(number: number) else { throw DeskError.noSuchTicket(number) }
        guard let name = try snapshot.requestType(ticket: number), let type = rules.requestTypes[name] else {
            throw DeskError.noRequestType(number)
        }
        let machine = machine(type, queue: ticket.queue)
        let entry: StepEntry
        if let position = try snapshot.currentStep(ticket: number) {
            do {
                entry = try machine.enter(target, from: position, at: now)
            } catch {
                throw DeskError.step(error.description)
            }
        } else {
            entry = machine.start(at: now)
        }
        return try entered(entry, type: type, ticket: ticket, actor: actor, snapshot: snapshot, now: now)
    }

    /// Step deadlines escalated up each type's ladder, once per rung and visit of a step, only
    /// while the calendar is open: to an address, or to the roster's members with the rung's role
    /// — one mail each, with their own reply address, like promise escalations.
    public func watchSteps(snapshot: some DeskSnapshot, now: Date) throws -> [DeskEffect] {
        guard !rules.requestTypes.isEmpty else { return [] }
        let tickets = try snapshot.steppedTickets().map { stepped -> SteppedTicket in
            // Only the rungs sent for this visit of the step the ticket is in now count.
            var stepped = stepped
            let index = stepIndex(stepped.position.step, of: stepped.requestType)
            stepped.sentRungs = Set(stepped.sentRungs.compactMap(StepEscalationSequence.init)
                .filter { $0.counts(forVisit: stepped.visit, step: index) }.map(\.rung))
            return stepped
        }
        var effects: [DeskEffect] = []
        for (queue, group) in Dictionary(grouping: try tickets.compactMap { stepped in try snapshot.ticket(number: stepped.number).map { (stepped, $0) } }, by: \.1.queue) {
            let watcher = StepWatcher(types: rules.requestTypes, calendar: rules.policy(forQueue: queue).calendar)
            for escalation in watcher.escalations(for: group.map(\.0), now: now) {
                guard let (stepped, ticket) = group.first(where: { $0.0.number == escalation.key.ticket }), let type = rules.requestTypes[stepped.requestType]
                else { continue }
                let recipients: [String] = switch escalation.to {
                case let .address(address): [address]
                case let .role(role): rules.roster.members.filter { $0.role == role }.map(\.address)
                }
                guard !recipients.isEmpty else { continue }
                let composer = rules.composer(forQueue: ticket.queue)
                let envelope = envelope(ticket, conversation: try snapshot.conversation(ticket: ticket.number))
                let index = stepIndex(escalation.key.step, of: type.name)
                let mails = perStaff(recipients, ticket: ticket, envelope: envelope) { to, replyTo, slot in
                    composer.stepEscalation(
                        ticket: ticket, requestType: type.title(language: rules.planner.defaultLanguage), step: escalation.key.step, due: escalation.dueAt,
                        to: to, replyTo: replyTo,
                        sequence: StepEscalationSequence(visit: escalation.key.visit, step: index, rung: escalation.key.rung, slot: slot).value,
                        envelope: envelope, now: now)
                }
                for mail in mails.compactMap({ $0 }) {
                    effects.append(.queueMail(mail, author: nil, onQueued: .system(
                        .stepEscalated, "step \(escalation.key.step) due \(Self.iso(escalation.dueAt)) escalated (\(escalation.key.rung)%) to \(mail.recipients.joined(separator: ", "))",
                        at: now)))
                }
            }
        }
        return effects
    }

    /// The index of `step` in request type `type` (0 when either is unknown).
    func stepIndex(_ step: String, of type: String) -> Int {
        rules.requestTypes[type]?.steps.firstIndex { $0.name == step } ?? 0
    }
}
