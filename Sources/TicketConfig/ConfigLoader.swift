import BusinessTime
import Foundation
import MailTransport
import TicketCore
import TOMLKit

/// A config ready to run with: settings, templates, and warnings worth showing the admin.
public struct LoadedConfig: Sendable {
    public var config: TicketdConfig
    public var templates: TemplateSet
    public var warnings: [ConfigIssue]
}

/// Reads and validates `ticketd.toml`; the only place that knows the key names.
public enum ConfigLoader {
    /// The path used when neither `--config` nor `$TICKETD_CONFIG` is given.
    public static let defaultPath = "/etc/ticketd/ticketd.toml"

    /// Loads and validates the config at `path`, with templates; every problem found is reported at once.
    public static func load(path: String) throws(ConfigError) -> LoadedConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(issues: [ConfigIssue(file: path, line: 0, column: 0, message: "cannot read the config file (missing or not readable)")])
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw ConfigError(issues: [ConfigIssue(file: path, line: 1, column: 1, message: "the config file is not UTF-8 text")])
        }
        return try parse(source: source, path: path)
    }

    /// Validates config text; `path` names it in messages and anchors relative paths.
    public static func parse(source: String, path: String) throws(ConfigError) -> LoadedConfig {
        if let (line, column) = nulPosition(in: source) {
            // TOMLKit hands the text to toml++ as a C string: everything after a NUL would be silently ignored.
            throw ConfigError(issues: [ConfigIssue(file: path, line: line, column: column, message: """
                the config file contains a NUL byte, which TOML does not allow: the file is damaged or not text; \
                remove it (e.g. with `tr -d '\\000'`) or restore the file
                """)])
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ConfigError(issues: [ConfigIssue(file: path, line: error.source.begin.line, column: error.source.begin.column, message: error.description)])
        } catch {
            throw ConfigError(issues: [ConfigIssue(file: path, line: 1, column: 1, message: "\(error)")])
        }
        var reader = ConfigReader(path: path, map: ConfigSourceMap(source: source), baseDirectory: (path as NSString).deletingLastPathComponent)
        let config = reader.readConfig(root)
        var templates = TemplateSet.builtIn(fallbackLanguage: config?.daemon.defaultLanguage ?? "en")
        if let directory = config?.daemon.templatesDirectory {
            reader.loadTemplates(from: directory, into: &templates)
        }
        guard let config, reader.errors.isEmpty else { throw ConfigError(issues: reader.errors) }
        return LoadedConfig(config: config, templates: templates, warnings: reader.warnings)
    }

    /// Line and column (1-based) of the first NUL in `source`, if any.
    static func nulPosition(in source: String) -> (line: Int, column: Int)? {
        guard source.utf8.contains(0) else { return nil }
        var line = 1
        var column = 1
        for scalar in source.unicodeScalars {
            switch scalar {
            case "\u{0}": return (line, column)
            case "\n": (line, column) = (line + 1, 1)
            case "\r": break
            default: column += 1
            }
        }
        return nil
    }
}
