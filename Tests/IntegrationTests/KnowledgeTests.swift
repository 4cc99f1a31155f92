import Foundation
import MailMessage
import Testing

/// The knowledge base on real mail: suggestions in the acknowledgement, `#kb` in a staff reply.
@Suite("Knowledge base against real servers", .timeLimit(.minutes(3)))
struct KnowledgeIntegrationTests {
    static let kb = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/kb").path

    @Test("a Hungarian request gets the Hungarian article suggested; a staff #kb reply sends the article to the customer")
    func suggestionsAndInsertion() throws {
        let agent = "agent-\(UInt64.random(in: 0..<UInt64.max))@example.com"
        let desk = try TestDesk(extraDaemonConfig: "staff = [\"\(agent)\"]", extraSections: "[kb]\ndirectory = \"\(Self.kb)\"\nsuggest = 2\n")
        let peter = desk.customer("peter", domain: "ceg.example")
        try desk.send(from: peter, subject: "Jelszó", body: "Jó napot! Elfelejtettem a jelszavamat, és nem tudok belépni a fiókomba. Mit tegyek?")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        let ack = MailMessage.parse(try #require(try desk.servers.messages(of: peter, atLeast: 1).first).bytes)
        #expect(ack.textBody.contains("Automatikus javaslat"), "\(ack.textBody)")
        let hungarianTitle = try #require(
            try String(contentsOfFile: Self.kb + "/hu/password-reset.md", encoding: .utf8).split(separator: "\n").first?.dropFirst(2))
        #expect(ack.textBody.contains(String(hungarianTitle)))
        #expect(ack.contentType == "multipart/alternative", "suggested articles also as HTML")
        #expect(ack.htmlBody?.contains("<ol>") == true)

        let notice = try #require(try desk.servers.messages(of: agent, atLeast: 1).map { MailMessage.parse($0.bytes) }.first)
        let replyTo = try #require(notice.replyTo.first?.address)
        try desk.send(from: agent, to: replyTo, subject: "Re: [#1] New: Jelszó", body: "#kb password-reset\r\nKedves Péter, így tudja visszaállítani:")
        #expect(try desk.ticketd(["run", "--once"]).status == 0)
        let answer = MailMessage.parse(try #require(try desk.servers.messages(of: peter, atLeast: 2).last).bytes)
        #expect(answer.textBody.hasPrefix("Kedves Péter, így tudja visszaállítani:"))
        #expect(answer.textBody.contains(String(hungarianTitle)), "the Hungarian article, rendered")
        #expect(!answer.textBody.contains("#kb"), "the command line never reaches the customer")
        let html = try #require(answer.htmlBody, "the inserted article as HTML too")
        #expect(html.contains("<h1>\(hungarianTitle)</h1>") && html.contains("<p>Kedves Péter, így tudja visszaállítani:</p>"))
        #expect(!html.contains("#kb"))
    }
}
