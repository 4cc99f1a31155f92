import Foundation
import MailMessage
import Testing
@testable import TicketCore

@Suite("StaffMailVerifier")
struct StaffMailVerifierTests {
    static let roster = StaffRoster(
        members: [StaffMember(address: "anna@example.com", name: "Anna Kovács", role: .lead)],
        plainAddresses: ["piotr@example.com", "ext@partner.example"])
    static let keyring = try! StaffKeyring(
        secrets: ["2": [UInt8](repeating: 7, count: 32), "1": [UInt8](repeating: 8, count: 32)], currentID: "2",
        retiredUntil: ["1": referenceNow])
    let tokensOnly = StaffMailVerifier(roster: roster, keyring: keyring, deskAddresses: ["support@example.com"])
    let withAuthserv = StaffMailVerifier(roster: roster, keyring: keyring, deskAddresses: ["support@example.com"], authservID: "mx.example.com")

    func replyAddress(ticket: Int = 42, staff: String = "anna@example.com", keyring: StaffKeyring = keyring) -> String {
        StaffReplyAddress(deskAddresses: ["support@example.com"]).address(desk: "support@example.com", token: keyring.mint(ticket: ticket, staff: staff))
    }

    func staffMail(from: String = "Anna Kovács <anna@example.com>", to: String, extra: [String] = []) -> MailMessage {
        mail(extra + ["From: \(from)", "To: \(to)", "Subject: Re: [#42] Printer"], body: "Please restart it.")
    }

    @Test func aReplyToTheTokenAddressIsVerified() {
        let verdict = tokensOnly.verify(staffMail(to: replyAddress()), ticket: 42, now: referenceNow)
        #expect(verdict == .verified(Self.roster.member("anna@example.com")!, via: .token(keyID: "2")))
    }

    @Test func theTokenIsFoundInDeliveredToWhenTheClientUsedBcc() {
        let message = staffMail(to: "customer@customer.example", extra: ["Delivered-To: \(replyAddress().uppercased())"])
        #expect(tokensOnly.verify(message, ticket: 42, now: referenceNow).isVerified)
    }

    @Test func aGoodTokenAmongBadOnesIsEnough() {
        let message = staffMail(to: "support+t42-k2-aaaaaaaaaaaaaaaaaaaa@example.com, \(replyAddress())")
        #expect(tokensOnly.verify(message, ticket: 42, now: referenceNow).isVerified)
    }

    @Test(arguments: [
        // Plain desk address: the hole this closes.
        ("support@example.com", "From staff address anna@example.com but no token and no trusted Authentication-Results (daemon.authserv_id is not set)"),
        ("support+t42-k2-0123456789@example.com", "reply address part 't42-k2-0…' is not a valid token; daemon.authserv_id is not set"),
        ("support+t42-k2-0123456789abcdefghjk@example.com", "token does not verify (altered or made up); daemon.authserv_id is not set"),
    ])
    func forgedOrMissingTokensAreUnverified(to: String, reason: String) {
        #expect(tokensOnly.verify(staffMail(to: to), ticket: 42, now: referenceNow) == .unverified(reason: reason))
    }

    @Test func onlyTheFirstSightingsAreChecked() {
        let junk = (1...StaffMailVerifier.maximumSightings).map { "support+t\($0)-k2-aaaaaaaaaaaaaaaaaaaa@example.com" }
        let message = staffMail(to: (junk + [replyAddress()]).joined(separator: ", "))
        #expect(!tokensOnly.verify(message, ticket: 42, now: referenceNow).isVerified)
    }

    @Test func anotherTicketsTokenIsUnverified() {
        #expect(tokensOnly.verify(staffMail(to: replyAddress(ticket: 41)), ticket: 42, now: referenceNow)
            == .unverified(reason: "token for ticket 41, not 42; daemon.authserv_id is not set"))
    }

    @Test func aTokenOnlyVerifiesForTheStaffMemberItWasIssuedTo() {
        let piotrs = replyAddress(staff: "piotr@example.com")
        #expect(tokensOnly.verify(staffMail(to: piotrs), ticket: 42, now: referenceNow)
            == .unverified(reason: "token issued to piotr@example.com, not anna@example.com; daemon.authserv_id is not set"))
        #expect(tokensOnly.verify(staffMail(from: "piotr@example.com", to: piotrs), ticket: 42, now: referenceNow).isVerified)
    }

    @Test func anExpiredKeyIsUnverified() throws {
        let old = try StaffKeyring(secrets: ["1": [UInt8](repeating: 8, count: 32)], currentID: "1")
        let message = staffMail(to: replyAddress(keyring: old))
        #expect(tokensOnly.verify(message, ticket: 42, now: referenceNow.addingTimeInterval(-1)) == .verified(Self.roster.member("anna@example.com")!, via: .token(keyID: "1")))
        guard case let .unverified(reason) = tokensOnly.verify(message, ticket: 42, now: referenceNow) else {
            Issue.record("an expired key verified")
            return
        }
        #expect(reason.hasPrefix("token signed with key 1, retired and no longer valid since "))
    }

    @Test(arguments: [
        "Mallory <mallory@evil.example>", "support@example.com", "anna@example.com, piotr@example.com", "Anna <anna@example.com>, x@evil.example",
    ])
    func onlyOneStaffAddressInFromCanBeVerified(from: String) {
        #expect(!tokensOnly.verify(staffMail(from: from, to: replyAddress()), ticket: 42, now: referenceNow).isVerified)
    }

    @Test func aMailWithoutFrom() {
        #expect(tokensOnly.verify(mail(["To: \(replyAddress())"]), ticket: 42, now: referenceNow)
            == .unverified(reason: "From has 0 addresses; staff mail needs exactly one"))
    }

    @Test func authenticationResultsVerifyWhenConfigured() {
        let message = staffMail(to: "support@example.com", extra: ["Authentication-Results: \(AuthenticationSamples.openDMARC)"])
        #expect(withAuthserv.verify(message, ticket: 42, now: referenceNow) == .verified(Self.roster.member("anna@example.com")!, via: .authentication(.dmarc)))
        #expect(!tokensOnly.verify(message, ticket: 42, now: referenceNow).isVerified)
    }

    @Test func aTokenWinsBeforeAuthenticationIsLookedAt() {
        let message = staffMail(to: replyAddress(), extra: ["Authentication-Results: \(AuthenticationSamples.rspamdFail)"])
        #expect(withAuthserv.verify(message, ticket: 42, now: referenceNow) == .verified(Self.roster.member("anna@example.com")!, via: .token(keyID: "2")))
    }

    @Test func authenticationForAnotherStaffDomain() {
        let message = staffMail(from: "ext@partner.example", to: "support@example.com", extra: ["Authentication-Results: \(AuthenticationSamples.openDMARC)"])
        #expect(withAuthserv.verify(message, ticket: 42, now: referenceNow) == .unverified(
            reason: "From staff address ext@partner.example but no token and no trusted Authentication-Results (Authentication-Results show no dmarc or dkim pass for partner.example (dmarc=pass header.from=example.com))"))
    }

    @Test(arguments: [
        [String](),
        ["Authentication-Results: evil.example; dmarc=pass header.from=example.com", "Authentication-Results: \(AuthenticationSamples.openDMARC)"],
        ["Authentication-Results: \(AuthenticationSamples.rspamdFail)", "Authentication-Results: \(AuthenticationSamples.openDMARC)"],
        ["Authentication-Results: mx.example.com; dmarc=pass (header.from=example.com"],
        ["Authentication-Results: mx.google.com; dmarc=pass header.from=example.com"],
        ["Authentication-Results: mx.example.com; dkim=pass header.d=evil.example"],
    ])
    func untrustedAuthenticationIsUnverified(headers: [String]) {
        let message = staffMail(to: "support@example.com", extra: headers)
        #expect(!withAuthserv.verify(message, ticket: 42, now: referenceNow).isVerified)
    }

    @Test func bothProblemsAreReported() {
        let message = staffMail(to: replyAddress(ticket: 41), extra: ["Authentication-Results: evil.example; dmarc=pass header.from=example.com"])
        #expect(withAuthserv.verify(message, ticket: 42, now: referenceNow) == .unverified(
            reason: "token for ticket 41, not 42; the topmost Authentication-Results header is by evil.example, not our authserv-id"))
    }
}
