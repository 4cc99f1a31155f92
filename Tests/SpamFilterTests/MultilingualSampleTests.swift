import Testing
import SpamFilter

/// A small hand-written Hungarian / Polish / English set of help-desk mail
/// and spam: after training, unseen messages of each language must land on
/// the right side.
@Suite("Multilingual samples")
struct MultilingualSampleTests {
    static let trainingSpam: [MessageFeatures] = [
        spam("Nyerjen most! Ön a szerencsés nyertes", "Gratulálunk! Ön nyert egy vadonatúj iPhone készüléket. Kattintson ide a nyeremény átvételéhez: http://nyeremeny-sorsolas.example.hu/atvetel Az ajánlat csak ma érvényes!", "nyeremeny-sorsolas.example.hu"),
        spam("Fiókját felfüggesztettük", "Tisztelt Ügyfelünk! Bankszámláját biztonsági okokból zároltuk. Azonnal erősítse meg adatait a linken: http://otp-ellenorzes.example.top/login különben fiókja törlésre kerül.", "otp-ellenorzes.example.top"),
        spam("Ingyenes ajándék vár Önre", "Kattintson most és nyerjen! Exkluzív ajánlat, ingyenes ajándék minden regisztrálónak. Ne hagyja ki, az akció ma éjfélkor lejár! http://ajandek.example.top", "ajandek.example.top"),
        spam("Wygrałeś nagrodę!", "Gratulacje! Wygrałeś nagrodę pieniężną 5000 zł. Kliknij tutaj, aby odebrać nagrodę: http://nagroda-dzis.example.pl/odbierz Oferta ważna tylko dziś!", "nagroda-dzis.example.pl"),
        spam("Twoje konto zostało zablokowane", "Szanowny Kliencie, Twoje konto bankowe zostało zablokowane. Zaloguj się natychmiast, aby potwierdzić dane: http://bank-weryfikacja.example.top/logowanie", "bank-weryfikacja.example.top"),
        spam("Darmowy prezent czeka", "Kliknij teraz i odbierz darmowy prezent! Ekskluzywna oferta tylko dla Ciebie, promocja kończy się dziś o północy. http://prezent.example.top", "prezent.example.top"),
        spam("You have WON a $1,000,000 prize!", "Congratulations! You are the lucky winner of our international lottery. Click here to claim your prize now: http://claim-prize.example.biz Act now, this offer expires today!", "claim-prize.example.biz"),
        spam("Your account has been suspended", "Dear customer, your account has been suspended due to unusual activity. Verify your password immediately: http://secure-verify.example.top/login or your account will be closed.", "secure-verify.example.top"),
        spam("Cheap meds, free shipping", "Buy cheap pills online with no prescription! Free shipping, lowest prices guaranteed, limited time offer. Click here now! http://cheap-meds.example.biz", "cheap-meds.example.biz"),
    ]

    static let trainingHam: [MessageFeatures] = [
        ham("Számla másolat kérése", "Jó napot! A múlt havi számlánk elveszett, kérem, küldjék el újra a 2024/118-as számla másolatát. Köszönöm előre, Kovács Péter", "kovacs.example.hu"),
        ham("Nem tudok bejelentkezni", "Tisztelt Ügyfélszolgálat! Tegnap óta nem tudok bejelentkezni a fiókomba, a jelszó-visszaállító levél nem érkezik meg. Tudnának segíteni? Üdvözlettel, Szabó Anna", "szabo.example.hu"),
        ham("Szállítási idő", "Kedves Csapat! Mikorra várható a 4512-es rendelésem kiszállítása? A futárszolgálat oldalán még nincs információ. Köszönöm a segítséget, Nagy Éva", "nagy.example.hu"),
        ham("Prośba o fakturę", "Dzień dobry, proszę o przesłanie faktury za zamówienie nr 7781. Potrzebuję jej do rozliczenia w księgowości. Pozdrawiam, Łukasz Wiśniewski", "wisniewski.example.pl"),
        ham("Problem z logowaniem", "Witam, od wczoraj nie mogę zalogować się do panelu klienta, po wpisaniu hasła pojawia się błąd. Czy mogą Państwo pomóc? Z poważaniem, Małgorzata Żak", "zak.example.pl"),
        ham("Termin dostawy", "Dzień dobry, kiedy mogę spodziewać się dostawy zamówienia 3390? Status w systemie nie zmienił się od tygodnia. Dziękuję za pomoc, Paweł Nowak", "nowak.example.pl"),
        ham("Invoice copy request", "Hello, could you please resend the invoice for order 5521? Our accounting department needs it for the monthly report. Thanks in advance, John Smith", "smith.example.com"),
        ham("Cannot log in to my account", "Hi support team, since yesterday I cannot log in to the customer portal; the password reset email never arrives. Could you help me? Best regards, Mary Jones", "jones.example.com"),
        ham("Delivery status of my order", "Hello, when can I expect delivery of order 8812? The tracking page has not been updated for a week. Thank you for your help, David Brown", "brown.example.com"),
    ]

    static let unseenSpam: [MessageFeatures] = [
        spam("Nyerjen most egy autót!", "Gratulálunk, Ön nyert! Kattintson ide a nyeremény átvételéhez, az ajánlat csak ma érvényes: http://nyeremeny-sorsolas.example.hu/auto", "sorsolas-iroda.example.top"),
        spam("Wygrałeś iPhone!", "Gratulacje, wygrałeś! Kliknij tutaj i odbierz nagrodę, oferta ważna tylko dziś: http://nagroda-dzis.example.pl/iphone", "nagrody.example.top"),
        spam("Claim your FREE prize now", "Congratulations winner! Click here to claim your free prize, this offer expires today: http://claim-prize.example.biz/free", "winners.example.biz"),
    ]

    static let unseenHam: [MessageFeatures] = [
        ham("Számla hiba", "Jó napot! A 2024/131-es számlán rossz a szállítási cím, kérem, javítsák és küldjék el újra. Köszönöm, Tóth Gábor", "toth.example.hu"),
        ham("Pytanie o zamówienie", "Dzień dobry, proszę o informację, czy zamówienie 4410 zostało już wysłane. Potrzebuję też faktury. Pozdrawiam, Anna Kowalska", "kowalska.example.pl"),
        ham("Question about my invoice", "Hello, the invoice for order 6120 shows the wrong address. Could you please correct it and resend it? Thanks, Laura White", "white.example.com"),
    ]

    static func spam(_ subject: String, _ body: String, _ domain: String) -> MessageFeatures {
        MessageFeatures(subject: subject, fromNames: ["Promo Team"], fromDomains: [domain], recipientCount: 25,
                        contentType: "text/html; charset=utf-8", body: body, html: "<p>" + body + "</p>")
    }

    static func ham(_ subject: String, _ body: String, _ domain: String) -> MessageFeatures {
        MessageFeatures(subject: subject, fromNames: [""], fromDomains: [domain], recipientCount: 1,
                        contentType: "text/plain; charset=utf-8", mailer: "Thunderbird", body: body)
    }

    static func trained() -> TokenStatistics {
        var statistics = TokenStatistics()
        for message in trainingSpam { statistics.train(spam: SpamTokenizer.default.tokens(for: message)) }
        for message in trainingHam { statistics.train(ham: SpamTokenizer.default.tokens(for: message)) }
        return statistics
    }

    @Test("Unseen spam in Hungarian, Polish and English scores as spam", arguments: unseenSpam)
    func unseenSpamIsSpam(message: MessageFeatures) {
        let result = SpamClassifier.default.classify(SpamTokenizer.default.tokens(for: message), with: Self.trained())
        #expect(result.verdict == .spam, "score \(result.score) for \(message.subject ?? "")")
    }

    @Test("Unseen support requests in Hungarian, Polish and English score as ham", arguments: unseenHam)
    func unseenHamIsHam(message: MessageFeatures) {
        let result = SpamClassifier.default.classify(SpamTokenizer.default.tokens(for: message), with: Self.trained())
        #expect(result.verdict == .ham, "score \(result.score) for \(message.subject ?? "")")
    }

    @Test("The decisive tokens are reported with their probabilities")
    func evidence() throws {
        let message = try #require(Self.unseenSpam.first)
        let result = SpamClassifier.default.classify(SpamTokenizer.default.tokens(for: message), with: Self.trained())
        let top = try #require(result.tokens.first)
        #expect(top.probability > 0.5)
        #expect(result.tokens.count <= SpamClassifier.default.reportedTokenLimit)
        #expect(result.tokens.filter { $0.probability > 0.5 }.count > result.tokens.count / 2, "\(result.tokens)")
    }
}
