import Foundation
import TicketCore

/// A desk snapshot held in plain values: the second implementation of `DeskSnapshot` (beside
/// SQLite's), so the core's tests need no database.
struct MemoryDesk: DeskSnapshot {
    var tickets: [Int: Ticket] = [:]
    var participants: [Int: Set<String>] = [:]
    var messageIDs: [String: Int] = [:]
    var fingerprints: Set<String> = []
    /// Incoming mail per sender address (lowercased), by arrival.
    var received: [(sender: String, at: Date)] = []
    var acknowledgements: [(recipient: String, at: Date)] = []
    var conversations: [Int: Conversation] = [:]
    var sequences: [Int: [MessageKind: Int]] = [:]
    var promises: [Int: Int] = [:]
    var languages: [String: String] = [:]
    var held: [Int: [HeldMail]] = [:]
    var requestTypes: [Int: String] = [:]
    var steps: [Int: StepPosition] = [:]
    var sentStepEscalations: [Int: Set<Int>] = [:]
    /// Earlier entries of the step each ticket is in now.
    var stepVisits: [Int: Int] = [:]
    var signatures: [(sender: String, signature: NearDuplicateText, at: Date)] = []
    /// How many stored signatures the same-text guard has read, over all decisions.
    let signaturesRead = Tally()
    /// Time entries by ticket, and the customer domain of each ticket's entries.
    var time: [Int: [TimeEntry]] = [:]
    var contractMail: Set<String> = []

    /// Adds a ticket with its customer as participant.
    mutating func add(_ ticket: Ticket, promises count: Int = 1) {
        tickets[ticket.number] = ticket
        participants[ticket.number, default: []].insert(ticket.customer.address)
        promises[ticket.number] = count
    }

    func isStored(_ mail: IncomingMail) throws -> Bool { fingerprints.contains(mail.fingerprint) }
    func ticket(number: Int) throws -> Ticket? { tickets[number] }
    func nextTicketNumber() throws -> Int { (tickets.keys.max() ?? 0) + 1 }

    func openAhead(of number: Int, queue: String) throws -> Int {
        tickets.values.filter { $0.queue == queue && [.new, .open].contains($0.state) && $0.number < number }.count
    }

    func messageCount(from sender: String, since: Date) throws -> Int {
        received.filter { $0.sender == sender.lowercased() && $0.at >= since }.count
    }

    func acknowledgementCount(to recipient: String, since: Date) throws -> Int {
        acknowledgements.filter { $0.recipient.lowercased() == recipient.lowercased() && $0.at >= since }.count
    }

    func acknowledgementCount(since: Date) throws -> Int { acknowledgements.filter { $0.at >= since }.count }
    func visitOpeningSketches(
        since: Date, band: String, _ visit: (_ sender: String, _ sketch: UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws {
        for entry in signatures.reversed() where entry.at >= since && entry.signature.band == band {
            signaturesRead.count += 1
            guard try entry.signature.sketch.withUnsafeBufferPointer({ try visit(entry.sender, $0) }) else { return }
        }
    }

    func conversation(ticket: Int) throws -> Conversation { conversations[ticket] ?? Conversation(messageIDs: [], lastCustomerMessageID: nil) }
    func lastSequence(ticket: Int, kind: MessageKind) throws -> Int { sequences[ticket]?[kind] ?? 0 }
    func promiseCount(ticket: Int) throws -> Int { promises[ticket] ?? 0 }
    func heldMail(ticket: Int) throws -> [HeldMail] { held[ticket] ?? [] }
    func timeEntries(ticket: Int) throws -> [TimeEntry] { time[ticket] ?? [] }
    func contractMailSent(key: String) throws -> Bool { contractMail.contains(key) }

    func minutesLogged(domains: [String], from: Date, to: Date) throws -> Int {
        time.filter { domains.contains(tickets[$0.key]?.customer.domain.lowercased() ?? "") }.values.joined()
            .filter { $0.at >= from && $0.at < to }.reduce(0) { $0 + $1.minutes }
    }
    func requestType(ticket: Int) throws -> String? { requestTypes[ticket] }
    func currentStep(ticket: Int) throws -> StepPosition? { steps[ticket] }

    func steppedTickets() throws -> [SteppedTicket] {
        steps.compactMap { number, position in
            requestTypes[number].map { SteppedTicket(
                number: number, requestType: $0, position: position, visit: stepVisits[number] ?? 0, sentRungs: sentStepEscalations[number] ?? []) }
        }
    }

    func assignedOpenTickets() throws -> [AssignedTicket] {
        tickets.values.filter { [.new, .open, .waiting].contains($0.state) }.compactMap { ticket in
            ticket.assignee.map { AssignedTicket(number: ticket.number, assignee: $0, queue: ticket.queue, language: ticket.language) }
        }
    }

    func unassignedOpenTickets(limit: Int) throws -> [Ticket] {
        Array(tickets.values.filter { $0.assignee == nil && [.new, .open].contains($0.state) }.sorted { $0.number < $1.number }.prefix(limit))
    }

    func assignmentLoad() throws -> AssignmentLoad {
        let open = tickets.values.filter { [.new, .open].contains($0.state) }.compactMap(\.assignee)
        var last: [String: String] = [:]
        for ticket in tickets.values.sorted(by: { $0.number < $1.number }) { if let assignee = ticket.assignee { last[ticket.queue] = assignee } }
        return AssignmentLoad(open: Dictionary(open.map { ($0, 1) }, uniquingKeysWith: +), lastAssigned: last)
    }

    func candidate(number: Int) throws -> ThreadCandidate? {
        tickets[number].map {
            ThreadCandidate(number: $0.number, state: $0.state, customer: $0.customer.address, participants: participants[$0.number] ?? [], updatedAt: $0.updatedAt)
        }
    }

    func ticketNumber(forAnyOf ids: [String]) throws -> Int? { ids.compactMap { messageIDs[$0] }.max() }

    func candidates(customer: String, normalizedSubject: String, since: Date) throws -> [ThreadCandidate] {
        try tickets.values.filter { $0.customer.address == customer && $0.normalizedSubject == normalizedSubject && $0.updatedAt >= since }
            .compactMap { try candidate(number: $0.number) }
    }

    func preferredLanguage(customer: String) throws -> String? { languages[customer] }
}

/// A count that a snapshot passed by value can raise.
final class Tally: @unchecked Sendable {
    var count = 0
}
