import TOMLKit

/// `[organisations]`: mail domains that belong to one customer organisation.
extension ConfigReader {
    /// Domain (lowercased) → organisation name.
    mutating func readOrganisations(_ table: TOMLTable?) -> [String: String] {
        guard let table else { return [:] }
        var organisations: [String: String] = [:]
        for domain in table.keys {
            if let name = table[domain]?.string { organisations[domain.lowercased()] = name } else {
                error("organisations.\(domain)", "organisations map a mail domain to a name: \"acme.example\" = \"ACME Ltd\"")
            }
        }
        return organisations
    }
}
