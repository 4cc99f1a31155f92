/// The commands at the top of a staff mail, the lines that failed, and the text left for the customer.
public struct StaffCommandBlock: Sendable, Equatable {
    /// One understood command line.
    public struct Entry: Sendable, Equatable {
        /// The 1-based line of the text it came from.
        public var line: Int
        /// The line as written (trimmed).
        public var text: String
        /// What it asks for.
        public var command: StaffCommand

        public init(line: Int, text: String, command: StaffCommand) {
            self.line = line
            self.text = text
            self.command = command
        }
    }

    /// The understood commands, in order.
    public var commands: [Entry]
    /// The command lines that were not understood or cannot be carried out, in order.
    public var errors: [StaffCommandError]
    /// The text without the command lines (and without blank lines before the first remaining one).
    public var remainingText: String

    public init(commands: [Entry], errors: [StaffCommandError], remainingText: String) {
        self.commands = commands
        self.errors = errors
        self.remainingText = remainingText
    }

    /// Whether nothing is left for the customer: a reply of commands only sends them nothing.
    public var hasNoText: Bool {
        remainingText.allSatisfy(\.isWhitespace)
    }

    /// Whether the mail is an internal note (`#note`), never relayed.
    public var isNote: Bool {
        commands.contains { $0.command == .note }
    }
}
