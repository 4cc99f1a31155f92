import Testing
@testable import TicketCore

@Suite("Customer commands")
struct CustomerCommandTests {
    let reader = CustomerCommandReader(extraCloseWords: ["en": ["done", "please close"], "de": ["Schließen"]])

    @Test(arguments: [
        "close", "Close", "CLOSE!", "Re: close", "RE: Re: [#42] close", "Vá: Lezárás.", "Odp: zamknij", "  zamknij  ", "„Lezárás”",
        "lezárás", "Done", "Please close!", "Re: schließen", "Re[2]: close :)",
    ])
    func aSubjectThatIsOnlyACloseWordCloses(subject: String) {
        #expect(reader.read(subject: subject, newText: "Some text the customer wrote anyway.") == .close)
    }

    @Test func decomposedAccentsAreTheSameWord() {
        #expect(reader.read(subject: "leza\u{301}ra\u{301}s", newText: "") == .close)
    }

    @Test(arguments: ["close\n\nThe rest of the mail", "\n\nLezárás!\n", "ZAMKNIJ.\nPozdrawiam, Jan"])
    func aFirstLineThatIsOnlyACloseWordCloses(text: String) {
        #expect(reader.read(subject: "Re: [#42] Printer broken", newText: text) == .close)
    }

    @Test(arguments: [
        ("Re: [#42] Please close my account", "Hello"),
        ("Re: [#42] close to the deadline", "Hi"),
        ("Re: [#42] Printer", "Close the ticket only after the technician came."),
        ("Re: [#42] Printer", "closed"),
        ("Closing date", "When is the office closed?"),
    ])
    func closeWordsInsideSentencesDoNot(subject: String, text: String) {
        #expect(reader.read(subject: subject, newText: text) == nil)
    }

    @Test(arguments: [
        "Thanks!", "Thank you", "thank you very much!!", "Thanks a lot, Anna", "Many thanks 🙏", "Köszönöm!", "Köszi", "köszönöm szépen :)",
        "Nagyon köszönöm!\nPéter", "Dziękuję!", "Dzięki", "Dziękuję bardzo!\n\nPozdrawiam\nJan Kowalski", "Hi Anna,\n\nThanks!\n\nBest regards,\nJohn",
        "Szia Péter!\nKöszi!\nÜdv,\nMárta", "Thanks, John Smith", "Köszönöm, üdvözlettel", "thx",
    ])
    func bareThanks(text: String) {
        #expect(reader.read(subject: "Re: [#42] Printer broken", newText: text) == .thanks)
    }

    @Test(arguments: [
        "Thanks, but it still does not print.", "Thank you. The printer is still broken.", "Köszönöm, de még mindig nem működik.",
        "Dziękuję, ale nadal nie działa.", "Thanks!\nOne more question: where is the invoice?", "Thanks! Works now for us",
        "Hi,\nthe printer is broken.", "", "Thank you for nothing, the printer is still broken!", "Thanks for the quick fix, but the scanner fails",
        "Thanks\n\nCould you also check the scanner?\n\nRegards\nJohn",
    ])
    func thanksWithSubstanceIsAReply(text: String) {
        #expect(reader.read(subject: "Re: [#42] Printer broken", newText: text) == nil)
    }

    @Test func theConfiguredWordsAddToTheBuiltInOnes() {
        #expect(CustomerCommandReader().closeWords == ["close", "lezárás", "zamknij"])
        #expect(reader.closeWords.isSuperset(of: ["close", "lezárás", "zamknij", "done", "please close", "schließen"]))
    }

    @Test func tagsWithAPrefixAreRemoved() {
        let acme = CustomerCommandReader(tagFormat: TicketTagFormat(prefix: "ACME"))
        #expect(acme.read(subject: "Re: [ACME #42] close", newText: "x") == .close)
    }
}
