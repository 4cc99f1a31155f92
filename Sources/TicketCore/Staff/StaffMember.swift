import Foundation

/// One person on the desk, as configured by a `[[staff]]` entry (or a plain `daemon.staff` address).
public struct StaffMember: Sendable, Hashable {
    /// The address they write from and hear at, lower-cased and trimmed.
    public var address: String
    /// Their display name, e.g. `Anna Kovács`; nil when not configured.
    public var name: String?
    /// Languages they answer in (lower-cased codes such as `hu`), most fluent first.
    public var languages: [String]
    /// Skills rules and request-type steps can ask for (lower-cased), e.g. `billing`.
    public var skills: Set<String>
    /// The queues they work; empty means every queue.
    public var queues: Set<String>
    /// Their region, matched against a rule's or an organisation's region.
    public var region: String?
    /// Tickets a business day; nil means the desk's default (`sla.throughput`).
    public var capacity: Int?
    /// Their role in escalations.
    public var role: StaffRole

    /// Creates a member; the address, languages, skills and queues are lower-cased.
    public init(
        address: String, name: String? = nil, languages: [String] = [], skills: Set<String> = [], queues: Set<String> = [],
        region: String? = nil, capacity: Int? = nil, role: StaffRole = .agent
    ) {
        self.address = address.trimmingCharacters(in: .whitespaces).lowercased()
        self.name = (name?.isEmpty ?? true) ? nil : name
        self.languages = languages.map { $0.lowercased() }
        self.skills = Set(skills.map { $0.lowercased() })
        self.queues = Set(queues.map { $0.lowercased() })
        self.region = region
        self.capacity = capacity
        self.role = role
    }

    /// The lower-cased part after the last `@`: the domain their mail must be authenticated for.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return String(address[address.index(after: at)...])
    }

    /// Whether they work `queue` (always, when ``queues`` is empty).
    public func works(queue: String) -> Bool {
        queues.isEmpty || queues.contains(queue.lowercased())
    }
}
