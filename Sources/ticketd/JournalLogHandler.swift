import Foundation
import Logging

/// One line per event on standard error, structured as `message key=value …`.
///
/// Under systemd (`$JOURNAL_STREAM` set) each line starts with the syslog priority (`<3>` for
/// errors, `<4>` warnings, `<6>` info …) so journald files it at the right level and adds the
/// time itself; elsewhere lines start with an ISO 8601 time and the level.
struct JournalLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    let journald: Bool

    init(journald: Bool) {
        self.journald = journald
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        let rendered = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote("\($0.value)"))" }.joined(separator: " ")
        let text = Self.oneLine("\(event.message)") + (rendered.isEmpty ? "" : " " + rendered)
        let line = journald
            ? "<\(Self.priority(event.level))>\(text)\n"
            : "\(Date().formatted(.iso8601)) \(event.level): \(text)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    /// Keeps an event on one line whatever a value contains.
    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func quote(_ value: String) -> String {
        let flat = oneLine(value)
        return flat.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || flat.isEmpty
            ? "\"" + flat.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : flat
    }
}
