import Foundation
import TicketCore
import TOMLKit

/// `[[staff]]`: the people on the desk, merged with the plain `daemon.staff` addresses.
///
/// ```toml
/// [[staff]]
/// address = "anna@example.com"    # required, unique
/// name = "Anna Kovács"
/// languages = ["hu", "en"]
/// skills = ["billing"]
/// queues = ["support", "billing"] # default: every queue
/// region = "budapest"
/// capacity = 8                    # tickets a business day, 1–1000 (default sla.throughput)
/// role = "agent"                  # agent (default) | lead | manager
/// ```
extension ConfigReader {
    /// The keys of one `[[staff]]` entry.
    static let staffKeys: Set<String> = ["address", "name", "languages", "skills", "queues", "region", "capacity", "role"]
    /// The tickets a business day a member may be given.
    static let staffCapacity = 1...1000

    /// Every `[[staff]]` entry (an address at most once), then each `daemon.staff` address not among them.
    mutating func readStaff(_ root: TOMLTable, plainAddresses: Set<String>) -> StaffRoster {
        var members: [StaffMember] = []
        if let array = root["staff"]?.array {
            var seen: [String: Int] = [:]
            for (index, value) in array.enumerated() {
                let key = "staff[\(index)]"
                guard let entry = value.table else {
                    error("staff", "[[staff]] entries must be tables")
                    continue
                }
                guard let member = readStaffMember(entry, key: key) else { continue }
                if let first = seen[member.address] {
                    error("\(key).address", "staff address '\(member.address)' is already used by [[staff]] entry \(first + 1)")
                    continue
                }
                seen[member.address] = index
                members.append(member)
            }
        } else if root["staff"] != nil {
            error("staff", "'staff' must be an array of tables: write [[staff]]")
        }
        return StaffRoster(members: members, plainAddresses: plainAddresses.sorted())
    }

    mutating func readStaffMember(_ table: TOMLTable, key: String) -> StaffMember? {
        warnUnknown(table, prefix: key, known: Self.staffKeys)
        let address = required(table, key, "address")?.trimmingCharacters(in: .whitespaces)
        if let address, address.split(separator: "@", omittingEmptySubsequences: false).count != 2 || address.hasPrefix("@") || address.hasSuffix("@") {
            error("\(key).address", "'\(address)' is not a mail address")
            return nil
        }
        var role = StaffRole.agent
        if let text = string(table, key, "role") {
            if let parsed = StaffRole(rawValue: text.lowercased()) {
                role = parsed
            } else {
                error("\(key).role", "role '\(text)' is not one of agent, lead, manager")
            }
        }
        var capacity: Int?
        if let value = table["capacity"] {
            if let number = value.int, Self.staffCapacity.contains(number) {
                capacity = number
            } else {
                error("\(key).capacity", "'capacity' is tickets a business day, a whole number from \(Self.staffCapacity.lowerBound) to \(Self.staffCapacity.upperBound)")
            }
        }
        guard let address else { return nil }
        return StaffMember(
            address: address,
            name: string(table, key, "name"),
            languages: stringArray(table, key, "languages"),
            skills: Set(stringArray(table, key, "skills")),
            queues: Set(stringArray(table, key, "queues")),
            region: string(table, key, "region"),
            capacity: capacity,
            role: role
        )
    }
}
