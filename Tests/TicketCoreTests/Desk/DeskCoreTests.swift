import BusinessTime
import Foundation
import MailMessage
import Testing
import TestSupport
@testable import TicketCore

/// The desk core's decisions as tables: snapshot + input → effects.
@Suite("DeskCore")
struct DeskCoreTests {
    let core = DeskCore(rules: .forTests(staff: ["agent@example.com"], escalateTo: ["lead@example.com"]))
    let now = referenceNow

    func incoming(_ headers: [String], body: String = "Hello, the printer is broken.", at date: Date? = nil) -> IncomingMail {
        IncomingMail(raw: Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8), source: nil, mailbox: "support", receivedAt: date ?? now)
    }

    func ticket(_ number: Int, state: TicketState = .open, promisedBy: Date? = nil, updatedAt: Date? = nil) -> Ticket {
        Ticket(
            number: number, subject: "Printer", normalizedSubject: "printer", state: state, queue: "support", language: "en",
            customer: Customer(address: "alice@acme.example", name: "Alice"), createdAt: now - 7_200, updatedAt: updatedAt ?? now - 3_600,
            promisedBy: promisedBy)
    }

    // MARK: - Intake

    @Test func aNewRequestOpensATicketWithAPromiseAndAnAcknowledgement() throws {
        var desk = MemoryDesk()
        desk.add(ticket(4))
        let decision = try core.intake(incoming(["From: Bob <bob@acme.example>", "Subject: VPN", "Message-ID: <m1@acme.example>"]), queue: "support", snapshot: desk, now: now)
        #expect(decision.ticket == 5)
        guard case let .openTicket(5, new)? = decision.effects.first else {
            Issue.record("expected ticket 5 to be opened first, got \(decision.effects)")
            return
        }
        #expect(new.customer.address == "bob@acme.example")
        #expect(decision.effects.contains(.storeIncoming(ticket: 5, kind: .customer, classification: "person", dropKey: nil)))
        #expect(decision.effects.contains(.rememberMessageIDs(ticket: 5, ["<m1@acme.example>"])))
        #expect(decision.effects.contains { if case .recordPromise(5, _) = $0 { true } else { false } })
        let ack = try #require(decision.effects.mails.first)
        #expect(ack.mail.kind == .ack && ack.mail.recipients == ["bob@acme.example"])
        #expect(ack.onQueued?.kind == .acknowledged)
    }

    @Test func mailStoredBeforeChangesNothing() throws {
        var desk = MemoryDesk()
        let mail = incoming(["From: bob@acme.example", "Subject: VPN"])
        desk.fingerprints = [mail.fingerprint]
        #expect(try core.intake(mail, queue: "support", snapshot: desk, now: now) == .duplicate)
    }

    @Test(arguments: [
        // (earlier mails from the sender in the window, acknowledgements to them today, withheld because)
        (5, 0, "(per_sender): 6 messages from bob@acme.example within 10 minutes"),
        (0, 10, "(per_recipient): 10 acknowledgements to bob@acme.example in the last 24 hours"),
    ])
    func loopGuardsWithholdTheAcknowledgement(earlier: Int, acks: Int, reason: String) throws {
        var desk = MemoryDesk()
        desk.received = Array(repeating: (sender: "bob@acme.example", at: now - 60), count: earlier)
        desk.acknowledgements = Array(repeating: (recipient: "bob@acme.example", at: now - 3_600), count: acks)
        let decision = try core.intake(incoming(["From: bob@acme.example", "Subject: again \(earlier)"]), queue: "support", snapshot: desk, now: now)
        #expect(decision.effects.mails.isEmpty)
        #expect(decision.effects.events.contains { $0.event.kind == .noted && $0.event.detail == "acknowledgement withheld \(reason)" })
    }

    @Test func oneTextFromManyNeverSeenSendersIsAcknowledgedOnlyUntilTheGuardSeesIt() throws {
        let lottery = "Congratulations! You have won 1,000,000 EUR in our lottery. Send your bank details to claim the prize today."
        var desk = MemoryDesk()
        var acknowledged = 0
        for index in 0..<30 {
            let mail = incoming(["From: winner\(index)@forged\(index).example", "Subject: Prize \(index)"], body: lottery, at: now + Double(index))
            let decision = try core.intake(mail, queue: "support", snapshot: desk, now: now + Double(index))
            acknowledged += decision.effects.mails.filter { $0.mail.kind == .ack }.count
            for case let .signIncoming(signature) in decision.effects { desk.signatures.append(("winner\(index)@forged\(index).example", signature, now + Double(index))) }
            if case let .openTicket(number, new)? = decision.effects.first {
                desk.add(Ticket(number: number, subject: new.subject, normalizedSubject: new.normalizedSubject, queue: "support", language: "en",
                                customer: new.customer, createdAt: now))
            }
        }
        #expect(acknowledged == 3, "the first three; the rest are withheld as backscatter")
        let withheld = try core.intake(incoming(["From: last@forged.example", "Subject: Prize"], body: lottery), queue: "support", snapshot: desk, now: now + 60)
        #expect(withheld.effects.events.contains { $0.event.detail.hasPrefix("acknowledgement withheld (same_text)") })
    }

    @Test func theSameTextGuardStopsReadingOnceItHasSeenEnough() throws {
        let lottery = "Congratulations! You have won 1,000,000 EUR in our lottery. Send your bank details to claim the prize today."
        var desk = MemoryDesk()
        let signature = DeskCore.signature(lottery, minimumWords: 8)
        desk.signatures = (0..<20).map { (sender: "winner\($0)@forged\($0).example", signature: signature, at: now - Double($0)) }
        let decision = try core.intake(incoming(["From: last@forged.example", "Subject: Prize"], body: lottery), queue: "support", snapshot: desk, now: now)
        #expect(decision.effects.events.contains { $0.event.detail.hasPrefix("acknowledgement withheld (same_text)") })
        #expect(desk.signaturesRead.count == 3, "three copies from other senders are all the guard needs to know, of the 20 stored")
    }

    @Test func shortOrMerelySimilarTextsFromManyPeopleAreAllAcknowledged() throws {
        var desk = MemoryDesk()
        let templated = { (index: Int) in "Hello, the export of order \(index) stops at 50% since this morning. Could you please look into it? Thanks, Customer \(index)" }
        var acknowledged = 0
        for (index, body) in ((0..<10).map { _ in "The site is down." } + (10..<20).map(templated)).enumerated() {
            let decision = try core.intake(incoming(["From: c\(index)@org\(index).example", "Subject: Outage \(index)"], body: body), queue: "support", snapshot: desk, now: now + Double(index))
            acknowledged += decision.effects.mails.filter { $0.mail.kind == .ack }.count
            for case let .signIncoming(signature) in decision.effects { desk.signatures.append(("c\(index)@org\(index).example", signature, now + Double(index))) }
        }
        #expect(acknowledged == 20, "an outage's short reports and a web form's templated requests are people")
    }

    @Test func oneSenderRepeatingATextIsLeftToThePerSenderGuards() throws {
        var desk = MemoryDesk()
        let signature = NearDuplicateText("The backup job failed on server 7 at 03:00 tonight; please check the disk and tell us what to do.")
        desk.signatures = (0..<5).map { (sender: "robot@acme.example", signature: signature, at: now - Double($0) * 600) }
        let decision = try core.intake(
            incoming(["From: robot@acme.example", "Subject: Backup"], body: "The backup job failed on server 7 at 03:00 tonight; please check the disk and tell us what to do."),
            queue: "support", snapshot: desk, now: now)
        #expect(decision.effects.mails.filter { $0.mail.kind == .ack }.count == 1)
    }

    @Test func theOverallRateLimitWithholdsPastItsCount() throws {
        var desk = MemoryDesk()
        desk.acknowledgements = (0..<200).map { (recipient: "c\($0)@acme.example", at: now - 60) }
        #expect(try core.intake(incoming(["From: bob@acme.example", "Subject: VPN"]), queue: "support", snapshot: desk, now: now).effects.mails.count == 1,
                "no limit by default")
        var rules = core.rules
        rules.limits.acknowledgementsPerWindow = 200
        let decision = try DeskCore(rules: rules).intake(incoming(["From: bob@acme.example", "Subject: VPN"]), queue: "support", snapshot: desk, now: now)
        #expect(decision.effects.mails.filter { $0.mail.kind == .ack }.isEmpty)
        #expect(decision.effects.events.contains { $0.event.detail.hasPrefix("acknowledgement withheld (rate)") })
    }

    @Test func justBelowTheLoopGuardsTheAcknowledgementGoesOut() throws {
        var desk = MemoryDesk()
        desk.received = Array(repeating: (sender: "bob@acme.example", at: now - 60), count: 4)
        desk.acknowledgements = Array(repeating: (recipient: "bob@acme.example", at: now - 3_600), count: 9)
        let decision = try core.intake(incoming(["From: bob@acme.example", "Subject: VPN"]), queue: "support", snapshot: desk, now: now)
        #expect(decision.effects.mails.count == 1)
    }

    @Test func aReplyToAResolvedTicketWithinTheWindowReopensItWithANewPromise() throws {
        var desk = MemoryDesk()
        desk.add(ticket(7, state: .resolved, updatedAt: now - 86_400))
        desk.messageIDs["<t7.ack.1.1@example.com>"] = 7
        let reply = incoming(["From: alice@acme.example", "Subject: Re: [#7] Printer", "In-Reply-To: <t7.ack.1.1@example.com>"], body: "Still broken.")
        let decision = try core.intake(reply, queue: "support", snapshot: desk, now: now)
        #expect(decision.ticket == 7)
        #expect(decision.effects.contains(.setState(ticket: 7, .open)))
        #expect(decision.effects.events.map(\.event.kind) == [.customerReplied, .reopened, .promised])
        #expect(decision.effects.contains { if case .recordPromise(7, _) = $0 { true } else { false } })
        #expect(decision.effects.mails.isEmpty, "a reply is not acknowledged")
    }

    @Test func aReplyToAResolvedTicketQuietForLongerThanTheWindowOpensALinkedTicket() throws {
        var desk = MemoryDesk()
        desk.add(ticket(7, state: .resolved, updatedAt: now - 40 * 86_400))
        desk.messageIDs["<t7.ack.1.1@example.com>"] = 7
        let reply = incoming(["From: alice@acme.example", "Subject: Re: [#7] Printer", "In-Reply-To: <t7.ack.1.1@example.com>"], body: "Broken again.")
        let decision = try core.intake(reply, queue: "support", snapshot: desk, now: now)
        #expect(decision.ticket == 8)
        guard case let .openTicket(8, new)? = decision.effects.first else {
            Issue.record("expected a new ticket, got \(decision.effects)")
            return
        }
        #expect(new.linkedTo == 7)
        #expect(decision.effects.events.contains { $0.ticket == 7 && $0.event.detail == "continued in ticket [#8]" })
    }

    @Test func aCustomerReplyOnAWaitingTicketOpensItAndRestartsTheClock() throws {
        var desk = MemoryDesk()
        desk.add(ticket(3, state: .waiting))
        desk.messageIDs["<t3.staff.1.1@example.com>"] = 3
        let decision = try core.intake(
            incoming(["From: alice@acme.example", "Subject: Re: [#3] Printer", "In-Reply-To: <t3.staff.1.1@example.com>"], body: "Here is the log."),
            queue: "support", snapshot: desk, now: now)
        #expect(decision.effects.contains(.setState(ticket: 3, .open)))
        #expect(decision.effects.events.contains { $0.event.detail == "waiting → open: the customer replied" })
        #expect(decision.effects.contains { if case .recordPromise(3, _) = $0 { true } else { false } })
    }

    // MARK: - Staff mail

    func staffDesk() -> MemoryDesk {
        var desk = MemoryDesk()
        desk.add(ticket(9, promisedBy: now + 3_600))
        desk.sequences[9] = [.staff: 2]
        desk.conversations[9] = Conversation(messageIDs: ["<c1@acme.example>"], lastCustomerMessageID: "<c1@acme.example>")
        return desk
    }

    /// The reply address that proves agent@example.com's mail on `ticket`.
    func replyAddress(_ ticket: Int = 9, staff: String = "agent@example.com") throws -> String {
        try #require(core.rules.staff).replyAddress(desk: "support@example.com", ticket: ticket, staff: staff)
    }

    @Test func staffAnsweringTheCustomerDirectlyFulfilsThePromiseAndSendsNothing() throws {
        let mail = incoming(["From: agent@example.com", "To: alice@acme.example", "Cc: \(try replyAddress())", "Subject: Re: [#9] Printer"], body: "Fixed.")
        let effects = try core.intake(mail, queue: "support", snapshot: staffDesk(), now: now).effects
        #expect(effects.mails.isEmpty)
        #expect(effects.events.map(\.event.kind) == [.staffReplied, .promiseKept])
        #expect(effects.contains(.clearPromise(ticket: 9)) && effects.contains(.trainHam(ticket: 9)))
    }

    @Test func aStaffNoteToTheDeskStaysInternalAndThePromiseStands() throws {
        let mail = incoming(["From: agent@example.com", "To: \(try replyAddress())", "Subject: Re: [#9] Printer"], body: "#note toner ordered")
        let effects = try core.intake(mail, queue: "support", snapshot: staffDesk(), now: now).effects
        #expect(effects.mails.isEmpty)
        #expect(!effects.contains(.clearPromise(ticket: 9)))
        #expect(effects.events.map(\.event.detail) == ["internal note, not sent to the customer; the promise stands"])
    }

    @Test func verifiedStaffMailToTheDeskIsRelayedAsTheNextStaffAnswer() throws {
        let mail = incoming(
            ["From: agent@example.com", "To: \(try replyAddress())", "Subject: Re: [#9] Printer", "Message-ID: <s1@example.com>"],
            body: "Please restart it.\n\n> quoted alarm")
        let effects = try core.intake(mail, queue: "support", snapshot: staffDesk(), now: now).effects
        let relayed = try #require(effects.mails.first)
        #expect(relayed.mail.kind == .staff && relayed.mail.sequence == 3 && relayed.author == "agent@example.com")
        #expect(relayed.mail.recipients == ["alice@acme.example"])
        #expect(relayed.mail.text.contains("Please restart it.") && !relayed.mail.text.contains("quoted alarm"))
        #expect(!String(decoding: relayed.mail.raw, as: UTF8.self).contains("+t9-"), "the customer never sees a token")
        #expect(effects.contains(.setState(ticket: 9, .waiting)))
    }

    /// Forged or unprovable staff mail: (headers, why it is held).
    static let unproven: [(String, [String])] = [
        ("From alone", ["From: agent@example.com", "To: support@example.com"]),
        ("a token for another ticket", ["From: agent@example.com", "To: TOKEN8"]),
        ("a token for another staff member", ["From: agent@example.com", "To: TOKENOTHER"]),
        ("a truncated token", ["From: agent@example.com", "To: TRUNCATED"]),
        ("a forged Authentication-Results", ["From: agent@example.com", "To: support@example.com",
                                              "Authentication-Results: mx.example.com; dmarc=pass header.from=example.com"]),
    ]

    @Test(arguments: unproven)
    func staffMailThatProvesNothingIsHeldNeverRelayed(_ label: String, headers: [String]) throws {
        let valid = try replyAddress()
        let replaced = try headers.map {
            $0.replacingOccurrences(of: "TOKEN8", with: try replyAddress(8))
                .replacingOccurrences(of: "TOKENOTHER", with: try replyAddress(staff: "boss@example.com"))
                .replacingOccurrences(of: "TRUNCATED", with: String(valid.split(separator: "@")[0].dropLast(3)) + "@example.com")
        }
        let mail = incoming(replaced + ["Subject: Re: [#9] Printer"], body: "Please send us your password.")
        let effects = try core.intake(mail, queue: "support", snapshot: staffDesk(), now: now).effects
        #expect(effects.contains { if case .holdIncoming = $0 { true } else { false } }, "\(label)")
        #expect(effects.events.contains { $0.event.kind == .held }, "\(label)")
        #expect(!effects.mails.contains { $0.mail.recipients.contains("alice@acme.example") }, "\(label): nothing reaches the customer")
        #expect(effects.mails.map(\.mail.recipients) == [["agent@example.com"]], "\(label): the staff member is told")
        #expect(!effects.contains(.clearPromise(ticket: 9)), "\(label): the promise stands")
    }

    @Test func commandsRunAndTheirLinesNeverReachTheCustomer() throws {
        let mail = incoming(["From: agent@example.com", "To: \(try replyAddress())", "Subject: Re: [#9] Printer"],
                            body: "#priority high\n#assign me\nThe new part arrives Monday.")
        let effects = try core.intake(mail, queue: "support", snapshot: staffDesk(), now: now).effects
        #expect(effects.contains(.setPriority(ticket: 9, .high)) && effects.contains(.assign(ticket: 9, to: "agent@example.com")))
        let toCustomer = try #require(effects.mails.first { $0.mail.recipients == ["alice@acme.example"] })
        #expect(toCustomer.mail.text == "The new part arrives Monday.")
        #expect(effects.events.filter { $0.event.kind == .command }.map(\.event.actor) == ["staff:agent@example.com", "staff:agent@example.com"])
    }

    @Test func onlyCommandsSendTheCustomerNothing() throws {
        let mail = incoming(["From: agent@example.com", "To: \(try replyAddress())", "Subject: Re: [#9] Printer"], body: "#close")
        let effects = try core.intake(mail, queue: "support", snapshot: staffDesk(), now: now).effects
        #expect(effects.contains(.setState(ticket: 9, .closed)))
        #expect(effects.mails.map(\.mail.recipients) == [["agent@example.com"]], "only the command results, to the staff member")
    }

    @Test func anUnknownCommandChangesNothingAndIsAnswered() throws {
        let mail = incoming(["From: agent@example.com", "To: \(try replyAddress())", "Subject: Re: [#9] Printer"], body: "#clsoe\nDone, closing.")
        let effects = try core.intake(mail, queue: "support", snapshot: staffDesk(), now: now).effects
        #expect(!effects.contains { if case .setState = $0 { true } else { false } })
        let reply = try #require(effects.mails.first)
        #expect(effects.mails.count == 1 && reply.mail.recipients == ["agent@example.com"])
        #expect(reply.mail.text.contains("clsoe"))
    }

    @Test func aReleasedHeldMailIsRelayed() throws {
        var desk = staffDesk()
        let raw = Array("From: agent@example.com\r\nTo: support@example.com\r\nSubject: Re: [#9] Printer\r\n\r\nIt works now.".utf8)
        desk.held[9] = [HeldMail(row: 77, raw: raw, reason: "no token")]
        let effects = try core.release(ticket: 9, by: "staff:admin", snapshot: desk, now: now)
        #expect(effects.first == .releaseHeld(messageRow: 77))
        #expect(effects.mails.first?.mail.recipients == ["alice@acme.example"])
        #expect(effects.mails.first?.mail.text == "It works now.")
    }

    @Test func newTicketsAreAnnouncedToStaffWithTheirOwnReplyAddress() throws {
        var rules = core.rules
        rules.staff?.notifyNewTickets = true
        rules.staff = StaffDesk(verifier: StaffMailVerifier(
            roster: StaffRoster(members: [StaffMember(address: "anna@example.com", name: "Anna Kovács"), StaffMember(address: "piotr@example.com", queues: ["billing"])]),
            keyring: .forTests, deskAddresses: ["support@example.com"]), queues: ["support", "billing"])
        let decision = try DeskCore(rules: rules).intake(incoming(["From: bob@acme.example", "Subject: VPN"]), queue: "support", snapshot: MemoryDesk(), now: now)
        let notices = decision.effects.mails.filter { $0.mail.kind == .notification }
        #expect(notices.map(\.mail.recipients) == [["anna@example.com"]], "only staff of the ticket's queue")
        let raw = String(decoding: try #require(notices.first).mail.raw, as: UTF8.self)
        #expect(raw.contains("Reply-To: \(try #require(rules.staff).replyAddress(desk: "support@example.com", ticket: 1, staff: "anna@example.com"))"))
        #expect(raw.contains("Hello, the printer is broken."))
    }

    @Test("a ticket opened from the phone is announced to staff like a mailed one, in the customer's language")
    func createdTicketsAreAnnouncedToStaff() throws {
        var desk = MemoryDesk()
        desk.languages = ["bob@acme.example": "pl"]
        var rules = core.rules
        rules.staff?.notifyNewTickets = true
        let (number, effects) = try DeskCore(rules: rules).createTicket(
            channel: "phone", customer: Customer(address: "bob@acme.example"), subject: "VPN", text: "VPN down", queue: "support", snapshot: desk, now: now)
        #expect(effects.mails.map(\.mail.kind) == [.ack, .notification])
        let notice = try #require(effects.mails.last?.mail)
        #expect(notice.recipients == ["agent@example.com"] && notice.text.contains("VPN down"))
        #expect(String(decoding: notice.raw, as: UTF8.self).contains("Reply-To: \(try replyAddress(number))"))
        #expect(effects.contains { if case let .openTicket(_, new) = $0 { new.language == "pl" } else { false } }, "a returning customer's language")
    }

    // MARK: - The watcher

    func watchedDesk(promiseCount: Int = 1, state: TicketState = .open, promisedBy: Date? = nil) -> MemoryDesk {
        var desk = MemoryDesk()
        desk.add(ticket(2, state: state, promisedBy: promisedBy), promises: promiseCount)
        return desk
    }

    @Test func aWarningGoesToStaffOnly() throws {
        let effects = try core.watch(.warnStaff(ticket: 2, promiseNumber: 1), snapshot: watchedDesk(promisedBy: now + 600), now: now)
        #expect(effects.mails.map(\.mail.kind) == [.notice])
        #expect(effects.mails.first?.mail.recipients == ["agent@example.com"])
        let raw = String(decoding: try #require(effects.mails.first).mail.raw, as: UTF8.self)
        #expect(raw.contains("Reply-To: \(try replyAddress(2))"), "an answer to the alarm is verifiable")
    }

    @Test(arguments: [false, true])
    func aSlipTellsTheCustomerFirstWithANewPromise(escalate: Bool) throws {
        let newPromise = now + 86_400
        let effects = try core.watch(
            .slip(ticket: 2, promiseNumber: 1, missed: now - 60, newPromise: newPromise, escalate: escalate),
            snapshot: watchedDesk(promisedBy: now - 60), now: now)
        #expect(effects.contains(.recordPromise(ticket: 2, promisedBy: newPromise)))
        #expect(effects.events.first?.event.kind == .promiseMissed)
        #expect(effects.mails.map(\.mail.kind) == [.followup, .notice] + (escalate ? [.escalation] : []))
        #expect(effects.mails.first?.mail.recipients == ["alice@acme.example"])
    }

    @Test("many slips at once: every customer is told, each staff member and lead gets one digest of theirs; its reply is held")
    func manySlipsMakeOneDigestPerRecipient() throws {
        var desk = MemoryDesk()
        var slips: [PromiseAction] = []
        for number in [7, 3, 5] {
            var slipped = ticket(number, promisedBy: now - 60)
            slipped.customer = Customer(address: "c\(number)@acme.example")
            if number == 5 { slipped.assignee = "bea@example.com" }
            desk.add(slipped, promises: number == 7 ? 2 : 1)
            slips.append(.slip(ticket: number, promiseNumber: number == 7 ? 2 : 1, missed: now - 60, newPromise: now + 86_400, escalate: number == 7))
        }
        let effects = try core.watchDigest(slips, snapshot: desk, now: now)
        let followUps = effects.mails.filter { $0.mail.kind == .followup }
        #expect(Set(followUps.flatMap(\.mail.recipients)) == ["c3@acme.example", "c5@acme.example", "c7@acme.example"])
        #expect(effects.filter { if case .recordPromise = $0 { true } else { false } }.count == 3)
        let digests = effects.mails.map(\.mail).filter { $0.kind == .digest }
        #expect(digests.map(\.recipients) == [["agent@example.com"], ["bea@example.com"], ["lead@example.com"]], "one each, no per-ticket alarm")
        #expect(effects.mails.allSatisfy { $0.mail.kind == .followup || $0.mail.kind == .digest })
        let agent = try #require(digests.first)
        #expect(agent.ticketNumber == 3 && agent.sequence == 101, "on the lowest ticket, keyed by its promise and the slot")
        #expect(agent.subject.hasPrefix("2 promises slipped") && !agent.subject.contains("[#"), "\(agent.subject)")
        #expect(agent.text.contains("[#3] Printer — c3@acme.example") && agent.text.contains("[#7]") && !agent.text.contains("[#5]"), "\(agent.text)")
        #expect(digests.last?.text.contains("[#7] Printer") == true && digests.last?.text.contains("escalated") == true)

        var answered = desk
        answered.tickets[3]?.promisedBy = nil
        let reply = incoming([
            "From: agent@example.com", "To: support@example.com", "Subject: Re: 2 promises slipped", "In-Reply-To: \(agent.messageID)",
            "Authentication-Results: mx.example.com; dmarc=pass header.from=example.com",
        ], body: "On it.")
        answered.messageIDs[agent.messageID] = 3
        let decision = try core.intake(reply, queue: "support", snapshot: answered, now: now + 60)
        #expect(decision.effects.contains { if case .holdIncoming = $0 { true } else { false } }, "a reply to a digest answers no customer")
        #expect(!decision.effects.mails.contains { $0.mail.recipients.contains("c3@acme.example") })
    }

    @Test(arguments: [
        ("answered since", MemoryDesk.Change.promiseCleared),
        ("promised anew since", .renewed),
        ("set waiting since", .waiting),
    ])
    func aTicketThatChangedSinceTheWatcherReadItGetsNothing(_ label: String, change: MemoryDesk.Change) throws {
        var desk = watchedDesk(promisedBy: now - 60)
        desk.apply(change, to: 2)
        let effects = try core.watch(.slip(ticket: 2, promiseNumber: 1, missed: now - 60, newPromise: now + 86_400, escalate: true), snapshot: desk, now: now)
        #expect(effects.isEmpty, "\(label)")
    }

    // MARK: - Staff actions

    @Test func changingToTheSameStateChangesNothing() throws {
        #expect(try core.changeState(ticket: 2, to: .open, actor: "staff:a", snapshot: watchedDesk(), now: now).isEmpty)
    }

    @Test func reopeningAResolvedTicketMakesANewPromise() throws {
        let effects = try core.changeState(ticket: 2, to: .open, actor: "staff:a", snapshot: watchedDesk(state: .resolved), now: now)
        #expect(effects.events.map(\.event.kind) == [.reopened, .promised])
    }

    @Test func waitingStopsTheClock() throws {
        let effects = try core.changeState(ticket: 2, to: .waiting, actor: "staff:a", snapshot: watchedDesk(promisedBy: now + 60), now: now)
        #expect(effects.contains(.clearPromise(ticket: 2)))
    }

    @Test func actionsOnAMissingTicketSayWhich() throws {
        #expect(throws: DeskError.noSuchTicket(99)) { try core.assign(ticket: 99, to: "a@example.com", actor: "staff:a", snapshot: MemoryDesk(), now: now) }
    }
}

extension MemoryDesk {
    /// What may happen to a ticket between the watcher's read and its transaction.
    enum Change: Sendable {
        case promiseCleared, renewed, waiting
    }

    mutating func apply(_ change: Change, to number: Int) {
        switch change {
        case .promiseCleared: tickets[number]?.promisedBy = nil
        case .renewed: promises[number, default: 1] += 1
        case .waiting: tickets[number]?.state = .waiting
        }
    }
}

extension [DeskEffect] {
    var events: [(ticket: Int, event: TicketEvent)] {
        compactMap { if case let .addEvent(ticket, event) = $0 { (ticket, event) } else { nil } }
    }

    var mails: [(mail: OutgoingMail, author: String?, onQueued: TicketEvent?)] {
        compactMap { if case let .queueMail(mail, author, onQueued) = $0 { (mail, author, onQueued) } else { nil } }
    }
}

/// The admin's rules inside intake: what they set reaches the ticket, its promise and its events.
@Suite("DeskCore with rules")
struct DeskCoreRulesTests {
    let now = referenceNow

    func core(_ rules: [RuleValue]) throws -> DeskCore {
        var desk = DeskRules.forTests(staff: ["agent@example.com"])
        desk.ruleSet = try RuleSet(compiling: rules)
        var billing = desk.policy
        billing.firstResponse = try BusinessDuration(parsing: "2h")
        desk.queuePolicies["billing"] = billing
        return DeskCore(rules: desk)
    }

    func incoming(_ headers: [String], body: String) -> IncomingMail {
        IncomingMail(raw: Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8), source: nil, mailbox: "support", receivedAt: now)
    }

    let invoiceRule: RuleValue = [
        "name": "Hungarian invoices", "conditions": [["field": "subject", "contains": "számla"]], "queue": "billing", "priority": "high",
        "request_type": "invoice",
    ]

    @Test func aRuleRoutesTheNewTicketAndShapesItsPromise() throws {
        let core = try core([invoiceRule])
        let decision = try core.intake(
            incoming(["From: peter@ceg.example", "Subject: Számla letöltése"], body: "Nem működik a számla letöltése."), queue: "support", snapshot: MemoryDesk(), now: now)
        guard case let .openTicket(1, new)? = decision.effects.first else {
            Issue.record("expected ticket 1, got \(decision.effects)")
            return
        }
        #expect(new.queue == "billing" && new.priority == "high" && new.requestType == "invoice" && new.rules == ["Hungarian invoices"])
        #expect(decision.effects.events.contains { $0.event.kind == .rule && $0.event.actor == "rule:Hungarian invoices" })
        let promise = try #require(decision.effects.compactMap { if case let .recordPromise(_, date) = $0 { date } else { nil } }.first)
        let expected = try #require(core.rules.policy(forQueue: "billing").promise(first: true, openAhead: 0, now: now))
        #expect(promise == expected, "the billing queue's 2h target, not the desk's day")
    }

    @Test func aDropRuleMakesNoTicketAndNoAnswer() throws {
        let core = try core([["name": "newsletters", "conditions": [["field": "from", "matches": "*@shop.example"]], "drop": "newsletter"], invoiceRule])
        let decision = try core.intake(
            incoming(["From: news@shop.example", "Subject: Számla news"], body: "Our offers, without a List-Id."),
            queue: "support", snapshot: MemoryDesk(), now: now)
        #expect(decision.ticket == nil)
        #expect(decision.effects == [.storeIncoming(ticket: nil, kind: .customer, classification: "person", dropKey: "newsletter")])
    }

    @Test func aHostileRegexIsAnErrorEventNotAHang() throws {
        let core = try core([["name": "hostile", "conditions": [["field": "body", "regex": "(a+)+$"]], "priority": "urgent"]])
        let decision = try core.intake(
            incoming(["From: x@acme.example", "Subject: a"], body: String(repeating: "a", count: 30_000) + "b"), queue: "support", snapshot: MemoryDesk(), now: now)
        guard case let .openTicket(_, new)? = decision.effects.first else {
            Issue.record("expected a ticket")
            return
        }
        #expect(new.priority == "normal", "a rule whose regex gave up does not match")
        #expect(decision.effects.events.contains { $0.event.kind == .ruleError && $0.event.actor == "rule:hostile" })
    }

    @Test func urgentTicketsGetThePriorityTargetOverTheQueues() throws {
        var rules = try core([["name": "urgent", "conditions": [["field": "subject", "contains": "down"]], "priority": "urgent"]]).rules
        rules.priorityTargets["urgent"] = PriorityTargets(firstResponse: try BusinessDuration(parsing: "30m"))
        let decision = try DeskCore(rules: rules).intake(
            incoming(["From: x@acme.example", "Subject: site down"], body: "Everything is down."), queue: "support", snapshot: MemoryDesk(), now: now)
        let promise = try #require(decision.effects.compactMap { if case let .recordPromise(_, date) = $0 { date } else { nil } }.first)
        #expect(promise == (try #require(rules.policy(forQueue: "support", priority: "urgent").promise(first: true, openAhead: 0, now: now))))
        #expect(promise < (try #require(rules.policy(forQueue: "support").promise(first: true, openAhead: 0, now: now))))
    }
}

@Suite("DeskCore: customer commands")
struct DeskCoreCustomerCommandTests {
    let core = DeskCore(rules: .forTests(staff: ["agent@example.com"]))
    let now = referenceNow

    func desk(_ state: TicketState) -> MemoryDesk {
        var desk = MemoryDesk()
        desk.add(Ticket(
            number: 5, subject: "Számla", normalizedSubject: "számla", state: state, queue: "support", language: "hu",
            customer: Customer(address: "peter@ceg.example"), createdAt: now - 86_400, updatedAt: now - 3_600))
        desk.messageIDs["<t5.ack.1.1@example.com>"] = 5
        return desk
    }

    func reply(_ body: String, subject: String = "Re: [#5] Számla") -> IncomingMail {
        IncomingMail(
            raw: Array("From: peter@ceg.example\r\nSubject: \(subject)\r\nIn-Reply-To: <t5.ack.1.1@example.com>\r\n\r\n\(body)".utf8),
            source: nil, mailbox: "support", receivedAt: now)
    }

    @Test(arguments: ["lezárás", "Close", "zamknij!"])
    func aBareCloseWordClosesTheTicketWithAConfirmation(word: String) throws {
        let effects = try core.intake(reply(word), queue: "support", snapshot: desk(.open), now: now).effects
        #expect(effects.contains(.setState(ticket: 5, .closed)))
        let confirmation = try #require(effects.mails.first)
        #expect(confirmation.mail.kind == .confirmation && confirmation.mail.recipients == ["peter@ceg.example"])
        #expect(confirmation.mail.text.contains("lezártuk"), "in the ticket's language")
    }

    @Test func aBareThanksOnAResolvedTicketDoesNotReopenIt() throws {
        let effects = try core.intake(reply("Köszönöm!"), queue: "support", snapshot: desk(.resolved), now: now).effects
        #expect(!effects.contains { if case .setState = $0 { true } else { false } })
        #expect(!effects.contains { if case .recordPromise = $0 { true } else { false } })
        #expect(effects.events.contains { $0.event.detail.contains("stays resolved") })
    }

    @Test func thanksWithAQuestionReopens() throws {
        let effects = try core.intake(reply("Köszönöm! De a PDF még mindig nem nyílik meg, mit tegyek?"), queue: "support", snapshot: desk(.resolved), now: now).effects
        #expect(effects.contains(.setState(ticket: 5, .open)))
    }
}

@Suite("DeskCore: assignment at intake")
struct DeskCoreAssignmentTests {
    let now = referenceNow

    func core(policy: AssignmentPolicy, away: String? = nil) throws -> DeskCore {
        var rules = DeskRules.forTests(staff: [])
        rules.roster = StaffRoster(members: [
            StaffMember(address: "anna@example.com", name: "Anna", languages: ["hu", "en"]),
            StaffMember(address: "piotr@example.com", name: "Piotr", languages: ["pl", "en"]),
        ])
        rules.staff = StaffDesk(
            verifier: StaffMailVerifier(roster: rules.roster, keyring: .forTests, deskAddresses: ["support@example.com"]), queues: ["support"])
        rules.assignment = AssignmentSettings(policy: policy)
        if let away {
            let day = rules.policy.calendar.localDate(of: now)
            rules.policy.absences = [try AbsenceCalendar.Absence(agent: away, from: day, through: day)]
        }
        return DeskCore(rules: rules)
    }

    func incoming(_ index: Int, body: String = "Hello, the VPN does not connect since this morning.") -> IncomingMail {
        IncomingMail(
            raw: Array("From: c\(index)@acme.example\r\nSubject: Request \(index)\r\n\r\n\(body)".utf8), source: nil, mailbox: "support", receivedAt: now)
    }

    /// Opens four tickets in a row, the snapshot keeping what each decision assigned.
    func openFour(_ core: DeskCore) throws -> (assignees: [String?], notified: [[String]], details: [String]) {
        var desk = MemoryDesk()
        var assignees: [String?] = [], notified: [[String]] = [], details: [String] = []
        for index in 0..<4 {
            let decision = try core.intake(incoming(index), queue: "support", snapshot: desk, now: now + Double(index))
            guard case let .openTicket(number, new)? = decision.effects.first else { throw DeskError.noSuchTicket(index) }
            desk.add(Ticket(number: number, subject: new.subject, normalizedSubject: new.normalizedSubject, queue: new.queue, language: new.language,
                            customer: new.customer, assignee: new.assignee, createdAt: now))
            assignees.append(new.assignee)
            notified += decision.effects.mails.filter { $0.mail.kind == .notification }.map(\.mail.recipients)
            details += decision.effects.events.filter { $0.event.kind == .assigned }.map(\.event.detail)
        }
        return (assignees, notified, details)
    }

    @Test func withOneOfTwoAwayEveryNewTicketGoesToThePresentOneAndOnlySheHears() throws {
        let result = try openFour(try core(policy: .leastLoaded, away: "piotr@example.com"))
        #expect(result.assignees == Array(repeating: "anna@example.com", count: 4))
        #expect(result.notified == Array(repeating: ["anna@example.com"], count: 4))
        #expect(result.details.first?.hasPrefix("assigned to anna@example.com: least loaded: 0 open") == true, "\(result.details)")
    }

    @Test func leastLoadedAlternatesBetweenTwoPresentAgents() throws {
        let result = try openFour(try core(policy: .leastLoaded))
        #expect(result.assignees == ["anna@example.com", "piotr@example.com", "anna@example.com", "piotr@example.com"])
    }

    @Test func whenAnAbsenceStartsTheAgentsOpenTicketsMoveOnceWithAReason() throws {
        let core = try core(policy: .leastLoaded, away: "piotr@example.com")
        var desk = MemoryDesk()
        desk.add(Ticket(number: 3, subject: "VPN", normalizedSubject: "vpn", queue: "support", language: "en",
                        customer: Customer(address: "jan@firma.example"), assignee: "piotr@example.com", createdAt: now - 86_400))
        let effects = try core.reassignAbsent(snapshot: desk, now: now)
        #expect(effects.contains(.assign(ticket: 3, to: "anna@example.com")), "the present agent who speaks en takes it")
        #expect(effects.events.first?.event.detail.hasPrefix("piotr@example.com is away; assigned to anna@example.com") == true)
        #expect(effects.mails.map(\.mail.recipients) == [["anna@example.com"]])
        desk.tickets[3]?.assignee = "anna@example.com"
        #expect(try core.reassignAbsent(snapshot: desk, now: now).isEmpty, "moved once")

        desk.add(Ticket(number: 4, subject: "Konto", normalizedSubject: "konto", queue: "support", language: "pl",
                        customer: Customer(address: "ewa@firma.example"), assignee: "piotr@example.com", createdAt: now - 3_600))
        let nobody = try core.reassignAbsent(snapshot: desk, now: now)
        #expect(nobody.contains(.unassign(ticket: 4)), "nobody present speaks pl: back to the queue")
        #expect(nobody.events.first?.event.detail.contains("back to queue support") == true)
    }

    @Test func ticketsThatWaitedUnassignedGoOutOldestFirstOnceSomeoneIsPresent() throws {
        var desk = MemoryDesk()
        for number in [7, 5, 6] {
            desk.add(Ticket(number: number, subject: "S\(number)", normalizedSubject: "s\(number)", queue: "support", language: "en",
                            customer: Customer(address: "c\(number)@acme.example"), createdAt: now - Double(number) * 60))
        }
        let effects = try core(policy: .leastLoaded).assignWaiting(snapshot: desk, now: now)
        let assigned = effects.compactMap { if case let .assign(ticket, to) = $0 { (ticket, to) } else { nil } }
        #expect(assigned.map(\.0) == [5, 6, 7], "oldest first")
        #expect(assigned.map(\.1) == ["anna@example.com", "piotr@example.com", "anna@example.com"], "the load counts between them")
        #expect(try core(policy: .none).assignWaiting(snapshot: desk, now: now).isEmpty, "no policy: the queue keeps them")
    }

    @Test func withoutAPolicyTicketsStayWithTheQueueAndTheQueueHears() throws {
        let result = try openFour(try core(policy: .none))
        #expect(result.assignees == [nil, nil, nil, nil])
        #expect(result.notified.count == 8, "both agents of the queue hear of each ticket")
    }
}

@Suite("DeskCore: knowledge base")
struct DeskCoreKnowledgeTests {
    let now = referenceNow

    func core(suggest: Int = 0) throws -> DeskCore {
        var rules = DeskRules.forTests(staff: ["agent@example.com"])
        rules.knowledge = KnowledgeBase(articles: [
            try KnowledgeArticle(slug: "password-reset", language: "en", markdown: "# Resetting your password\n\nOpen **Settings**, choose *Password* and follow the link we mail you."),
            try KnowledgeArticle(slug: "password-reset", language: "hu", markdown: "# Jelszó visszaállítása\n\nNyissa meg a **Beállítások** menüt, válassza a *Jelszó* pontot."),
            try KnowledgeArticle(slug: "invoice-download", language: "hu", markdown: "# Számla letöltése\n\nA számlát az ügyfélkapuban, a Számlák menüpontban töltheti le PDF-ben."),
        ])
        rules.suggestions = suggest
        return DeskCore(rules: rules)
    }

    func staffDesk(language: String) -> MemoryDesk {
        var desk = MemoryDesk()
        desk.add(Ticket(number: 9, subject: "Login", normalizedSubject: "login", queue: "support", language: language,
                        customer: Customer(address: "alice@acme.example"), createdAt: now - 3_600, promisedBy: now + 3_600))
        return desk
    }

    func reply(_ core: DeskCore, _ body: String, language: String) throws -> [DeskEffect] {
        let token = try #require(core.rules.staff).replyAddress(desk: "support@example.com", ticket: 9, staff: "agent@example.com")
        let mail = IncomingMail(raw: Array("From: agent@example.com\r\nTo: \(token)\r\nSubject: Re: [#9] Login\r\n\r\n\(body)".utf8),
                                source: nil, mailbox: "support", receivedAt: now)
        return try core.intake(mail, queue: "support", snapshot: staffDesk(language: language), now: now).effects
    }

    @Test func kbInsertsTheArticleInTheTicketsLanguage() throws {
        let effects = try reply(try core(), "#kb password-reset\nHere is how:", language: "hu")
        let relayed = try #require(effects.mails.first { $0.mail.recipients == ["alice@acme.example"] })
        #expect(relayed.mail.text.hasPrefix("Here is how:"))
        #expect(relayed.mail.text.contains("Jelszó visszaállítása") && relayed.mail.text.contains("Beállítások"))
        #expect(!relayed.mail.text.contains("**"), "rendered, not raw Markdown")
        let message = MailMessage.parse(relayed.mail.raw)
        #expect(message.contentType == "multipart/alternative")
        #expect(message.textBody.hasPrefix("Here is how:"))
        let html = try #require(message.htmlBody)
        #expect(html.contains("<p>Here is how:</p>") && html.contains("<h1>Jelszó visszaállítása</h1>") && html.contains("<strong>"))
    }

    @Test func aStaffAnswerWithoutAnArticleStaysPlainText() throws {
        let effects = try reply(try core(), "Please restart the router.", language: "en")
        let relayed = try #require(effects.mails.first { $0.mail.recipients == ["alice@acme.example"] })
        #expect(MailMessage.parse(relayed.mail.raw).htmlBody == nil)
        #expect(MailMessage.parse(relayed.mail.raw).contentType == "text/plain")
    }

    @Test func kbFallsBackToTheDefaultLanguageAndSaysSo() throws {
        let effects = try reply(try core(), "#kb password-reset", language: "pl")
        #expect(effects.mails.first { $0.mail.recipients == ["alice@acme.example"] }?.mail.text.contains("Resetting your password") == true)
        let note = try #require(effects.mails.first { $0.mail.recipients == ["agent@example.com"] })
        #expect(note.mail.text.contains("inserted in en: there is no pl version"))
    }

    @Test func anUnknownSlugSendsTheCustomerNothingAndSaysWhy() throws {
        let effects = try reply(try core(), "#kb no-such-article", language: "en")
        #expect(!effects.mails.contains { $0.mail.recipients == ["alice@acme.example"] })
        #expect(effects.mails.first?.mail.text.contains("no article 'no-such-article'") == true)
    }

    @Test func theAcknowledgementSuggestsMatchingArticlesInTheCustomersLanguage() throws {
        let mail = IncomingMail(
            raw: Array("From: peter@ceg.example\r\nSubject: Számla\r\n\r\nJó napot! Nem tudom letölteni a számlát az ügyfélkapuból.".utf8),
            source: nil, mailbox: "support", receivedAt: now)
        let ack = try #require(try core(suggest: 3).intake(mail, queue: "support", snapshot: MemoryDesk(), now: now).effects.mails.first)
        #expect(ack.mail.text.contains("Automatikus javaslat") && ack.mail.text.contains("Számla letöltése"))
        #expect(!ack.mail.text.contains("\u{E000}"), "no marker left in the text")
        let html = try #require(MailMessage.parse(ack.mail.raw).htmlBody, "articles come with an HTML alternative")
        #expect(html.contains("<p>Automatikus javaslat") && html.contains("<p>A számlát az ügyfélkapuban") && !html.contains("\u{E000}"))
        #expect(MailMessage.parse(ack.mail.raw).textBody.contains("Számla letöltése"), "the text part carries the articles too")
        let plain = try #require(try core(suggest: 0).intake(mail, queue: "support", snapshot: MemoryDesk(), now: now).effects.mails.first)
        #expect(!plain.mail.text.contains("Automatikus javaslat"), "suggest = 0: none")
    }
}

@Suite("DeskCore: request-type steps")
struct DeskCoreStepTests {
    let now = referenceNow

    func core(escalateTo target: EscalationTarget = .address("lead@example.com")) throws -> DeskCore {
        var rules = DeskRules.forTests(staff: ["agent@example.com"])
        rules.requestTypes["device_swap"] = try RequestType(
            name: "device_swap", titles: ["en": "Device replacement"],
            steps: [
                RequestTypeStep(name: "triage", owner: .queue("support"), due: try BusinessDuration(parsing: "4h")),
                RequestTypeStep(name: "visit", owner: .queue("field"), due: try BusinessDuration(parsing: "2bd"), notify: .visitScheduled),
            ],
            escalation: [try EscalationRung(after: 1.0, to: target)])
        return DeskCore(rules: rules)
    }

    func desk(step: String?) -> MemoryDesk {
        var desk = MemoryDesk()
        desk.add(Ticket(number: 4, subject: "Router", normalizedSubject: "router", queue: "support", language: "en",
                        customer: Customer(address: "eva@acme.example"), createdAt: now - 3_600))
        desk.requestTypes[4] = "device_swap"
        if let step { desk.steps[4] = StepPosition(step: step, enteredAt: now - 3_600) }
        return desk
    }

    @Test func nextEntersTheStepMovesTheOwnerAndSendsItsNoticeOnce() throws {
        let effects = try core().step(ticket: 4, to: .next, actor: "staff:agent@example.com", snapshot: desk(step: "triage"), now: now)
        #expect(effects.contains { if case .enterStep(4, "device_swap", "visit", _, _) = $0 { true } else { false } })
        #expect(effects.contains(.setQueue(ticket: 4, "field")))
        #expect(effects.mails.map(\.mail.kind) == [.stepNotice])
        #expect(effects.mails.first?.mail.sequence == 2, "keyed by the step: entering it again sends nothing twice")
    }

    @Test func aStepPastTheLastOrUnknownIsRefusedWithTheReason() throws {
        #expect(throws: DeskError.self) { try core().step(ticket: 4, to: .next, actor: "staff:a", snapshot: desk(step: "visit"), now: now) }
        #expect(throws: DeskError.self) { try core().step(ticket: 4, to: .named("nowhere"), actor: "staff:a", snapshot: desk(step: "triage"), now: now) }
    }

    @Test func aLateStepIsEscalatedOncePerRung() throws {
        var snapshot = desk(step: "triage")
        let late = now + 2 * 86_400  // Friday, the desk open
        let effects = try core().watchSteps(snapshot: snapshot, now: late)
        #expect(effects.mails.map(\.mail.recipients) == [["lead@example.com"]])
        let sequence = try #require(effects.mails.first?.mail.sequence)
        snapshot.sentStepEscalations[4] = [sequence]
        #expect(try core().watchSteps(snapshot: snapshot, now: late + 600).isEmpty)
    }

    @Test func aStepEnteredAgainAndLateAgainIsEscalatedAgain() throws {
        var snapshot = desk(step: "triage")
        let late = now + 2 * 86_400
        let first = try #require(try core().watchSteps(snapshot: snapshot, now: late).mails.first?.mail.sequence)
        snapshot.sentStepEscalations[4] = [first]
        snapshot.stepVisits[4] = 1
        snapshot.steps[4] = StepPosition(step: "triage", enteredAt: late)
        #expect(try core().watchSteps(snapshot: snapshot, now: late + 3_600).isEmpty, "the new visit is not late yet")
        let again = try core().watchSteps(snapshot: snapshot, now: late + 4 * 86_400).mails  // Tuesday
        #expect(again.map(\.mail.recipients) == [["lead@example.com"]], "the second visit overran its 4 h too")
        #expect(again.first.map(\.mail.sequence) != first, "a key of its own, so the outbox takes it")
        #expect(again.first.flatMap { StepEscalationSequence($0.mail.sequence) }?.visit == 1)
    }

    @Test func rowsOfTheOlderLayoutStillCountForTheirStep() throws {
        var snapshot = desk(step: "triage")
        snapshot.sentStepEscalations[4] = [1_000_000 + 0 * 1_000 + 100]
        snapshot.stepVisits[4] = 2
        #expect(try core().watchSteps(snapshot: snapshot, now: now + 2 * 86_400).isEmpty, "sent before visits were counted: nothing twice")
        snapshot.sentStepEscalations[4] = [1_000_000 + 1 * 1_000 + 100]
        #expect(try core().watchSteps(snapshot: snapshot, now: now + 2 * 86_400).mails.count == 1, "a row for another step does not count")
    }

    @Test func aRoleGetsOneMailPerMemberEachWithTheirOwnReplyAddress() throws {
        var rules = try core(escalateTo: .role(.lead)).rules
        rules.roster = StaffRoster(members: [
            StaffMember(address: "lead1@example.com", role: .lead), StaffMember(address: "lead2@example.com", role: .lead),
            StaffMember(address: "agent@example.com"),
        ])
        rules.staff = StaffDesk(
            verifier: StaffMailVerifier(roster: rules.roster, keyring: .forTests, deskAddresses: ["support@example.com"]), queues: ["support"])
        let mails = try DeskCore(rules: rules).watchSteps(snapshot: desk(step: "triage"), now: now + 2 * 86_400).mails
        #expect(mails.map(\.mail.recipients) == [["lead1@example.com"], ["lead2@example.com"]])
        let replyTos = mails.compactMap { MailMessage.parse($0.mail.raw).headers["Reply-To"] }
        #expect(replyTos.count == 2 && Set(replyTos).count == 2, "\(replyTos)")
        #expect(Set(mails.map(\.mail.sequence)).count == 2)
    }
}
