import Foundation
import TicketCore

/// Which customers a report covers: everyone, or one organisation.
public struct ReportScope: Sendable {
    /// `[organisations]`: mail domain → organisation name.
    public var organisations: [String: String]
    /// The organisation asked for (`--organisation`), by name or domain; nil: everyone.
    public var organisation: String?

    public init(organisations: [String: String] = [:], organisation: String? = nil) {
        self.organisations = Dictionary(organisations.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.organisation = organisation
    }

    /// The organisation of a mail domain, as `customers show` names it: its `[organisations]`
    /// name, else the domain itself; nil for public webmail and for no domain.
    public func organisation(ofDomain domain: String) -> String? {
        let domain = domain.lowercased()
        if let name = organisations[domain] { return name }
        return domain.isEmpty || FreemailDomains.contains(domain) ? nil : domain
    }

    /// The organisation of a mail address (see ``organisation(ofDomain:)``).
    public func organisation(ofAddress address: String) -> String? {
        organisation(ofDomain: Self.domain(of: address))
    }

    /// Whether mail of `domain` is in scope.
    public func includes(domain: String) -> Bool {
        guard let organisation else { return true }
        return self.organisation(ofDomain: domain)?.lowercased() == organisation.lowercased()
    }

    /// Whether a customer address is in scope.
    public func includes(address: String) -> Bool {
        includes(domain: Self.domain(of: address))
    }

    /// What follows the last '@' of `address`; empty without one.
    static func domain(of address: String) -> String {
        address.lastIndex(of: "@").map { String(address[address.index(after: $0)...]) } ?? ""
    }
}
