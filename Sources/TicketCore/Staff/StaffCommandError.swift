/// A command line that was not understood or cannot be carried out; nothing of it is done, and
/// the staff member is told ``description``.
public struct StaffCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the mail's new text.
    public var line: Int
    /// The line as written (trimmed).
    public var text: String
    /// What is wrong.
    public var problem: Problem

    /// What can be wrong with a command line.
    public enum Problem: Error, Sendable, Equatable {
        /// No command has this name.
        case unknownCommand(String)
        /// The command needs an argument; `expected` says what kind.
        case missingArgument(command: String, expected: String)
        /// The command takes no argument.
        case unexpectedArgument(command: String)
        /// The argument is not one the command accepts; `expected` says what would be.
        case badArgument(command: String, argument: String, expected: String)
        /// `#assign` names someone who is not staff.
        case unknownStaff(String)
        /// `#queue` names a queue that does not exist.
        case unknownQueue(String)
        /// Two commands in one mail each change the state.
        case conflictingState(first: String, second: String)
    }

    public init(line: Int, text: String, problem: Problem) {
        self.line = line
        self.text = text
        self.problem = problem
    }

    /// A sentence for the reply to the staff member, e.g. `line 2 "#priority asap": #priority takes low, normal, high or urgent`.
    public var description: String {
        let reason: String = switch problem {
        case let .unknownCommand(name): "there is no command #\(name)"
        case let .missingArgument(command, expected): "#\(command) needs \(expected)"
        case let .unexpectedArgument(command): "#\(command) takes no argument"
        case let .badArgument(command, argument, expected): "#\(command) takes \(expected), not '\(argument)'"
        case let .unknownStaff(address): "\(address) is not a staff address"
        case let .unknownQueue(queue): "there is no queue '\(queue)'"
        case let .conflictingState(first, second): "#\(first) and #\(second) contradict each other; neither is done"
        }
        return "line \(line) \"\(text.prefix(60))\": \(reason)"
    }
}
