import Foundation

/// Everyone on the desk, looked up by address without regard to case.
///
/// Built from the `[[staff]]` entries and the plain `daemon.staff` addresses; a plain address
/// becomes a member with defaults (role `agent`, every queue). Where both name the same person
/// the `[[staff]]` entry wins.
public struct StaffRoster: Sendable, Equatable {
    /// The members in configuration order, each address once.
    public private(set) var members: [StaffMember]
    private var indexByAddress: [String: Int]

    /// A roster of `members` (a later duplicate address is ignored) plus `plainAddresses` not already among them.
    ///
    /// Duplicates are reported by the config reader at their line; here the first one wins.
    public init(members: [StaffMember] = [], plainAddresses: [String] = []) {
        self.members = []
        indexByAddress = [:]
        for member in members + plainAddresses.map({ StaffMember(address: $0) }) where indexByAddress[member.address] == nil {
            indexByAddress[member.address] = self.members.count
            self.members.append(member)
        }
    }

    /// The member with `address` (any case, surrounding spaces ignored), if any.
    public func member(_ address: String) -> StaffMember? {
        indexByAddress[address.trimmingCharacters(in: .whitespaces).lowercased()].map { members[$0] }
    }

    /// Whether `address` belongs to a member.
    public func contains(_ address: String) -> Bool {
        member(address) != nil
    }

    /// Every member's address, lower-cased.
    public var addresses: Set<String> { Set(indexByAddress.keys) }

    /// Whether the roster has nobody.
    public var isEmpty: Bool { members.isEmpty }

    public static func == (lhs: StaffRoster, rhs: StaffRoster) -> Bool { lhs.members == rhs.members }
}
