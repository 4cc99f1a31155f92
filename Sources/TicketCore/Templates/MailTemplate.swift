import Foundation
import Mustache

/// A Mustache template for one mail: a `Subject:` line, an empty line, then the body.
///
/// Values are inserted as plain text (no HTML escaping); the mail builder keeps any line
/// breaks in values out of the headers.
public struct MailTemplate: Sendable {
    public let subject: MustacheTemplate
    public let body: MustacheTemplate

    /// Parses `source`; `name` is used in error messages (usually the file path).
    public init(source: String, name: String) throws(TemplateError) {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.lowercased().hasPrefix("subject:") else {
            throw TemplateError(file: name, line: 1, column: 1, message: "a template starts with a 'Subject:' line")
        }
        guard lines.count >= 2, lines[1].allSatisfy(\.isWhitespace) else {
            throw TemplateError(file: name, line: 2, column: 1, message: "an empty line must follow the Subject line")
        }
        let subjectText = String(first.dropFirst("subject:".count)).trimmingCharacters(in: .whitespaces)
        let bodyText = lines.dropFirst(2).joined(separator: "\n")
        subject = try Self.parse(subjectText, name: name, lineOffset: 0, columnOffset: first.count - subjectText.count)
        body = try Self.parse(bodyText, name: name, lineOffset: 2, columnOffset: 0)
    }

    /// Renders subject and body for `values`.
    public func render(_ values: [String: Any]) -> (subject: String, body: String) {
        (subject.render(values), body.render(values))
    }

    private static func parse(_ text: String, name: String, lineOffset: Int, columnOffset: Int) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber + lineOffset
            let column = error.context.columnNumber + (error.context.lineNumber == 1 ? columnOffset - 24 : 0)
            throw TemplateError(file: name, line: line, column: max(column, 1), message: "template syntax: \(error.error)")
        } catch {
            throw TemplateError(file: name, line: lineOffset + 1, column: 1, message: "template syntax: \(error)")
        }
    }
}

/// A template that cannot be used, with where the problem is.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
