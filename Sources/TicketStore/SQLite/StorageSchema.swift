import GRDB

/// The database schema as named, forward-only migrations. Never edit a shipped migration: add one.
enum StorageSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-tickets-messages-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE tickets (
                    number INTEGER PRIMARY KEY AUTOINCREMENT,
                    subject TEXT NOT NULL,
                    normalized_subject TEXT NOT NULL,
                    state TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    priority TEXT NOT NULL,
                    language TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    customer_address TEXT NOT NULL,
                    customer_name TEXT,
                    assignee TEXT,
                    linked_to INTEGER REFERENCES tickets(number),
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL,
                    promised_by DATETIME
                );
                CREATE INDEX tickets_customer ON tickets(customer_address, normalized_subject);
                CREATE INDEX tickets_state ON tickets(state, promised_by);

                CREATE TABLE messages (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ticket_number INTEGER REFERENCES tickets(number),
                    direction TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    message_id TEXT,
                    from_address TEXT NOT NULL,
                    recipients TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    text TEXT NOT NULL,
                    raw BLOB NOT NULL,
                    fingerprint TEXT,
                    mailbox TEXT NOT NULL,
                    uid_validity INTEGER,
                    uid INTEGER,
                    received_at DATETIME NOT NULL,
                    internal_date DATETIME,
                    date_header DATETIME,
                    classification TEXT NOT NULL,
                    drop_key TEXT,
                    defects TEXT NOT NULL DEFAULT ''
                );
                CREATE UNIQUE INDEX messages_source ON messages(mailbox, uid_validity, uid) WHERE uid IS NOT NULL;
                CREATE INDEX messages_fingerprint ON messages(fingerprint);
                CREATE INDEX messages_ticket ON messages(ticket_number);
                CREATE INDEX messages_dropped ON messages(drop_key) WHERE drop_key IS NOT NULL;

                CREATE TABLE message_ids (
                    message_id TEXT NOT NULL,
                    ticket_number INTEGER NOT NULL REFERENCES tickets(number),
                    PRIMARY KEY (message_id, ticket_number)
                );

                CREATE TABLE participants (
                    ticket_number INTEGER NOT NULL REFERENCES tickets(number),
                    address TEXT NOT NULL,
                    PRIMARY KEY (ticket_number, address)
                );

                CREATE TABLE events (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ticket_number INTEGER NOT NULL REFERENCES tickets(number),
                    at DATETIME NOT NULL,
                    type TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX events_ticket ON events(ticket_number);

                CREATE TABLE promises (
                    ticket_number INTEGER NOT NULL REFERENCES tickets(number),
                    promised_by DATETIME NOT NULL,
                    made_at DATETIME NOT NULL
                );
                CREATE INDEX promises_ticket ON promises(ticket_number);

                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ticket_number INTEGER NOT NULL REFERENCES tickets(number),
                    kind TEXT NOT NULL,
                    sequence INTEGER NOT NULL,
                    message_id TEXT NOT NULL,
                    envelope_sender TEXT NOT NULL,
                    recipients TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    raw BLOB NOT NULL,
                    state TEXT NOT NULL DEFAULT 'queued',
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    created_at DATETIME NOT NULL,
                    next_attempt_at DATETIME,
                    sent_at DATETIME,
                    UNIQUE (ticket_number, kind, sequence)
                );
                CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

                CREATE TABLE mailbox_sync (
                    mailbox TEXT PRIMARY KEY,
                    uid_validity INTEGER NOT NULL,
                    last_uid INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2-spam-tokens") { db in
            try db.execute(sql: """
                CREATE TABLE spam_tokens (
                    token TEXT PRIMARY KEY,
                    spam INTEGER NOT NULL DEFAULT 0,
                    ham INTEGER NOT NULL DEFAULT 0
                ) WITHOUT ROWID;
                CREATE TABLE spam_totals (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    spam INTEGER NOT NULL DEFAULT 0,
                    ham INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO spam_totals (id, spam, ham) VALUES (1, 0, 0);
                ALTER TABLE messages ADD COLUMN spam_score REAL;
                """)
        }
        migrator.registerMigration("v3-daemon-state") { db in
            try db.execute(sql: """
                CREATE TABLE daemon_state (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v4-absences") { db in
            try db.execute(sql: """
                CREATE TABLE absences (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    staff TEXT NOT NULL,
                    first_day TEXT NOT NULL,
                    last_day TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("v5-attachments") { db in
            try db.execute(sql: """
                CREATE TABLE attachments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    message_id INTEGER NOT NULL REFERENCES messages(id),
                    position INTEGER NOT NULL,
                    filename TEXT,
                    content_type TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    inline BOOLEAN NOT NULL,
                    sha256 TEXT,
                    not_stored_reason TEXT,
                    UNIQUE (message_id, position)
                );
                CREATE INDEX attachments_sha256 ON attachments(sha256) WHERE sha256 IS NOT NULL;
                """)
        }
        migrator.registerMigration("v6-indexes-for-loop-guards-and-queues") { db in
            // The loop guards run on every incoming mail and the promise estimate on every new
            // ticket; without these they scan tables that grow for years.
            try db.execute(sql: """
                CREATE INDEX messages_sender_recent ON messages(from_address COLLATE NOCASE, received_at) WHERE direction = 'in';
                CREATE INDEX outbox_ack_recipient ON outbox(recipients COLLATE NOCASE, created_at) WHERE kind = 'ack';
                CREATE INDEX tickets_queue_open ON tickets(queue, number) WHERE state IN ('new', 'open');
                """)
        }
        migrator.registerMigration("v7-held-staff-mail-and-text-signatures") { db in
            // Staff mail that proved nothing is kept on its ticket, never relayed, until released;
            // the text signature of mail that opened a ticket feeds the same-text (backscatter) guard.
            try db.execute(sql: """
                ALTER TABLE messages ADD COLUMN held_reason TEXT;
                CREATE INDEX messages_held ON messages(ticket_number) WHERE held_reason IS NOT NULL;
                ALTER TABLE messages ADD COLUMN text_signature TEXT;
                ALTER TABLE messages ADD COLUMN text_band TEXT;
                CREATE INDEX messages_signed_recent ON messages(text_band, received_at) WHERE text_band IS NOT NULL;
                CREATE INDEX outbox_ack_recent ON outbox(created_at) WHERE kind = 'ack';
                CREATE INDEX events_withheld ON events(at) WHERE type = 'noted' AND detail LIKE 'acknowledgement withheld (%';
                """)
        }
        migrator.registerMigration("v8-request-types-rules-and-stand-ins") { db in
            // What the admin's rules set on a new ticket (its request type, the rules that fired), and
            // who stands in for an absence entered with `staff away --standin`.
            try db.execute(sql: """
                ALTER TABLE tickets ADD COLUMN request_type TEXT;
                ALTER TABLE tickets ADD COLUMN rules TEXT NOT NULL DEFAULT '';
                ALTER TABLE absences ADD COLUMN standin TEXT;
                """)
        }
        migrator.registerMigration("v9-request-type-steps") { db in
            // The step a ticket with a request type is in, and every step it entered.
            try db.execute(sql: """
                ALTER TABLE tickets ADD COLUMN step TEXT;
                ALTER TABLE tickets ADD COLUMN step_entered_at DATETIME;
                ALTER TABLE tickets ADD COLUMN step_due_at DATETIME;
                CREATE TABLE ticket_steps (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ticket_number INTEGER NOT NULL REFERENCES tickets(number),
                    step TEXT NOT NULL,
                    entered_at DATETIME NOT NULL,
                    due_at DATETIME NOT NULL
                );
                CREATE INDEX ticket_steps_ticket ON ticket_steps(ticket_number);
                CREATE INDEX tickets_in_step ON tickets(number) WHERE step IS NOT NULL AND state IN ('new', 'open', 'waiting');
                """)
        }
        migrator.registerMigration("v10-time-entries-and-contract-mail") { db in
            // Work time logged on tickets (with the customer's mail domain, which contracts are
            // counted by), and the contract notices and reminders sent, by their unique key.
            try db.execute(sql: """
                CREATE TABLE time_entries (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    ticket_number INTEGER NOT NULL REFERENCES tickets(number),
                    staff TEXT NOT NULL,
                    minutes INTEGER NOT NULL,
                    note TEXT,
                    at DATETIME NOT NULL,
                    domain TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX time_entries_ticket ON time_entries(ticket_number);
                CREATE INDEX time_entries_domain_at ON time_entries(domain, at);
                CREATE INDEX time_entries_at ON time_entries(at);
                CREATE TABLE contract_mail (
                    key TEXT PRIMARY KEY,
                    ticket_number INTEGER NOT NULL REFERENCES tickets(number),
                    sent_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("v11-covering-index-for-text-signatures") { db in
            // The same-text guard reads up to 1,000 signatures per new ticket. Read from the table,
            // each row's signature sits behind the message's raw bytes (overflow pages to walk);
            // an index holding sender and signature answers the query by itself.
            try db.execute(sql: """
                DROP INDEX messages_signed_recent;
                CREATE INDEX messages_signed_recent ON messages(text_band, received_at, from_address, text_signature) WHERE text_band IS NOT NULL;
                """)
        }
        migrator.registerMigration("v12-text-sketches") { db in
            // A kilobyte of hex per signature did not fit in an index entry (SQLite keeps about
            // 1,000 bytes of one in the page and moves the rest to an overflow page), so each of
            // the guard's rows cost a page read of its own. The 256-byte sketch fits. Messages
            // from before keep their old signature, unread: the guard looks back one hour, so
            // only a campaign that straddles the upgrade can get its first few copies acknowledged.
            try db.execute(sql: """
                ALTER TABLE messages ADD COLUMN text_sketch BLOB;
                DROP INDEX messages_signed_recent;
                CREATE INDEX messages_sketched_recent ON messages(text_band, received_at, from_address, text_sketch) WHERE text_sketch IS NOT NULL;
                """)
        }
        return migrator
    }
}
