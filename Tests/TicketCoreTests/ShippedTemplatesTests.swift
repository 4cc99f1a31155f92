import Foundation
import Testing
@testable import TicketCore

/// `config/templates/<lang>/*.mustache` are the admin's starting point: they must say what the built-ins say.
@Suite("Shipped templates")
struct ShippedTemplatesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(arguments: ["en", "hu", "pl"])
    func filesMatchTheBuiltIns(language: String) throws {
        for kind in TemplateKind.allCases where BuiltinTemplates.sources[language]?[kind] != nil {
            let path = Self.root.appendingPathComponent("config/templates/\(language)/\(kind.rawValue).mustache").path
            let file = try String(contentsOfFile: path, encoding: .utf8)
            let builtIn = try #require(BuiltinTemplates.sources[language]?[kind])
            #expect(file.trimmingCharacters(in: .whitespacesAndNewlines) == builtIn.trimmingCharacters(in: .whitespacesAndNewlines), "\(path) differs from the built-in template")
            _ = try MailTemplate(source: file, name: path)
        }
    }
}
