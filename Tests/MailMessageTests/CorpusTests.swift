import Foundation
import Testing
@testable import MailMessage

/// Parses every message of the shared SpamAssassin corpus (ham and spam), when it is present.
@Suite struct CorpusTests {
    /// The first `shared/corpus/spamassassin` found walking up from this file (the repository's sibling `shared/`).
    static let corpusDirectory: URL = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/corpus/spamassassin")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).appendingPathComponent("../../../../shared/corpus/spamassassin").standardized
    }()

    static var corpusFiles: [URL] {
        ["ham", "spam"].flatMap { folder -> [URL] in
            let directory = corpusDirectory.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.sorted().map { directory.appendingPathComponent($0) }
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: CorpusTests.corpusDirectory.path),
                   "SpamAssassin corpus not found at ../shared/corpus/spamassassin next to the repository; skipped"))
    func parsesEveryMessageWithSaneInvariants() throws {
        let files = Self.corpusFiles
        #expect(files.count > 3_000)
        var withSubject = 0
        var withText = 0
        for file in files {
            let data = Array(try Data(contentsOf: file))
            let message = MailMessage.parse(data)
            let name = file.lastPathComponent
            if message.headers.contains("Subject") {
                withSubject += 1
                #expect(message.subject != nil, "\(name)")
            }
            #expect(!message.headers.isEmpty, "\(name)")
            #expect(message.textBody.isEmpty || !message.newText.isEmpty, "\(name)")
            #expect(message.attachments.allSatisfy { $0.size == $0.data.count }, "\(name)")
            #expect(!message.contentType.isEmpty && message.contentType == message.contentType.lowercased(), "\(name)")
            if message.headers.contains("Message-ID"), let id = message.messageID {
                #expect(id.hasPrefix("<") && id.hasSuffix(">"), "\(name)")
            }
            if !message.textBody.isEmpty { withText += 1 }
            #expect(!message.textBody.contains("\r"), "\(name)")
        }
        #expect(withSubject > 3_000)
        #expect(withText > 3_500)
    }
}
