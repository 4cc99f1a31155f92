import Testing

@testable import TicketCore

@Suite("MailBody: text and knowledge-base articles, with an HTML alternative")
struct MailBodyTests {
    @Test func plainTextNeedsNoHTMLPart() {
        let body = MailBody([.text("Hello,\n\nit works now.")])
        #expect(body.text == "Hello,\n\nit works now.")
        #expect(body.html == nil)
    }

    @Test func articlesJoinTheTextWithAnEmptyLineAndRenderAsHTML() throws {
        let body = MailBody([.text("Here is how:"), .text(" \n"), .article(text: "Steps\n\n1. Sign in", html: "<h1>Steps</h1><ol><li>Sign in</li></ol>")])
        #expect(body.text == "Here is how:\n\nSteps\n\n1. Sign in", "an empty text part adds no blank lines")
        let html = try #require(body.html)
        #expect(html.contains("<p>Here is how:</p>"))
        #expect(html.contains("<ol><li>Sign in</li></ol>"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("charset=\"utf-8\""))
    }

    @Test func textIsEscapedAndKeepsItsLineBreaks() throws {
        let body = MailBody([.text("Dear <Anna> & \"team\",\nline two\n\nnext"), .article(text: "A", html: "<p>A</p>")])
        let html = try #require(body.html)
        #expect(html.contains("<p>Dear &lt;Anna&gt; &amp; &quot;team&quot;,<br>\nline two</p>\n<p>next</p>"))
        #expect(!html.contains("<Anna>"))
    }

    @Test func markersInARenderedTemplateBecomeArticlesInBothParts() throws {
        let rendered = "Thanks.\n\n* Invoices\n\u{E000}kb0\u{E000}\n\n* VPN\n\u{E000}kb1\u{E000}\n\nKind regards"
        let body = MailBody(rendered: rendered, articles: [
            ("\u{E000}kb0\u{E000}", "Open Billing.", "<p>Open <strong>Billing</strong>.</p>"),
            ("\u{E000}kb1\u{E000}", "Install the client.", "<p>Install the client.</p>"),
        ])
        #expect(body.text == "Thanks.\n\n* Invoices\nOpen Billing.\n\n* VPN\nInstall the client.\n\nKind regards", "laid out as the template says")
        let html = try #require(body.html)
        let invoices = try #require(html.range(of: "<strong>Billing</strong>"))
        let vpn = try #require(html.range(of: "Install the client."))
        #expect(invoices.lowerBound < vpn.lowerBound, "articles in template order")
        #expect(html.contains("* VPN") && html.contains("Kind regards"))
    }

    @Test func aTemplateWithoutTheArticlesGetsNoHTMLPart() {
        let body = MailBody(rendered: "Thanks, we will reply soon.", articles: [("\u{E000}kb0\u{E000}", "A", "<p>A</p>")])
        #expect(body.text == "Thanks, we will reply soon.")
        #expect(body.html == nil)
    }
}
