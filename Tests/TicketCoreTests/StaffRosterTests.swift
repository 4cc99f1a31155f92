import Testing
@testable import TicketCore

@Suite("StaffRoster")
struct StaffRosterTests {
    let roster = StaffRoster(
        members: [
            StaffMember(address: "Anna@Example.com", name: "Anna Kovács", languages: ["HU", "en"], skills: ["Billing"],
                        queues: ["support", "billing"], region: "budapest", capacity: 8, role: .lead),
            StaffMember(address: "anna@example.com", name: "A duplicate that loses"),
        ],
        plainAddresses: ["piotr@example.com", " ANNA@example.com "]
    )

    @Test func looksUpWithoutRegardToCase() {
        #expect(roster.member("ANNA@EXAMPLE.COM")?.name == "Anna Kovács")
        #expect(roster.member(" anna@example.com ")?.role == .lead)
        #expect(roster.contains("Piotr@Example.COM"))
        #expect(!roster.contains("mallory@example.com"))
    }

    @Test func theFirstEntryOfAnAddressWins() {
        #expect(roster.members.map(\.address) == ["anna@example.com", "piotr@example.com"])
        #expect(roster.addresses == ["anna@example.com", "piotr@example.com"])
    }

    @Test func plainAddressesBecomeMembersWithDefaults() throws {
        let piotr = try #require(roster.member("piotr@example.com"))
        #expect(piotr == StaffMember(address: "piotr@example.com"))
        #expect(piotr.role == .agent && piotr.queues.isEmpty && piotr.capacity == nil && piotr.name == nil)
        #expect(piotr.works(queue: "anything"))
    }

    @Test func membersAreNormalised() throws {
        let anna = try #require(roster.member("anna@example.com"))
        #expect(anna.languages == ["hu", "en"])
        #expect(anna.skills == ["billing"])
        #expect(anna.domain == "example.com")
        #expect(anna.works(queue: "Billing"))
        #expect(!anna.works(queue: "field"))
    }

    @Test func anEmptyRoster() {
        #expect(StaffRoster().isEmpty)
        #expect(StaffRoster().member("a@b.example") == nil)
    }
}
