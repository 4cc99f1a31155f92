import Testing
@testable import TicketCore

@Suite("Staff reply addresses")
struct StaffReplyAddressTests {
    let replies = StaffReplyAddress(delimiter: "+", deskAddresses: ["Support@Example.com", "billing@example.com"])
    let token = StaffToken(ticket: 42, keyID: "1", mac: "0123456789abcdefghjk")

    @Test func putsTheTokenIntoTheLocalPart() {
        #expect(replies.address(desk: "support@example.com", token: token) == "support+t42-k1-0123456789abcdefghjk@example.com")
        #expect(StaffReplyAddress(delimiter: "-", deskAddresses: []).address(desk: "help@x.example", token: token)
            == "help-t42-k1-0123456789abcdefghjk@x.example")
    }

    @Test(arguments: [
        "support+t42-k1-0123456789abcdefghjk@example.com",
        "<SUPPORT+T42-K1-0123456789ABCDEFGHJK@EXAMPLE.COM>",
        " billing+t42-k1-0123456789abcdefghjk@example.com ",
    ])
    func findsTokens(address: String) {
        #expect(replies.sighting(in: address, header: "To")?.token == token)
    }

    @Test func aTruncatedTokenIsSeenButMalformed() throws {
        let sighting = try #require(replies.sighting(in: "support+t42-k1-0123456789@example.com", header: "To"))
        #expect(sighting.token == nil)
        #expect(sighting.extensionText == "t42-k1-0123456789")
    }

    @Test(arguments: [
        "support@example.com", "support+sales@example.com", "support+bounce-42@example.com", "support+t@example.com",
        "other+t42-k1-0123456789abcdefghjk@example.com", "support+t42-k1-0123456789abcdefghjk@elsewhere.example",
        "no-at-sign", "support+tx-k1@example.com",
    ])
    func ignoresAddressesWithoutATokenExtension(address: String) {
        #expect(replies.sighting(in: address, header: "To") == nil)
    }

    @Test func otherDelimiters() {
        let dashed = StaffReplyAddress(delimiter: "-", deskAddresses: ["help-desk@example.com"])
        #expect(dashed.sighting(in: "help-desk-t42-k1-0123456789abcdefghjk@example.com", header: "To") == nil)
        #expect(StaffReplyAddress(delimiter: "-", deskAddresses: ["help@example.com"])
            .sighting(in: "help-t42-k1-0123456789abcdefghjk@example.com", header: "To")?.token == token)
    }

    @Test func readsTheDeliveryHeadersFirstAndEachTokenOnce() {
        let message = mail([
            "Delivered-To: support+t42-k1-0123456789abcdefghjk@example.com",
            "X-Original-To: support+T42-K1-0123456789ABCDEFGHJK@example.com",
            "From: Anna <anna@example.com>",
            "To: Customer <c@customer.example>, support+t41-k1-0123456789abcdefghjk@example.com",
            "Cc: \"Desk\" <support+t40-k1-bad@example.com>, support@example.com",
        ])
        let sightings = replies.sightings(in: message)
        #expect(sightings.map(\.header) == ["Delivered-To", "To", "Cc"])
        #expect(sightings.map { $0.token?.ticket } == [42, 41, nil])
    }

    @Test func aMessageWithoutTokens() {
        #expect(replies.sightings(in: mail(["From: a@b.example", "To: support@example.com"])).isEmpty)
    }
}
