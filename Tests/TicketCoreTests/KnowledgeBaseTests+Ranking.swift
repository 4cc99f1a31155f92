import Foundation
import Testing
@testable import TicketCore

/// Ranking measured on the shipped sample articles (`config/kb`) with labelled requests.
@Suite("Knowledge base ranking")
struct KnowledgeRankingTests {
    /// A request as a customer might write it, and the article that answers it (nil: none does).
    struct Labelled: Sendable {
        var language: String
        var text: String
        var best: String?
    }

    static let invoice = "invoice-download"
    static let password = "password-reset"
    static let vpn = "vpn-setup"

    /// 78 requests with an answer (8 per article and language, 6 typed without diacritics) and 9 without one.
    static let requests: [Labelled] = [
        // English
        .init(language: "en", text: "Hi, where can I download my invoice for March?", best: invoice),
        .init(language: "en", text: "I need a PDF copy of last month's invoice for our accountant.", best: invoice),
        .init(language: "en", text: "The VAT number on invoice 2024-0113 is wrong, please send a corrected one.", best: invoice),
        .init(language: "en", text: "Could you send all invoices by email to billing@acme.test from now on?", best: invoice),
        .init(language: "en", text: "I can't find the invoices in the billing section of the portal", best: invoice),
        .init(language: "en", text: "We paid yesterday but no invoice has appeared yet.", best: invoice),
        .init(language: "en", text: "Company name on the invoices is misspelled", best: invoice),
        .init(language: "en", text: "How do I get the bill for my subscription? Need it as PDF", best: invoice),
        .init(language: "en", text: "I forgot my password, how do I reset it?", best: password),
        .init(language: "en", text: "My account is locked after too many login attempts.", best: password),
        .init(language: "en", text: "The password reset link never arrives in my inbox", best: password),
        .init(language: "en", text: "Reset link says it expired, can you help me sign in?", best: password),
        .init(language: "en", text: "I cannot sign in, it says wrong password although I typed it correctly.", best: password),
        .init(language: "en", text: "How long must a new password be? It keeps getting rejected", best: password),
        .init(language: "en", text: "Locked out of my account since this morning", best: password),
        .init(language: "en", text: "Please unlock my account, I entered the password wrong five times", best: password),
        .init(language: "en", text: "How do I set up the VPN on my laptop to work from home?", best: vpn),
        .init(language: "en", text: "The VPN connection drops every few minutes.", best: vpn),
        .init(language: "en", text: "Where do I download the VPN client for macOS?", best: vpn),
        .init(language: "en", text: "I can't connect to internal systems while travelling", best: vpn),
        .init(language: "en", text: "Importing the configuration profile into the client fails", best: vpn),
        .init(language: "en", text: "VPN client on Linux won't connect, which version should I install?", best: vpn),
        .init(language: "en", text: "Do I need to confirm the VPN login on my phone every time?", best: vpn),
        .init(language: "en", text: "Cannot reach the intranet from home, connection fails", best: vpn),
        // Hungarian
        .init(language: "hu", text: "Jó napot! Nem találom a márciusi számlát, hol tudom letölteni?", best: invoice),
        .init(language: "hu", text: "Kérem, küldjék el a múlt havi számlámat PDF-ben.", best: invoice),
        .init(language: "hu", text: "Hibás az adószám a számlán, kérek javított számlát.", best: invoice),
        .init(language: "hu", text: "A számlákat e-mailben szeretném megkapni a jövőben.", best: invoice),
        .init(language: "hu", text: "Tegnap fizettem, de még nem jelent meg a számla a fiókomban.", best: invoice),
        .init(language: "hu", text: "Rossz cégnév szerepel a számláinkon.", best: invoice),
        .init(language: "hu", text: "Hol van a Számlázás menü? Le kellene töltenem egy számlát.", best: invoice),
        .init(language: "hu", text: "A 2024/113 számlaszámú számla hiányzik a listából.", best: invoice),
        .init(language: "hu", text: "Elfelejtettem a jelszavamat, hogyan tudom visszaállítani?", best: password),
        .init(language: "hu", text: "Túl sok próbálkozás után zárolták a fiókomat.", best: password),
        .init(language: "hu", text: "Nem érkezik meg a jelszó-visszaállító link.", best: password),
        .init(language: "hu", text: "Nem tudok belépni, azt írja, hibás a jelszó.", best: password),
        .init(language: "hu", text: "A visszaállító linkre kattintva azt írja, lejárt.", best: password),
        .init(language: "hu", text: "Milyen hosszú legyen az új jelszó? Nem fogadja el.", best: password),
        .init(language: "hu", text: "Kérem, oldják fel a fiókom zárolását.", best: password),
        .init(language: "hu", text: "Öt sikertelen belépés után nem enged be a rendszer.", best: password),
        .init(language: "hu", text: "Hogyan állítom be a VPN-t otthoni munkához?", best: vpn),
        .init(language: "hu", text: "A VPN-kapcsolat néhány percenként megszakad.", best: vpn),
        .init(language: "hu", text: "Honnan tudom letölteni a VPN-klienst macOS-re?", best: vpn),
        .init(language: "hu", text: "Utazás közben nem érem el a belső rendszereket.", best: vpn),
        .init(language: "hu", text: "Nem sikerül importálni a konfigurációs profilt a kliensbe.", best: vpn),
        .init(language: "hu", text: "Linuxon nem csatlakozik a kliens, melyik verziót telepítsem?", best: vpn),
        .init(language: "hu", text: "Minden csatlakozáskor jóvá kell hagynom a belépést a telefonomon?", best: vpn),
        .init(language: "hu", text: "Otthonról nem működik a kapcsolódás a céges hálózathoz.", best: vpn),
        // Polish
        .init(language: "pl", text: "Dzień dobry, gdzie mogę pobrać fakturę za marzec?", best: invoice),
        .init(language: "pl", text: "Proszę o przesłanie faktury za zeszły miesiąc w PDF.", best: invoice),
        .init(language: "pl", text: "Na fakturze jest błędny NIP, proszę o fakturę korygującą.", best: invoice),
        .init(language: "pl", text: "Chciałbym otrzymywać faktury e-mailem.", best: invoice),
        .init(language: "pl", text: "Zapłaciłem wczoraj, ale faktura nie pojawiła się na koncie.", best: invoice),
        .init(language: "pl", text: "Nazwa firmy na fakturach jest błędna.", best: invoice),
        .init(language: "pl", text: "Nie mogę znaleźć faktur w zakładce Płatności.", best: invoice),
        .init(language: "pl", text: "Brakuje faktury numer 2024/113.", best: invoice),
        .init(language: "pl", text: "Nie pamiętam hasła, jak je zresetować?", best: password),
        .init(language: "pl", text: "Konto zostało zablokowane po kilku próbach logowania.", best: password),
        .init(language: "pl", text: "Link do zmiany hasła nie przychodzi.", best: password),
        .init(language: "pl", text: "Nie mogę się zalogować, system mówi że hasło jest złe.", best: password),
        .init(language: "pl", text: "Link do resetu hasła wygasł, co teraz?", best: password),
        .init(language: "pl", text: "Ile znaków musi mieć nowe hasło?", best: password),
        .init(language: "pl", text: "Proszę odblokować moje konto.", best: password),
        .init(language: "pl", text: "Po pięciu nieudanych próbach nie mogę wejść na konto.", best: password),
        .init(language: "pl", text: "Jak skonfigurować VPN do pracy z domu?", best: vpn),
        .init(language: "pl", text: "Połączenie VPN zrywa się co kilka minut.", best: vpn),
        .init(language: "pl", text: "Skąd pobrać klienta VPN na macOS?", best: vpn),
        .init(language: "pl", text: "W podróży nie mam dostępu do systemów wewnętrznych.", best: vpn),
        .init(language: "pl", text: "Nie mogę zaimportować profilu konfiguracyjnego do klienta.", best: vpn),
        .init(language: "pl", text: "Klient na Linuksie nie łączy się, którą wersję zainstalować?", best: vpn),
        .init(language: "pl", text: "Czy za każdym razem muszę potwierdzać logowanie w telefonie przy VPN?", best: vpn),
        .init(language: "pl", text: "Z domu nie mogę połączyć się z firmową siecią.", best: vpn),
        // Typed without diacritics
        .init(language: "hu", text: "Jo napot, nem talalom a szamlat, hol tudom letolteni?", best: invoice),
        .init(language: "hu", text: "Elfelejtettem a jelszavam, nem tudok belepni", best: password),
        .init(language: "hu", text: "A VPN kapcsolat folyamatosan megszakad otthonrol", best: vpn),
        .init(language: "pl", text: "Nie moge pobrac faktury za luty", best: invoice),
        .init(language: "pl", text: "Zapomnialem hasla do konta", best: password),
        .init(language: "pl", text: "Polaczenie VPN nie dziala z domu", best: vpn),
        // Nothing to suggest
        .init(language: "en", text: "Thanks, that solved it. Have a nice weekend!", best: nil),
        .init(language: "en", text: "Our printer on the second floor only prints blank pages.", best: nil),
        .init(language: "en", text: "Can we schedule a call about the contract renewal next Tuesday?", best: nil),
        .init(language: "hu", text: "Köszönöm, minden rendben, lezárhatják.", best: nil),
        .init(language: "hu", text: "A nyomtató a második emeleten csak üres lapokat nyomtat.", best: nil),
        .init(language: "hu", text: "Mikor érkezik meg a megrendelt monitor?", best: nil),
        .init(language: "pl", text: "Dziękuję, wszystko działa.", best: nil),
        .init(language: "pl", text: "Drukarka na drugim piętrze drukuje puste strony.", best: nil),
        .init(language: "pl", text: "Kiedy dotrze zamówiony monitor?", best: nil),
    ]

    /// The shipped sample articles, read the way `KnowledgeBaseLoader` reads them.
    static func shippedBase() throws -> KnowledgeBase {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/kb").standardized
        var articles: [KnowledgeArticle] = []
        for language in ["en", "hu", "pl"] {
            for slug in [invoice, password, vpn] {
                let text = try String(contentsOf: root.appendingPathComponent("\(language)/\(slug).md"), encoding: .utf8)
                articles.append(try KnowledgeArticle(slug: slug, language: language, markdown: text))
            }
        }
        return KnowledgeBase(articles: articles)
    }

    @Test func precisionAtOneAndRecallAtThree() throws {
        let base = try Self.shippedBase()
        let answered = Self.requests.filter { $0.best != nil }
        var first = 0, withinThree = 0, misses: [String] = []
        for request in answered {
            let found = base.search(request.text, language: request.language, limit: 3).map(\.article.slug)
            if found.first == request.best { first += 1 } else { misses.append("\(request.language): \(request.text) → \(found)") }
            if found.contains(request.best!) { withinThree += 1 }
        }
        let unanswered = Self.requests.filter { $0.best == nil }
        let falseSuggestions = unanswered.filter { !base.suggestions(for: $0.text, language: $0.language, limit: 3).isEmpty }
        let precision = Double(first) / Double(answered.count)
        let recall = Double(withinThree) / Double(answered.count)
        print(String(format: "knowledge ranking: %d requests, precision@1 %.3f, recall@3 %.3f; %d of %d unrelated requests got a suggestion",
            answered.count, precision, recall, falseSuggestions.count, unanswered.count))
        for miss in misses { print("  miss: \(miss)") }
        #expect(answered.count >= 60)
        #expect(precision >= 0.7)
        #expect(recall >= 0.85)
        #expect(falseSuggestions.count <= 1, "suggested for: \(falseSuggestions.map(\.text))")
    }
}
