import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// `daemon.templates_dir`: mustache files overriding the built-in templates.
extension ConfigReader {
    mutating func loadTemplates(from directory: String, into templates: inout TemplateSet) {
        let manager = FileManager.default
        guard let languages = try? manager.contentsOfDirectory(atPath: directory) else {
            error("daemon.templates_dir", "cannot read templates directory '\(directory)'")
            return
        }
        for language in languages.sorted() {
            for kind in TemplateKind.allCases {
                let file = "\(directory)/\(language)/\(kind.rawValue).mustache"
                guard let data = manager.contents(atPath: file) else { continue }
                do {
                    templates.set(try MailTemplate(source: String(decoding: data, as: UTF8.self), name: file), kind: kind, language: language)
                } catch {
                    errors.append(ConfigIssue(file: error.file, line: error.line, column: error.column, message: error.message))
                }
            }
        }
    }
}
