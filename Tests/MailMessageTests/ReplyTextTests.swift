import Testing
@testable import MailMessage

@Suite struct ReplyTextTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var expected: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "quoted lines", text: "Thanks, fixed.\n\n> old text\n> more", expected: "Thanks, fixed."),
        Case(name: "english attribution", text: "Works now.\n\nOn Fri, Nov 20, 2026 at 10:15 AM Support <s@x.com> wrote:\n> Try again", expected: "Works now."),
        Case(name: "gmail wrapped attribution", text: "Yes.\n\nOn Fri, Nov 20, 2026 at 10:15 AM Kovács Péter <\npeter@example.hu> wrote:\n\n> q", expected: "Yes."),
        Case(name: "hungarian gmail", text: "Köszönöm!\n\n2026. nov. 20., p 10:15 dátummal Kovács Péter <x@y.hu> ezt írta:\n> régi", expected: "Köszönöm!"),
        Case(name: "hungarian thunderbird", text: "Rendben.\n\nKovács Péter <x@y.hu> írta (2026. november 20., péntek):\n> régi", expected: "Rendben."),
        Case(name: "polish napisał(a)", text: "Dziękuję.\n\nJan Kowalski <jan@x.pl> napisał(a):\n> stare", expected: "Dziękuję."),
        Case(name: "polish napisał", text: "Ok.\n\n20.11.2026 10:15, Jan Kowalski napisał:\n> stare", expected: "Ok."),
        Case(name: "polish napisała", text: "Ok.\n\nAnna Nowak <anna@x.pl> napisała:\n> stare", expected: "Ok."),
        Case(name: "polish w dniu", text: "Tak.\n\nW dniu 20.11.2026 o 10:15, Jan Kowalski pisze:\n> stare", expected: "Tak."),
        Case(name: "outlook original message", text: "See below.\n\n-----Original Message-----\nFrom: a\nold", expected: "See below."),
        Case(name: "outlook hungarian", text: "Lásd lent.\n\n-----Eredeti üzenet-----\nFeladó: a\nrégi", expected: "Lásd lent."),
        Case(name: "outlook polish", text: "Poniżej.\n\n-----Wiadomość oryginalna-----\nOd: a\nstare", expected: "Poniżej."),
        Case(name: "outlook header block", text: "Done.\n\n________________________________\nFrom: Support <s@x.com>\nSent: Friday, November 20, 2026 10:15 AM\nTo: Peter\nSubject: RE: Problem\n\nold", expected: "Done."),
        Case(name: "outlook header block bold", text: "Done.\n\n*From:* Support\n*Sent:* Friday\n*To:* Peter\n*Subject:* x\n\nold", expected: "Done."),
        Case(name: "hungarian header block", text: "Kész.\n\nFeladó: Support <s@x.com>\nElküldve: 2026. november 20., péntek 10:15\nCímzett: Péter\nTárgy: Probléma\n\nrégi", expected: "Kész."),
        Case(name: "polish header block", text: "Gotowe.\n\nOd: Support <s@x.com>\nWysłano: piątek, 20 listopada 2026 10:15\nDo: Jan\nTemat: Problem\n\nstare", expected: "Gotowe."),
        Case(name: "signature", text: "Regards\n\n-- \nPeter Kovács\nCEO", expected: "Regards"),
        Case(name: "forward is content", text: "FYI\n\n---------- Forwarded message ---------\nFrom: A <a@b.c>\nSubject: x\n\nforwarded body", expected: "FYI\n\n---------- Forwarded message ---------\nFrom: A <a@b.c>\nSubject: x\n\nforwarded body"),
        Case(name: "interleaved reply", text: "> question one\nanswer one\n> question two\nanswer two", expected: "answer one\nanswer two"),
        Case(name: "only quotes falls back", text: "> everything quoted\n> here", expected: "> everything quoted\n> here"),
        Case(name: "plain mention of wrote is kept", text: "As the manual wrote:\nthe sky is blue\nThanks", expected: "As the manual wrote:\nthe sky is blue\nThanks"),
        Case(name: "from line in prose is kept", text: "From: the team\nwe say hello", expected: "From: the team\nwe say hello"),
        Case(name: "attribution right after text", text: "Thanks for the help.\nOn Fri, Nov 20, 2026 at 10:15 AM Support <s@x.com> wrote:\n> q", expected: "Thanks for the help."),
        Case(name: "three line attribution", text: "Szia!\n\nOn Fri, Nov 20, 2026 at 10:15 AM\nKovács Péter\n<peter@example.hu> wrote:\n> q", expected: "Szia!"),
        Case(name: "attribution without address followed by quote", text: "Ok.\n\nPeter wrote:\n> q", expected: "Ok."),
        Case(name: "empty", text: "", expected: ""),
    ]

    @Test(arguments: cases)
    func extractsNewText(testCase: Case) {
        #expect(ReplyText.newText(from: testCase.text) == testCase.expected)
    }

    @Test func neverEmptyWhenTextIsNot() {
        for text in ["-- \nsig only", "On Mon wrote:\n> x", "\n\n   \n", "-----Original Message-----"] {
            let result = ReplyText.newText(from: text)
            #expect(!result.isEmpty || text.trimmingASCIIWhitespace().isEmpty)
        }
    }
}
