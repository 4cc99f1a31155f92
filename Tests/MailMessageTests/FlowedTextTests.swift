import Testing
@testable import MailMessage

@Suite struct FlowedTextTests {
    @Test func joinsSoftBreaks() {
        #expect(FlowedText.unflow("This is a \nflowed para.\nHard line\n\nNext", deleteSpace: false)
            == "This is a flowed para.\nHard line\n\nNext")
    }

    @Test func deleteSpaceRemovesTheBreakingSpace() {
        #expect(FlowedText.unflow("Sehr lang \nes Wort", deleteSpace: true) == "Sehr langes Wort")
    }

    @Test func removesSpaceStuffingAndKeepsQuoteDepth() {
        #expect(FlowedText.unflow(" From here\n> quoted \n> text\n>> deeper\nback", deleteSpace: false)
            == "From here\n> quoted text\n>> deeper\nback")
    }

    @Test func signatureSeparatorIsNotFlowed() {
        #expect(FlowedText.unflow("Bye \n-- \nSig", deleteSpace: false) == "Bye -- \nSig")
        #expect(FlowedText.unflow("Bye\n-- \nSig", deleteSpace: false) == "Bye\n-- \nSig")
    }

    @Test func quoteDepthChangeEndsParagraph() {
        #expect(FlowedText.unflow("> a \nb", deleteSpace: false) == "> a \nb")
    }

    @Test func messageLevelFlowed() {
        let message = MailMessage.parse(crlf("""
            Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes

            Hello, this is a long para
            graph.
            """.replacingOccurrences(of: "para\n", with: "para \n")))
        #expect(message.textBody == "Hello, this is a long paragraph.")
    }
}
