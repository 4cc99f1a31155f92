import BusinessTime
import Foundation
import Testing
import TestSupport
import TicketCore

extension DeskCoreTests {
    /// The test desk with ACME's contract: 2 free hours a month from 2026-01-01, renewal 2027-02-01, contact in Hungarian.
    static func contractCore() -> DeskCore {
        var rules = DeskRules.forTests(staff: ["agent@example.com"])
        rules.organisations = ["acme.example": "ACME Ltd"]
        rules.contracts = [SupportContract(
            organisation: "ACME Ltd", hours: 2, period: .month, start: try! LocalDate(parsing: "2026-01-01"),
            renewal: try! LocalDate(parsing: "2027-02-01"), contact: "it@acme.example", language: "hu")]
        rules.reminders = [ContractReminder(name: "renewal-30d", daysBefore: 30, template: .renewal)]
        return DeskCore(rules: rules)
    }

    @Test("#time logs the work for the verified sender and says so; nothing reaches the customer")
    func timeByMailIsLogged() throws {
        let mail = incoming(["From: agent@example.com", "To: \(try replyAddress())", "Subject: Re: [#9] Printer"], body: "#time 1h30m")
        let effects = try core.intake(mail, queue: "support", snapshot: staffDesk(), now: now).effects
        let logged = effects.compactMap { if case let .logTime(9, entry) = $0 { entry } else { nil } }
        #expect(logged == [TimeEntry(staff: "agent@example.com", minutes: 90, at: now)])
        #expect(effects.mails.map(\.mail.recipients) == [["agent@example.com"]], "only the command results")
        #expect(effects.mails.first?.mail.text.contains("#time 1h30m: 1h30m logged") == true)
    }

    @Test("past 80% of the period's hours the contact gets one notice in their language, on a new waiting ticket")
    func contractNoticeOpensATicketOnce() throws {
        let core = Self.contractCore()
        var desk = staffDesk()
        desk.time[9] = [TimeEntry(id: 1, staff: "agent@example.com", minutes: 100, at: now)]
        let effects = try core.watchContracts(snapshot: desk, now: now)
        guard case let .openTicket(number, new) = try #require(effects.first) else { Issue.record("no ticket opened: \(effects)"); return }
        #expect(number == 10 && new.customer.address == "it@acme.example" && new.language == "hu")
        #expect(effects.contains(.setState(ticket: 10, .waiting)))
        #expect(effects.mails.map(\.mail.recipients) == [["it@acme.example"], ["agent@example.com"]], "the notice and its staff copy")
        let notice = try #require(effects.mails.first?.mail)
        #expect(notice.text.contains("1.67") && notice.text.contains("(83%)") && notice.text.contains("ACME Ltd"), "\(notice.text)")
        #expect(notice.subject.contains("[#10]") && notice.subject.contains("felhasználva"), "\(notice.subject)")
        let copy = try #require(effects.mails.last?.mail)
        #expect(copy.kind == .notification && copy.ticketNumber == 10)
        #expect(copy.subject.contains("[#10]") && copy.subject.contains("Copy"), "\(copy.subject)")
        #expect(copy.text.contains(notice.text.trimmingCharacters(in: .whitespacesAndNewlines)), "the copy quotes the contact's mail: \(copy.text)")
        #expect(String(decoding: copy.raw, as: UTF8.self).contains("Reply-To: \(try replyAddress(10))"), "a verifiable reply address")
        let keys = effects.compactMap { if case let .recordContractMail(key, 10) = $0 { key } else { nil } }
        #expect(keys.count == 1)
        desk.contractMail = Set(keys)
        #expect(try core.watchContracts(snapshot: desk, now: now).isEmpty, "once per threshold and period")

        let january = now + 60 * 86_400
        let reminder = try core.watchContracts(snapshot: desk, now: january)
        #expect(reminder.mails.map(\.mail.recipients) == [["it@acme.example"], ["agent@example.com"]], "a new month without hours: only the renewal reminder and its copy")
        #expect(reminder.mails.first?.mail.subject.contains("2027-02-01") == true)
        #expect(reminder.contains { if case let .recordContractMail(key, _) = $0 { key.hasSuffix(":reminder:renewal-30d") } else { false } })
    }

    @Test func removingAnEntryOfAnotherTicketIsRefused() throws {
        var desk = staffDesk()
        desk.time[9] = [TimeEntry(id: 4, staff: "agent@example.com", minutes: 30, at: now)]
        #expect(try core.removeTime(ticket: 9, entry: 4, actor: "staff:x", snapshot: desk, now: now).first == .removeTime(ticket: 9, entry: 4))
        #expect(throws: DeskError.noSuchTimeEntry(5, ticket: 9)) { try core.removeTime(ticket: 9, entry: 5, actor: "staff:x", snapshot: desk, now: now) }
    }
}
