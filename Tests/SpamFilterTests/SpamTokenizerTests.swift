import Testing
import SpamFilter

@Suite("SpamTokenizer")
struct SpamTokenizerTests {
    let tokenizer = SpamTokenizer.default

    @Test("Hungarian ő/ű and Polish ł/ś/ż stay distinct, lower-cased tokens")
    func accentsArePreserved() {
        let tokens = tokenizer.tokens(inText: "TŐKE tüke Füzet FŰZŐ főzni Łódź lodz ŚWIĘTO swieto żółw zolw")
        for expected in ["tőke", "tüke", "füzet", "fűző", "főzni", "łódź", "lodz", "święto", "swieto", "żółw", "zolw"] {
            #expect(tokens.contains(expected), "missing \(expected) in \(tokens)")
        }
        #expect(!tokens.contains("toke"))
        #expect(!tokens.contains("fuzo"))
    }

    @Test("Decomposed accents are normalised to the precomposed token")
    func decomposedAccentsAreComposed() {
        let decomposed = tokenizer.tokens(inText: "nyereme\u{301}ny") // "nyeremény" with a combining acute
        #expect(decomposed == ["nyeremény"])
        #expect(decomposed.first?.unicodeScalars.count == 9)
    }

    @Test("URLs are reduced to host tokens, e-mail addresses to domains")
    func urlsBecomeHosts() {
        let tokens = tokenizer.tokens(
            inText: "Kliknij tutaj: https://user@Promo.Nagrody-Wygraj.com.pl:8080/login?id=42 lub www.example.com/x oraz http://192.168.10.4/a, pisz na biuro@firma.hu")
        #expect(tokens.contains("url:promo.nagrody-wygraj.com.pl"))
        #expect(tokens.contains("url:nagrody-wygraj.com.pl"))
        #expect(tokens.contains("url:www.example.com"))
        #expect(tokens.contains("url:example.com"))
        #expect(tokens.contains("url:ip"))
        #expect(tokens.contains("email:firma.hu"))
        #expect(tokens.contains("kliknij"))
        #expect(!tokens.contains(where: { $0.contains("login") || $0.contains("biuro") }))
    }

    @Test("Numbers are bucketed, money marked, long words summarised, short words dropped")
    func numbersAndLengths() {
        let tokens = tokenizer.tokens(
            inText: "Win $1,000,000 now!!! Call 555 or pay 100€ in 2024 to an ab xyzxyzxyzxyzxyzxyzxyzxyzxyzxyzx")
        #expect(tokens.contains("money:7+d"))
        #expect(tokens.contains("money:3d"))
        #expect(tokens.contains("num:3d"))
        #expect(tokens.contains("num:4d"))
        #expect(tokens.contains("!"))
        #expect(tokens.contains("skip:x 30"))
        #expect(!tokens.contains("an"))
        #expect(!tokens.contains("ab"))
        #expect(tokens.contains("win"))
    }

    @Test("Words keep internal apostrophes and hyphens but not surrounding punctuation")
    func joiners() {
        let tokens = tokenizer.tokens(inText: "(don't) e-mail -- 'quoted' end.")
        #expect(tokens == ["don't", "e-mail", "quoted", "end"])
    }

    @Test("Header tokens carry their prefixes")
    func headerPrefixes() {
        let features = MessageFeatures(
            subject: "NYERJEN MOST! AJÁNDÉK vár",
            fromNames: ["Szerencse Iroda"],
            fromDomains: ["mail.Nyeremeny.hu"],
            recipientCount: 40,
            receivedHeaders: ["from mx.spam-host.example.net (unknown [203.0.113.7]) by mail.ticketd.example with ESMTP id 12"],
            contentType: "text/html; charset=\"ISO-8859-2\"",
            mailer: "Mass Mailer Pro 5.1",
            attachmentTypes: ["application/pdf"],
            attachmentNames: ["szamla.PDF"],
            body: "Kattintson ide",
            html: "<html><body><!-- x --><a href=\"http://Track.Clicks.example.org/r?u=1\"><IMG src=x></a><form></form></body></html>")
        let tokens = tokenizer.tokens(for: features)
        let expected = [
            "subject:nyerjen", "subject:most", "subject:!", "subject:ajándék", "subject:vár", "subject:shouting",
            "fromname:szerencse", "fromname:iroda", "from:mail.nyeremeny.hu", "from:nyeremeny.hu",
            "to:count:11+", "received:example.net", "received:ip:203.0.113", "received:with:esmtp",
            "ctype:text/html", "charset:iso-8859-2", "mailer:mass", "mailer:mailer", "mailer:pro", "mailer:num:2d",
            "attach:count:1", "attach:application/pdf", "attach:ext:pdf", "html:yes", "html:comment", "html:a", "html:img",
            "html:form", "url:track.clicks.example.org", "url:example.org", "kattintson", "ide",
        ]
        for token in expected {
            #expect(tokens.contains(token), "missing \(token) in \(tokens)")
        }
        #expect(!tokens.contains("nyerjen"), "subject words must be prefixed")
    }

    @Test("Absent headers produce marker tokens")
    func markers() {
        let tokens = tokenizer.tokens(for: MessageFeatures(fromNames: [""]))
        #expect(tokens.contains("subject:none"))
        #expect(tokens.contains("fromname:none"))
        #expect(tokens.contains("mailer:none"))
        #expect(tokens.contains("body:empty"))
        #expect(!tokens.contains("html:yes"))
    }

    @Test("Tokens are unique per message and bounded")
    func dedupeAndBound() throws {
        let small = try SpamTokenizer(maximumTokens: 10)
        let text = (0..<100).map { "word\($0) again" }.joined(separator: " ")
        let tokens = small.tokens(inText: text)
        #expect(tokens.count == 10)
        #expect(Set(tokens).count == tokens.count)
        #expect(SpamTokenizer.default.tokens(inText: "spam spam SPAM Spam") == ["spam"])
    }

    @Test("Invalid limits are rejected with a typed error")
    func invalidLimits() {
        #expect(throws: SpamFilterError.self) { try SpamTokenizer(minimumLength: 5, maximumLength: 4) }
        #expect(throws: SpamFilterError.self) { try SpamTokenizer(maximumTokens: 0) }
    }
}
