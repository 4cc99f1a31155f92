/// Checks parsed staff commands against the desk: `#assign` must name staff, `#queue` a known
/// queue, and at most one command may change the ticket's state.
///
/// Invalid commands move from ``StaffCommandBlock/commands`` to ``StaffCommandBlock/errors`` (each
/// with its reason); of two state commands neither is kept.
public struct StaffCommandValidator: Sendable {
    /// Who may be assigned.
    public var roster: StaffRoster
    /// The known queues, lower-cased.
    public var queues: Set<String>

    public init(roster: StaffRoster, queues: Set<String>) {
        self.roster = roster
        self.queues = Set(queues.map { $0.lowercased() })
    }

    /// `block` with the commands that cannot be carried out moved to its errors, errors in line order.
    public func validate(_ block: StaffCommandBlock) -> StaffCommandBlock {
        var kept: [StaffCommandBlock.Entry] = []
        var errors = block.errors
        for entry in block.commands {
            switch entry.command {
            case let .assign(.address(address)) where !roster.contains(address):
                errors.append(StaffCommandError(line: entry.line, text: entry.text, problem: .unknownStaff(address)))
            case let .queue(queue) where !queues.contains(queue):
                errors.append(StaffCommandError(line: entry.line, text: entry.text, problem: .unknownQueue(queue)))
            default:
                kept.append(entry)
            }
        }
        let stateChanges = kept.filter(\.command.changesState)
        if stateChanges.count > 1 {
            let first = stateChanges[0].command.name
            for entry in stateChanges.dropFirst() {
                errors.append(StaffCommandError(line: entry.line, text: entry.text,
                                                problem: .conflictingState(first: first, second: entry.command.name)))
            }
            kept.removeAll(where: \.command.changesState)
        }
        errors.sort { $0.line < $1.line }
        return StaffCommandBlock(commands: kept, errors: errors, remainingText: block.remainingText)
    }
}
