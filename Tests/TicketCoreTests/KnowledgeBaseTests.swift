import Testing
@testable import TicketCore

@Suite("Knowledge base")
struct KnowledgeBaseTests {
    static func article(_ slug: String, _ language: String, _ markdown: String) -> KnowledgeArticle {
        try! KnowledgeArticle(slug: slug, language: language, markdown: markdown)
    }

    static let base = KnowledgeBase(articles: [
        article("invoice-download", "en", "# Downloading your invoice\n\nOpen **Billing** and choose the invoice you need."),
        article("invoice-download", "hu", "# A számla letöltése\n\nA Számlázás menüben válassza ki a kívánt számlát."),
        article("invoice-download", "pl", "# Pobieranie faktury\n\nW zakładce Płatności wybierz fakturę i kliknij Pobierz."),
        article("password-reset", "en", "# Resetting your password\n\nClick *Forgot password* on the sign-in page."),
        article("password-reset", "hu", "# Elfelejtett jelszó\n\nKattintson az Elfelejtett jelszó linkre a belépésnél."),
        article("password-reset", "pl", "# Resetowanie hasła\n\nKliknij Nie pamiętam hasła na stronie logowania."),
    ])

    @Test func titleComesFromTheFirstLine() throws {
        let article = try KnowledgeArticle(slug: "vpn-setup", language: "en", markdown: "# Setting up the VPN \r\n\r\nInstall the client.\n")
        #expect(article.title == "Setting up the VPN")
        #expect(article.body == "Install the client.\n")
    }

    @Test(arguments: ["Setting up the VPN\n\nbody", "## Sub\n", "#Title", "# \n", "", "\nbody\n# Late title"])
    func aFileWithoutATitleLineIsRefused(_ markdown: String) {
        #expect(throws: KnowledgeArticleError.missingTitle(slug: "x", language: "en")) {
            try KnowledgeArticle(slug: "x", language: "en", markdown: markdown)
        }
    }

    @Test func lookupFallsBackToTheDefaultLanguageAndSaysSo() throws {
        let base = KnowledgeBase(articles: [Self.article("vpn-setup", "en", "# VPN\n\nbody")])
        #expect(base.article(slug: "vpn-setup", language: "en", fallback: "en")?.fellBack == false)
        let fallen = try #require(base.article(slug: "vpn-setup", language: "pl", fallback: "en"))
        #expect(fallen.fellBack && fallen.article.language == "en")
        #expect(base.article(slug: "nope", language: "en", fallback: "en") == nil)
        #expect(Self.base.article(slug: "password-reset", language: "hu", fallback: "en")?.article.title == "Elfelejtett jelszó")
    }

    @Test func slugsAndLanguagesAreListedOnce() {
        #expect(Self.base.slugs == ["invoice-download", "password-reset"])
        #expect(Self.base.languages(of: "password-reset") == ["en", "hu", "pl"])
    }

    @Test(arguments: [
        ("Nem találom a számlát a fiókomban", "hu", "invoice-download"),
        ("Gdzie mogę pobrać faktury za marzec?", "pl", "invoice-download"),
        ("I forgot my password and cannot sign in", "en", "password-reset"),
        ("Nie pamiętam hasła", "pl", "password-reset"),
        ("Elfelejtettem a jelszavamat", "hu", "password-reset"),
        ("Nem talalom a szamlat a fiokomban", "hu", "invoice-download"),
        ("Nie pamietam hasla", "pl", "password-reset"),
        ("Nie moge sie zalogowac na stronie", "pl", "password-reset"),
    ])
    func inflectedWordsFindTheirArticle(_ text: String, _ language: String, _ slug: String) {
        let found = Self.base.search(text, language: language, limit: 3)
        #expect(found.first?.article.slug == slug)
        #expect(found.allSatisfy { $0.article.language == language })
    }

    @Test(arguments: [
        ("számlát", "hu", ["szaml"]), ("szamlat", "hu", ["szaml"]), ("hasło", "pl", ["hasl"]), ("haslo", "pl", ["hasl"]),
        ("zalogować", "pl", ["zalog", "logow"]), ("logowania", "pl", ["logow"]), ("pobrać", "pl", ["pobra"]),
        ("kerem", "hu", []), ("Invoices", "en", ["invoi"]),
    ])
    func termsAreFoldedAndPolishPrefixesAlsoYieldTheRest(_ word: String, _ language: String, _ terms: [String]) {
        #expect(KnowledgeTokenizer.terms(word, language: language) == terms)
    }

    @Test func unrelatedTextSuggestsNothing() {
        #expect(Self.base.suggestions(for: "The weather is lovely today, see you at lunch", language: "en", limit: 3).isEmpty)
        #expect(Self.base.suggestions(for: "invoice", language: "en", limit: 0).isEmpty)
        #expect(KnowledgeBase.empty.search("invoice", language: nil, limit: 3).isEmpty)
    }

    @Test func searchWithoutALanguageLooksInEvery() {
        let languages = Set(Self.base.search("faktura számla invoice", language: nil, limit: 5).map(\.article.language))
        #expect(languages == ["en", "hu", "pl"])
    }

    @Test func markdownRendersToHTMLAndPlainText() {
        let article = Self.article("x", "en", "# Title\n\nOpen **Billing**, then:\n\n- one\n- [two](https://example.com)\n")
        #expect(article.html.contains("<h1>Title</h1>") && article.html.contains("<strong>Billing</strong>"))
        #expect(article.plainText == "Title\n\nOpen Billing, then:\n\n- one\n- two (https://example.com)")
    }
}
