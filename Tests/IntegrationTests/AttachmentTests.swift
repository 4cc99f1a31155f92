import Foundation
import Testing

@Suite("Attachments through the real servers")
struct AttachmentTests {
    @Test("attachments are filed by SHA-256, listed on the ticket, and the oversized one is described only")
    func attachmentsAreFiledAndListed() throws {
        let desk = try TestDesk(extraSections: "[attachments]\nmax_size = \"8KB\"\n")
        let customer = desk.customer("petra", domain: "ceg.example.hu")
        let pdf = (0..<6000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let video = [UInt8](repeating: 0x42, count: 20_000)
        let raw = """
            From: =?windows-1250?Q?Kov=E1cs_P=E9tra?= <\(customer)>\r
            To: \(desk.support)\r
            Subject: =?utf-8?Q?Sz=C3=A1mla_hib=C3=A1s?=\r
            Message-ID: <\(UUID().uuidString)@ceg.example.hu>\r
            Date: \(TestDesk.rfc5322Date())\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="----=_NextPart_000_0001"\r
            \r
            ------=_NextPart_000_0001\r
            Content-Type: text/plain; charset="windows-1250"\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            A csatolt sz=E1mla hib=E1s, k=E9rem jav=EDts=E1k.\r
            ------=_NextPart_000_0001\r
            Content-Type: application/pdf\r
            Content-Disposition: attachment;\r
             filename*0*=utf-8''sz%C3%A1mla%20%C5%91%C5%B1;\r
             filename*1*=%2Epdf\r
            Content-Transfer-Encoding: base64\r
            \r
            \(Data(pdf).base64EncodedString(options: .lineLength76Characters))\r
            ------=_NextPart_000_0001\r
            Content-Type: video/mp4; name="felvetel.mp4"\r
            Content-Disposition: attachment; filename="felvetel.mp4"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(Data(video).base64EncodedString(options: .lineLength76Characters))\r
            ------=_NextPart_000_0001--\r
            """
        try desk.servers.deliver(raw, from: customer, to: [desk.support])
        _ = try desk.servers.messages(of: desk.support, atLeast: 1)

        let run = try desk.ticketd(["run", "--once"])
        #expect(run.status == 0, "\(run.stderr)")
        let ticket = try desk.ticket(1)
        let message = try #require((ticket["messages"] as? [[String: Any]])?.first)
        #expect((message["text"] as? String)?.contains("A csatolt számla hibás") == true)
        let attachments = try #require(message["attachments"] as? [[String: Any]])
        #expect(attachments.map { $0["name"] as? String } == ["számla őű.pdf", "felvetel.mp4"])
        #expect(attachments.map { $0["size"] as? Int } == [6000, 20_000])
        #expect(attachments.map { $0["stored"] as? Bool } == [true, false])
        #expect((attachments[1]["reason"] as? String)?.contains("8.0 KB") == true)
        let events = try #require(ticket["events"] as? [[String: Any]])
        #expect(events.contains { ($0["detail"] as? String)?.contains("felvetel.mp4 (19.5 KB) kept only inside the raw message") == true })

        let digest = try #require(attachments[0]["sha256"] as? String)
        let filed = desk.directory + "/state/attachments/\(digest.prefix(2))/\(digest)"
        #expect(FileManager.default.contents(atPath: filed) == Data(pdf))
        let id = try #require(attachments[0]["id"] as? Int)
        let copy = desk.directory + "/copy.pdf"
        let extracted = try desk.ticketd(["tickets", "attachment", "1", "\(id)", "--output", copy])
        #expect(extracted.status == 0, "\(extracted.stderr)")
        #expect(FileManager.default.contents(atPath: copy) == Data(pdf))
        let refused = try desk.ticketd(["tickets", "attachment", "1", "\(try #require(attachments[1]["id"] as? Int))"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("still inside the raw message"), "\(refused.stderr)")

        let shown = try desk.ticketd(["tickets", "show", "1"])
        #expect(shown.stdout.contains("[attachment \(id)] számla őű.pdf  application/pdf  5.9 KB"), "\(shown.stdout)")
    }
}
