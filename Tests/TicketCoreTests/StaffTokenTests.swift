import Foundation
import Testing
@testable import TicketCore

@Suite("Staff reply tokens")
struct StaffTokenTests {
    static let secretOne = [UInt8](repeating: 0x11, count: 32)
    static let secretTwo = Array("a second key of thirty-two bytes".utf8)
    static let rotatedAt = referenceNow.addingTimeInterval(-86_400)
    static let graceEnds = referenceNow.addingTimeInterval(7 * 86_400)

    /// After a rotation: `k2` mints, `k1` verifies for another week, `k0` has run out.
    let keyring = try! StaffKeyring(
        secrets: ["2": secretTwo, "1": secretOne, "0": [UInt8](repeating: 0x22, count: 16), "old": [UInt8](repeating: 0x33, count: 16)],
        currentID: "2", retiredUntil: ["1": graceEnds, "0": rotatedAt])
    let staff = ["anna@example.com", "piotr@example.com"]

    func check(_ token: StaffToken, ticket: Int = 42, sender: String = "anna@example.com", now: Date = referenceNow) -> StaffTokenCheck {
        keyring.check(token, ticket: ticket, sender: sender, otherStaff: staff, now: now)
    }

    func token(_ text: String) throws -> StaffToken { try #require(StaffToken(parsing: text)) }

    @Test func roundTrips() throws {
        let minted = keyring.mint(ticket: 42, staff: "Anna@Example.com")
        #expect(minted.keyID == "2")
        #expect(minted.mac.count == 20)
        #expect("\(minted)".hasPrefix("t42-k2-"))
        #expect(StaffToken(parsing: "\(minted)") == minted)
        #expect(check(minted) == .valid(keyID: "2"))
        #expect(check(minted, sender: " ANNA@EXAMPLE.COM") == .valid(keyID: "2"))
    }

    @Test func isTheSameForTheSameInputs() {
        #expect(keyring.mint(ticket: 42, staff: "anna@example.com") == keyring.mint(ticket: 42, staff: "ANNA@example.com"))
        #expect(keyring.mint(ticket: 42, staff: "anna@example.com") != keyring.mint(ticket: 43, staff: "anna@example.com"))
        #expect(keyring.mint(ticket: 42, staff: "anna@example.com").mac != keyring.mint(ticket: 42, staff: "piotr@example.com").mac)
    }

    /// HMAC-SHA256 itself, against RFC 4231 test case 2, so the wrapper around libcrypto is right.
    @Test func hmacMatchesRFC4231() {
        let mac = HMACSHA256.mac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func base32TakesFiveBitsACharacter() {
        #expect(TokenBase32.encode([0x00, 0x44, 0x32, 0x14, 0xc7], characters: 8) == "01234567")
        #expect(TokenBase32.encode([0xff, 0xff], characters: 3) == "zzz")
        #expect(TokenBase32.canonical("ABCdef") == Array("abcdef".utf8))
        #expect(TokenBase32.canonical("abcu") == nil)
        #expect(TokenBase32.canonical("abc-") == nil)
    }

    @Test func caseChangesDoNotMatter() throws {
        let minted = "\(keyring.mint(ticket: 42, staff: "anna@example.com"))"
        #expect(check(try token(minted.uppercased())) == .valid(keyID: "2"))
        #expect(check(try token(minted.capitalized)) == .valid(keyID: "2"))
    }

    @Test(arguments: [
        "", "t42", "t42-k2", "t42-k2-", "t-k2-0123456789abcdefghjk", "42-k2-0123456789abcdefghjk",
        "t42-2-0123456789abcdefghjk", "t042-k2-0123456789abcdefghjk", "t42-k2-0123456789abcdefghj",
        "t42-k2-0123456789abcdefghjkm", "t42-k2-0123456789abcdefghju", "t42-k2-0123456789abcdefgh-k",
        "t42-k2-0123456789abcdefghjk-x", "t4x2-k2-0123456789abcdefghjk", "t1234567890-k2-0123456789abcdefghjk",
        "t42-k123456789-0123456789abcdefghjk", "t42-k-0123456789abcdefghjk", "t42-kä-0123456789abcdefghjk",
        "t٤٢-k2-0123456789abcdefghjk", "t42-k2-0123456789abcdefghj\u{301}k", "t42--k2-0123456789abcdefghjk",
    ])
    func malformedTokensDoNotParse(text: String) {
        #expect(StaffToken(parsing: text) == nil)
    }

    @Test func truncatedTokensDoNotParse() {
        let minted = "\(keyring.mint(ticket: 42, staff: "anna@example.com"))"
        for length in 0..<minted.count {
            #expect(StaffToken(parsing: minted.prefix(length)) == nil, "\(length) characters")
        }
    }

    @Test func everyAlteredCharacterOfTheMACIsForged() {
        let minted = keyring.mint(ticket: 42, staff: "anna@example.com")
        for position in 0..<minted.mac.count {
            var characters = Array(minted.mac)
            let original = characters[position]
            characters[position] = original == "z" ? "y" : (original == "9" ? "a" : Character(UnicodeScalar(original.asciiValue! + 1)))
            if characters[position] == "i" || characters[position] == "l" || characters[position] == "o" || characters[position] == "u" {
                characters[position] = Character(UnicodeScalar(characters[position].asciiValue! + 1))
            }
            let altered = StaffToken(ticket: 42, keyID: "2", mac: String(characters))
            #expect(check(altered) == .forged, "position \(position)")
        }
    }

    @Test func anotherTicketsToken() {
        let forFortyOne = keyring.mint(ticket: 41, staff: "anna@example.com")
        #expect(check(forFortyOne) == .wrongTicket(token: 41, expected: 42))
        #expect(check(forFortyOne).reason == "token for ticket 41, not 42")
    }

    @Test func theTicketNumberChangedInClearText() {
        let minted = keyring.mint(ticket: 41, staff: "anna@example.com")
        #expect(check(StaffToken(ticket: 42, keyID: minted.keyID, mac: minted.mac)) == .forged)
    }

    @Test func anotherStaffMembersToken() {
        let piotrs = keyring.mint(ticket: 42, staff: "piotr@example.com")
        #expect(check(piotrs) == .wrongStaff(issuedTo: "piotr@example.com", sender: "anna@example.com"))
        // Without the roster to compare against it is simply not hers.
        #expect(keyring.check(piotrs, ticket: 42, sender: "anna@example.com", now: referenceNow) == .forged)
        // A stranger who got hold of Anna's token cannot use it from his own address.
        #expect(check(keyring.mint(ticket: 42, staff: "anna@example.com"), sender: "mallory@evil.example")
            == .wrongStaff(issuedTo: "anna@example.com", sender: "mallory@evil.example"))
    }

    @Test func theKeyIDChangedInClearText() {
        let minted = keyring.mint(ticket: 42, staff: "anna@example.com")
        #expect(check(StaffToken(ticket: 42, keyID: "1", mac: minted.mac)) == .forged)
        #expect(check(StaffToken(ticket: 42, keyID: "9", mac: minted.mac)) == .unknownKey("9"))
    }

    @Test func keyRotation() throws {
        let beforeRotation = try StaffKeyring(secrets: ["1": Self.secretOne], currentID: "1")
        let old = beforeRotation.mint(ticket: 42, staff: "anna@example.com")
        // Still good during the grace period after the rotation …
        #expect(check(old) == .valid(keyID: "1"))
        #expect(check(old, now: Self.graceEnds.addingTimeInterval(-1)) == .valid(keyID: "1"))
        // … and not from the moment it ends.
        #expect(check(old, now: Self.graceEnds) == .expiredKey("1", since: Self.graceEnds))
        // New tokens use the new key and stay valid.
        #expect(check(keyring.mint(ticket: 42, staff: "anna@example.com"), now: Self.graceEnds.addingTimeInterval(86_400 * 365))
            == .valid(keyID: "2"))
    }

    @Test func retiredAndForgottenKeys() throws {
        let k0 = try StaffKeyring(secrets: ["0": [UInt8](repeating: 0x22, count: 16)], currentID: "0").mint(ticket: 42, staff: "anna@example.com")
        #expect(check(k0) == .expiredKey("0", since: Self.rotatedAt))
        // A key the keyring holds but neither mints with nor lists as retired verifies nothing.
        let old = try StaffKeyring(secrets: ["old": [UInt8](repeating: 0x33, count: 16)], currentID: "old").mint(ticket: 42, staff: "anna@example.com")
        #expect(check(old) == .expiredKey("old", since: .distantPast))
        // A keyring that never had the key.
        let other = try StaffKeyring(secrets: ["7": Self.secretOne], currentID: "7").mint(ticket: 42, staff: "anna@example.com")
        #expect(check(other) == .unknownKey("7"))
    }

    @Test func aTokenFromAnotherInstallationIsForged() throws {
        let elsewhere = try StaffKeyring(secrets: ["2": [UInt8](repeating: 0x99, count: 32)], currentID: "2")
        #expect(check(elsewhere.mint(ticket: 42, staff: "anna@example.com")) == .forged)
    }

    @Test func reasonsNeverContainTheMAC() {
        let minted = keyring.mint(ticket: 42, staff: "piotr@example.com")
        for result in [check(minted), check(minted, ticket: 7), StaffTokenCheck.malformed("\(minted)")] {
            #expect(!result.reason.contains(minted.mac))
        }
    }

    @Test(arguments: [
        (["1": [UInt8](repeating: 1, count: 16)], "2", [String: Date](), StaffKeyringError.missingCurrentKey("2")),
        (["K-1": [UInt8](repeating: 1, count: 16)], "k-1", [:], .invalidKeyID("K-1")),
        (["1": [UInt8](repeating: 1, count: 15)], "1", [:], .secretTooShort(keyID: "1", length: 15)),
        (["1": [UInt8](repeating: 1, count: 16)], "1", ["0": referenceNow], .missingRetiredKey("0")),
        (["a": [UInt8](repeating: 1, count: 16)], "A", ["a": referenceNow], .currentKeyRetired("a")),
    ])
    func inconsistentKeyringsAreRefused(secrets: [String: [UInt8]], current: String, retired: [String: Date], error: StaffKeyringError) {
        #expect(throws: error) { try StaffKeyring(secrets: secrets, currentID: current, retiredUntil: retired) }
    }
}
