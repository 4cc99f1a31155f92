import MailMessage
import Testing
import SpamFilter

/// End-to-end: raw RFC 822 bytes → `MailMessage` → tokens → verdict.
@Suite("Tokenizing parsed mail")
struct MailMessageTokenizingTests {
    static let hungarianPhishing = """
        From nobody Mon Jan  1 00:00:00 2024
        Received: from relay.sorsolas-iroda.example.top (unknown [198.51.100.23])
        \tby mx.ticketd.example with ESMTP id 4F2A1; Mon, 1 Jan 2024 10:00:00 +0100
        From: "Nyeremény Iroda" <info@sorsolas-iroda.example.top>
        To: undisclosed-recipients:;
        Subject: =?UTF-8?B?TnllcmplbiBtb3N0ISDDlm4gbnllcnQgZWd5IGF1dMOzdA==?=
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Gratul=C3=A1lunk! =C3=96n nyert. Kattintson ide a nyerem=C3=A9ny =C3=A1tv=
        =C3=A9tel=C3=A9hez, az aj=C3=A1nlat csak ma =C3=A9rv=C3=A9nyes!
        --b1
        Content-Type: text/html; charset=utf-8

        <html><body><p>Gratulálunk! Ön nyert.</p><a href="http://nyeremeny-sorsolas.example.hu/atvetel">Kattintson ide</a><img src="http://pixel.example.top/t.gif"></body></html>
        --b1--

        """

    static let polishSupportRequest = """
        Received: from mail.wisniewski.example.pl (mail.wisniewski.example.pl [203.0.113.9])
        \tby mx.ticketd.example with ESMTPS id 77AB; Tue, 2 Jan 2024 09:12:00 +0100
        From: =?UTF-8?Q?=C5=81ukasz_Wi=C5=9Bniewski?= <lukasz@wisniewski.example.pl>
        To: support@ticketd.example, biuro@ticketd.example
        Subject: =?UTF-8?B?UHJvxZtiYSBvIGZha3R1csSZ?=
        User-Agent: Thunderbird 115.6
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="m1"

        --m1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Dzie=C5=84 dobry, prosz=C4=99 o faktur=C4=99 za zam=C3=B3wienie 4410. Pozdr=
        awiam, =C5=81ukasz
        --m1
        Content-Type: application/pdf; name="zamowienie-4410.pdf"
        Content-Disposition: attachment; filename="zamowienie-4410.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --m1--

        """

    static func tokens(_ raw: String) -> [String] {
        SpamTokenizer.default.tokens(for: MailMessage.parse(raw))
    }

    @Test("Decoded headers, HTML markers and link hosts of a Hungarian phishing mail")
    func hungarianPhishing() {
        let tokens = Self.tokens(Self.hungarianPhishing)
        for expected in [
            "subject:nyerjen", "subject:most", "subject:autót", "fromname:nyeremény", "fromname:iroda",
            "from:sorsolas-iroda.example.top", "from:example.top", "to:count:0", "received:example.top",
            "received:ip:198.51.100", "received:with:esmtp", "ctype:multipart/alternative", "mailer:none",
            "html:yes", "html:a", "html:img", "url:nyeremeny-sorsolas.example.hu", "url:pixel.example.top",
            "gratulálunk", "nyeremény", "átvételéhez", "érvényes",
        ] {
            #expect(tokens.contains(expected), "missing \(expected) in \(tokens)")
        }
    }

    @Test("Polish accents, recipients, mailer and attachment of a support request")
    func polishSupportRequest() {
        let tokens = Self.tokens(Self.polishSupportRequest)
        for expected in [
            "subject:prośba", "subject:fakturę", "fromname:łukasz", "fromname:wiśniewski",
            "from:wisniewski.example.pl", "to:count:2", "mailer:thunderbird", "ctype:multipart/mixed",
            "attach:count:1", "attach:application/pdf", "attach:ext:pdf",
            "dzień", "proszę", "fakturę", "zamówienie", "num:4d", "łukasz",
        ] {
            #expect(tokens.contains(expected), "missing \(expected) in \(tokens)")
        }
        #expect(!tokens.contains("html:yes"))
        #expect(!tokens.contains("faktura"), "accented and unaccented forms must stay distinct")
    }

    @Test("Raw messages classify correctly against the multilingual training set")
    func rawMessagesClassify() {
        let statistics = MultilingualSampleTests.trained()
        let spam = SpamClassifier.default.classify(Self.tokens(Self.hungarianPhishing), with: statistics)
        let ham = SpamClassifier.default.classify(Self.tokens(Self.polishSupportRequest), with: statistics)
        #expect(spam.verdict == .spam, "score \(spam.score)")
        #expect(ham.verdict == .ham, "score \(ham.score)")
    }
}
