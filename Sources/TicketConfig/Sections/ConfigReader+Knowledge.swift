import Foundation
import TicketCore
import TOMLKit

/// `[kb]`: the knowledge base staff insert with `#kb SLUG` and acknowledgements suggest from.
extension ConfigReader {
    /// The most articles an acknowledgement may suggest.
    static let maximumSuggestions = 10

    /// `[kb]`: `directory` (default none: no knowledge base) holding `<lang>/<slug>.md` files, read
    /// here; `suggest` (0 to 10, default 0) articles listed in the acknowledgement.
    mutating func readKnowledge(_ table: TOMLTable?) -> KnowledgeSettings {
        warnUnknown(table, prefix: "kb", known: ["directory", "suggest"])
        var settings = KnowledgeSettings()
        if let value = table?["suggest"] {
            if let count = value.int, (0...Self.maximumSuggestions).contains(count) {
                settings.suggest = count
            } else {
                error("kb.suggest", "'suggest' is how many articles an acknowledgement suggests, a whole number from 0 to \(Self.maximumSuggestions)")
            }
        }
        guard let directory = string(table, "kb", "directory").map(resolve) else { return settings }
        guard let (base, issues) = KnowledgeBaseLoader(directory: directory).load() else {
            error("kb.directory", "cannot read the knowledge base directory '\(directory)' (missing or not readable)")
            return settings
        }
        errors += issues
        settings.directory = directory
        settings.base = base
        return settings
    }
}
