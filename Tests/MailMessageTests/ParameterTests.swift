import Testing
@testable import MailMessage

@Suite struct ParameterTests {
    @Test(arguments: [
        ("attachment; filename=\"report.pdf\"", "report.pdf"),
        ("attachment; filename=report.pdf", "report.pdf"),
        ("attachment; FILENAME=\"a \\\"quoted\\\" name.txt\"", "a \"quoted\" name.txt"),
        ("attachment; filename=my file name.doc", "my file name.doc"),
        ("attachment; filename*=utf-8''%C3%A1rv%C3%ADzt%C5%B1r%C5%91%20t%C3%BCk%C3%B6r.pdf", "árvíztűrő tükör.pdf"),
        ("attachment; filename*=UTF-8'hu'%C5%91%C5%B1%C5%82.txt", "őűł.txt"),
        ("attachment; filename*0*=utf-8''%C5%BC%C3%B3%C5%82; filename*1*=w%C4%85; filename*2=\" notatki.txt\"", "żółwą notatki.txt"),
        ("attachment; filename*1*=%20v%E9ge.txt; filename*0*=iso-8859-2''%F5%FB%B3", "őűł vége.txt"),
        ("attachment; filename*=iso-8859-2''Za%BF%F3%B3%E6.pdf", "Zażółć.pdf"),
        ("attachment; filename*0*=iso-8859-2''%B3%F3d%BC; filename*1=\" vége.txt\"", "łódź vége.txt"),
        ("attachment; filename*0*=utf-8''%C5; filename*1*=%91.txt", "ő.txt"),
        ("attachment; filename=\"=?utf-8?B?xZHFscWCLnBkZg==?=\"", "őűł.pdf"),
        ("attachment; filename==?windows-1250?Q?sz=E1mla.pdf?=", "számla.pdf"),
        ("attachment; filename=\"plain.txt\"; filename*=utf-8''better%C5%91.txt", "betterő.txt"),
        ("attachment; filename*0=\"long_\"; filename*1=\"name.txt\"", "long_name.txt"),
        ("attachment (comment); filename=\"c.txt\"", "c.txt"),
    ])
    func filename(disposition: String, expected: String) {
        let value = MIMEHeaderValue(disposition)
        #expect(value.value == "attachment")
        #expect(value.parameter("filename") == expected)
    }

    @Test func contentTypeIsLowercasedAndCommentsIgnored() {
        let value = MIMEHeaderValue("Text/HTML (rich) ; Charset = \"UTF-8\" ; format=flowed")
        #expect(value.value == "text/html")
        #expect(value.parameter("charset") == "UTF-8")
        #expect(value.parameter("format") == "flowed")
    }

    @Test func hostileSectionNumbersAreBounded() {
        let many = (0..<5_000).map { "name*\($0)=x" }.joined(separator: "; ")
        let value = MIMEHeaderValue("application/x; " + many + "; name*99999999999999999999=y")
        #expect(value.parameter("name")?.count == 1_000)
    }

    @Test func attachmentFilenamesFromMessage() {
        let message = MailMessage.parse(crlf("""
            Content-Type: multipart/mixed; boundary=p

            --p
            Content-Type: text/plain; charset=utf-8

            See attached.
            --p
            Content-Type: application/pdf; name="=?utf-8?Q?=C5=91r=C3=BCl=C5=91.pdf?="
            Content-Disposition: attachment;
             filename*0*=utf-8''%C3%A1rv%C3%ADzt%C5%B1r%C5%91%20t%C3%BCk%C3%B6rf%C3%BAr%C3%B3g%C3%A9p%20;
             filename*1*=%C5%82%C3%B3d%C5%BA%20Gda%C5%84sk.pdf
            Content-Transfer-Encoding: base64

            JVBERg==
            --p
            Content-Type: image/jpeg; name="=?utf-8?Q?=C5=91r=C3=BCl=C5=91.jpg?="
            Content-Transfer-Encoding: base64

            /9j/
            --p--
            """))
        #expect(message.attachments.map(\.filename) == ["árvíztűrő tükörfúrógép łódź Gdańsk.pdf", "őrülő.jpg"])
        #expect(message.attachments.map(\.contentType) == ["application/pdf", "image/jpeg"])
        #expect(message.textBody == "See attached.")
    }
}
