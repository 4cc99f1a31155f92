/// One command a verified staff member writes in the first lines of a mail (`#close`, `#assign me`, …).
public enum StaffCommand: Sendable, Equatable {
    /// `#close`: close the ticket.
    case close
    /// `#resolve`: mark it resolved (the customer may still answer).
    case resolve
    /// `#wait`: waiting on the customer.
    case wait
    /// `#reopen`: open it again.
    case reopen
    /// `#assign ADDR|me`.
    case assign(Assignee)
    /// `#priority low|normal|high|urgent`.
    case priority(TicketPriority)
    /// `#queue Q` (lower-cased).
    case queue(String)
    /// `#note`: the mail is an internal note, never relayed.
    case note
    /// `#time 30m|1h30m|1.5h`: work time to log, in whole minutes.
    case time(minutes: Int)
    /// `#step NAME|next`.
    case step(Step)
    /// `#kb SLUG`: insert a knowledge-base article (lower-cased slug).
    case knowledgeBase(slug: String)

    /// Who `#assign` names.
    public enum Assignee: Sendable, Equatable {
        /// The staff member who wrote the mail.
        case me
        /// Someone by address (lower-cased).
        case address(String)
    }

    /// Which step `#step` names.
    public enum Step: Sendable, Equatable {
        /// The request type's next step.
        case next
        /// A step by name (lower-cased).
        case named(String)
    }

    /// The command's name as written after `#`, e.g. `assign`.
    public var name: String {
        switch self {
        case .close: "close"
        case .resolve: "resolve"
        case .wait: "wait"
        case .reopen: "reopen"
        case .assign: "assign"
        case .priority: "priority"
        case .queue: "queue"
        case .note: "note"
        case .time: "time"
        case .step: "step"
        case .knowledgeBase: "kb"
        }
    }

    /// Whether the command changes the ticket's state (only one such command makes sense in a mail).
    public var changesState: Bool {
        switch self {
        case .close, .resolve, .wait, .reopen: true
        default: false
        }
    }
}
