import BusinessTime
import Foundation
import MailMessage
import TicketCore

extension DeskRules {
    /// Rules for a desk at support@example.com in Budapest: Mon–Fri 08:00–17:00, HU holidays, 1bd first response.
    public static func forTests(staff: [String] = [], escalateTo: [String] = []) -> DeskRules {
        var policy = PromisePolicy.standard(timeZone: TimeZone(identifier: "Europe/Budapest")!, staff: staff)
        policy.escalateTo = escalateTo
        let planner = IntakePlanner(
            detector: AutomatedMailDetector(ownAddresses: ["support@example.com"], ownMessageIDDomain: "example.com"),
            matcher: ThreadMatcher(tagFormat: TicketTagFormat(), ownMessageIDDomain: "example.com", staffAddresses: Set(staff), subjectWindow: 86_400),
            defaultLanguage: "en")
        let composer = TicketMailComposer(
            templates: .builtIn(), tagFormat: TicketTagFormat(), messageIDDomain: "example.com", teamName: "Support",
            policy: policy, staffLanguage: "en")
        let sender = Sender(address: MailAddress(address: "support@example.com", name: "Support"), envelopeSender: "support@example.com")
        var rules = DeskRules(planner: planner, policy: policy, composer: composer, senders: ["support": sender], defaultSender: sender)
        let verifier = StaffMailVerifier(roster: StaffRoster(plainAddresses: staff), keyring: .forTests, deskAddresses: ["support@example.com"])
        rules.staff = StaffDesk(verifier: verifier, queues: ["support", "billing"], notifyNewTickets: false)
        return rules
    }
}

extension StaffKeyring {
    /// One fixed key, `k1`.
    public static let forTests: StaffKeyring = {
        do {
            return try StaffKeyring(secrets: ["k1": Array("a fixed test secret, 32 bytes!!!".utf8)], currentID: "k1")
        } catch {
            preconditionFailure("the test keyring is valid: \(error)")
        }
    }()
}
