import Foundation
import TicketCore

/// A ticket as `tickets show/list --json` prints it (field names are the public contract).
public struct TicketView: Sendable, Encodable, Equatable {
    public struct CustomerView: Sendable, Encodable, Equatable {
        public var address: String
        public var name: String?

        public init(address: String, name: String?) {
            self.address = address
            self.name = name
        }
    }

    public var number: Int
    public var tag: String
    public var subject: String
    public var state: String
    public var queue: String
    public var priority: String
    public var language: String
    public var channel: String
    public var customer: CustomerView
    public var assignee: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var promisedBy: Date?
    public var promiseHistory: [Date]
    public var linkedTo: Int?
    /// The request type a rule set (`[request_type.NAME]`), if any.
    public var requestType: String?
    /// The rules that fired on the opening mail, in order.
    public var rules: [String] = []
    /// The step of its request type the ticket is in, and (in `tickets show`) every step it entered.
    public var step: StepView?
    public var steps: [StepView]?
    /// Work time logged on the ticket, in the order it was done (`tickets show` only).
    public var time: [TimeEntryView]?
    /// Present in `tickets show` only.
    public var messages: [MessageView]?
    /// Present in `tickets show` only.
    public var events: [EventView]?

    public init(
        number: Int, tag: String, subject: String, state: String, queue: String, priority: String, language: String, channel: String,
        customer: CustomerView, assignee: String?, createdAt: Date, updatedAt: Date, promisedBy: Date?, promiseHistory: [Date], linkedTo: Int?
    ) {
        self.number = number
        self.tag = tag
        self.subject = subject
        self.state = state
        self.queue = queue
        self.priority = priority
        self.language = language
        self.channel = channel
        self.customer = customer
        self.assignee = assignee
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.promisedBy = promisedBy
        self.promiseHistory = promiseHistory
        self.linkedTo = linkedTo
    }

    enum CodingKeys: String, CodingKey {
        case number, tag, subject, state, queue, priority, language, channel, customer, assignee
        case createdAt = "created_at", updatedAt = "updated_at", promisedBy = "promised_by"
        case promiseHistory = "promise_history", linkedTo = "linked_to", messages, events
        case requestType = "request_type", rules, step, steps, time, timeSpentHours = "time_spent_hours"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(tag, forKey: .tag)
        try container.encode(subject, forKey: .subject)
        try container.encode(state, forKey: .state)
        try container.encode(queue, forKey: .queue)
        try container.encode(priority, forKey: .priority)
        try container.encode(language, forKey: .language)
        try container.encode(channel, forKey: .channel)
        try container.encode(customer, forKey: .customer)
        try container.encode(assignee, forKey: .assignee)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(promisedBy, forKey: .promisedBy)
        try container.encode(promiseHistory, forKey: .promiseHistory)
        try container.encode(linkedTo, forKey: .linkedTo)
        try container.encode(requestType, forKey: .requestType)
        try container.encode(rules, forKey: .rules)
        try container.encode(step, forKey: .step)
        try container.encodeIfPresent(steps, forKey: .steps)
        if let time {
            try container.encode(time, forKey: .time)
            try container.encode(Double(time.reduce(0) { $0 + $1.minutes }) / 60, forKey: .timeSpentHours)
        }
        try container.encodeIfPresent(messages, forKey: .messages)
        try container.encodeIfPresent(events, forKey: .events)
    }
}

/// A time entry: `{"id", "staff", "minutes", "hours", "note", "at"}`.
public struct TimeEntryView: Sendable, Encodable, Equatable {
    public var id: Int64
    public var staff: String
    public var minutes: Int
    public var hours: Double
    public var note: String?
    public var at: Date

    public init(_ entry: TimeEntry) {
        id = entry.id ?? 0
        staff = entry.staff
        minutes = entry.minutes
        hours = entry.hours
        note = entry.note
        at = entry.at
    }

    enum CodingKeys: String, CodingKey {
        case id, staff, minutes, hours, note, at
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(staff, forKey: .staff)
        try container.encode(minutes, forKey: .minutes)
        try container.encode(hours, forKey: .hours)
        try container.encode(note, forKey: .note)
        try container.encode(at, forKey: .at)
    }
}

/// A step of a ticket's request type: `{"name", "owner", "entered_at", "due_at"}`.
public struct StepView: Sendable, Encodable, Equatable {
    public var name: String
    /// The step's owner in the config (a queue, skill or role); nil when the config no longer has the step.
    public var owner: String?
    public var enteredAt: Date
    public var dueAt: Date

    public init(name: String, owner: String? = nil, enteredAt: Date, dueAt: Date) {
        self.name = name
        self.owner = owner
        self.enteredAt = enteredAt
        self.dueAt = dueAt
    }

    enum CodingKeys: String, CodingKey {
        case name, owner, enteredAt = "entered_at", dueAt = "due_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(owner, forKey: .owner)
        try container.encode(enteredAt, forKey: .enteredAt)
        try container.encode(dueAt, forKey: .dueAt)
    }
}

/// A message on a ticket, as the JSON contract names its fields.
public struct MessageView: Sendable, Encodable, Equatable {
    public var messageID: String?
    public var direction: String
    public var kind: String
    public var from: String
    public var to: [String]
    public var subject: String
    public var receivedAt: Date
    /// The whole body.
    public var text: String
    /// What the message adds: `text` without quoted history, attribution lines and signature.
    public var newText: String
    /// Files, inline images and attached messages, in MIME order.
    public var attachments: [AttachmentView] = []

    public init(
        messageID: String?, direction: String, kind: String, from: String, to: [String], subject: String, receivedAt: Date, text: String,
        newText: String, attachments: [AttachmentView] = []
    ) {
        self.messageID = messageID
        self.direction = direction
        self.kind = kind
        self.from = from
        self.to = to
        self.subject = subject
        self.receivedAt = receivedAt
        self.text = text
        self.newText = newText
        self.attachments = attachments
    }

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id", direction, kind, from, to, subject, receivedAt = "received_at", text, newText = "new_text", attachments
    }
}

/// One attachment of a message: always described; its bytes stored unless `stored` is false.
public struct AttachmentView: Sendable, Encodable, Equatable {
    /// Pass to `ticketd tickets attachment` to get the bytes.
    public var id: Int64
    public var name: String?
    public var contentType: String
    public var size: Int
    public var inline: Bool
    /// The SHA-256 the bytes are filed under (`state_dir/attachments/ab/ab…`); nil when not stored.
    public var sha256: String?
    public var stored: Bool
    /// Why the bytes were not stored.
    public var reason: String?

    public init(id: Int64, name: String?, contentType: String, size: Int, inline: Bool, sha256: String?, stored: Bool, reason: String?) {
        self.id = id
        self.name = name
        self.contentType = contentType
        self.size = size
        self.inline = inline
        self.sha256 = sha256
        self.stored = stored
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case id, name, contentType = "content_type", size, inline, sha256, stored, reason
    }
}

/// One ticket event.
public struct EventView: Sendable, Encodable, Equatable {
    public var at: Date
    public var type: String
    public var actor: String
    public var detail: String

    public init(at: Date, type: String, actor: String, detail: String) {
        self.at = at
        self.type = type
        self.actor = actor
        self.detail = detail
    }
}

/// One outgoing mail in the outbox.
public struct OutboxEntry: Sendable, Encodable, Equatable {
    public var id: Int64
    public var ticket: Int
    public var kind: String
    public var sequence: Int
    public var messageID: String
    public var envelopeSender: String
    public var recipients: [String]
    public var subject: String
    /// `queued`, `sent` or `failed`.
    public var state: String
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Date
    public var nextAttemptAt: Date?
    public var sentAt: Date?
    /// The bytes to send; not part of the JSON.
    public var raw: [UInt8]

    public init(
        id: Int64, ticket: Int, kind: String, sequence: Int, messageID: String, envelopeSender: String, recipients: [String], subject: String,
        state: String, attempts: Int, lastError: String?, createdAt: Date, nextAttemptAt: Date?, sentAt: Date?, raw: [UInt8]
    ) {
        self.id = id
        self.ticket = ticket
        self.kind = kind
        self.sequence = sequence
        self.messageID = messageID
        self.envelopeSender = envelopeSender
        self.recipients = recipients
        self.subject = subject
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
        self.sentAt = sentAt
        self.raw = raw
    }

    enum CodingKeys: String, CodingKey {
        case id, ticket, kind, sequence, messageID = "message_id", envelopeSender = "envelope_sender", recipients
        case subject, state, attempts, lastError = "error", createdAt = "created_at"
        case nextAttemptAt = "next_attempt_at", sentAt = "sent_at"
    }
}

/// A message that did not become a ticket (`spam list`).
public struct DroppedMessage: Sendable, Encodable, Equatable {
    public var id: Int64
    public var from: String
    public var subject: String
    public var receivedAt: Date
    public var reason: String
    public var score: Double?

    public init(id: Int64, from: String, subject: String, receivedAt: Date, reason: String, score: Double?) {
        self.id = id
        self.from = from
        self.subject = subject
        self.receivedAt = receivedAt
        self.reason = reason
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case id, from, subject, receivedAt = "received_at", reason, score
    }
}

/// A customer with every ticket of theirs and of their organisation, newest first (`customers show`).
public struct CustomerView: Sendable, Encodable, Equatable {
    public var address: String
    public var name: String?
    /// The organisation's domain; nil for public webmail addresses.
    public var organisation: String?
    /// The language of their latest ticket.
    public var language: String?
    public var tickets: [TicketView]

    public init(address: String, name: String?, organisation: String?, language: String?, tickets: [TicketView]) {
        self.address = address
        self.name = name
        self.organisation = organisation
        self.language = language
        self.tickets = tickets
    }
}

/// What the daemon's last cycle did, for `ticketd status`.
public struct CycleStatus: Sendable, Codable, Equatable {
    public struct Mailbox: Sendable, Codable, Equatable {
        public var name: String
        /// `up`, `down` (its server failed), `local_error` (writing here failed: disk full, permissions) or
        /// `elsewhere` (another daemon sharing the PostgreSQL store works it).
        public var state: String
        public var fetched: Int
        public var error: String?
        /// Messages the server announced but did not deliver, still retried (nil: none).
        public var undelivered: [UndeliveredMessage]?

        public init(name: String, state: String, fetched: Int, error: String?, undelivered: [UndeliveredMessage]? = nil) {
            self.name = name
            self.state = state
            self.fetched = fetched
            self.error = error
            self.undelivered = undelivered
        }
    }

    public var finishedAt: Date
    public var mailboxes: [Mailbox]
    public var smtpError: String?
    public var mailsSent: Int

    public init(finishedAt: Date, mailboxes: [Mailbox], smtpError: String?, mailsSent: Int) {
        self.finishedAt = finishedAt
        self.mailboxes = mailboxes
        self.smtpError = smtpError
        self.mailsSent = mailsSent
    }

    enum CodingKeys: String, CodingKey {
        case finishedAt = "finished_at", mailboxes, smtpError = "smtp_error", mailsSent = "mails_sent"
    }
}
