import Testing
@testable import MailMessage

@Suite struct HTMLTextTests {
    @Test(arguments: [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("a<br>b<br/><br />c", "a\nb\n\nc"),
        ("<ul><li>first</li><li>second</li></ul>after", "- first\n- second\n\nafter"),
        ("<ol><li>x<ul><li>nested</li></ul></li></ol>", "- x\n  - nested"),
        ("<a href=\"https://example.com/t/1\">the ticket</a>", "the ticket (https://example.com/t/1)"),
        ("<a href=\"https://example.com\">https://example.com</a>", "https://example.com"),
        ("<a href=\"mailto:a@b.c\">a@b.c</a>", "a@b.c"),
        ("<a href=\"https://x.y/\"><img src=x></a>", "https://x.y/"),
        ("<script>alert('x')</script>visible<style>p{color:red}</style>", "visible"),
        ("<head><title>T</title><meta charset=utf-8></head><body>Body</body>", "Body"),
        ("<HEAD><STYLE>x</STYLE><BODY>No closing head", "No closing head"),
        ("&lt;tag&gt; &amp; &quot;q&quot; &#337;&#x171;&#X142; &odblac; &hellip;", "<tag> & \"q\" őűł ő …"),
        ("&#150; &#0; &#xD800; &#99999999; &bogus; & alone", "– \u{FFFD} \u{FFFD} \u{FFFD} &bogus; & alone"),
        ("<!-- comment <p>hidden</p> -->shown", "shown"),
        ("<!DOCTYPE html><html>x</html>", "x"),
        ("  lots   of\n\n  whitespace  ", "lots of whitespace"),
        ("<pre>  keep\n    this</pre>", "keep\n    this"),
        ("<div>On Fri wrote:</div><blockquote>quoted<br>lines</blockquote>mine", "On Fri wrote:\n> quoted\n> lines\nmine"),
        ("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a b\nc"),
        ("1 < 2 and <3", "1 < 2 and <3"),
        ("<img alt=\"Logo\" src=\"x.png\"> text", "Logo text"),
        ("<p>unterminated <b attr=\"oops", "unterminated"),
        ("<h1>Title</h1>Text", "Title\n\nText"),
    ])
    func converts(html: String, expected: String) {
        #expect(HTMLText.convert(html) == expected)
    }

    /// Quadratic work would run for minutes on these and hit the time limit.
    @Test(.timeLimit(.minutes(1))) func deeplyNestedAndHugeInputIsLinear() {
        let html = String(repeating: "<div><blockquote><ul><li><a href=x>", count: 20_000) + "end"
        #expect(HTMLText.convert(html).contains("end"))
    }

    @Test(.timeLimit(.minutes(1))) func repeatedUnclosedHeadsAreLinear() {
        let html = String(repeating: "<head><body>x", count: 30_000) + "</head>"
        #expect(HTMLText.convert(html).hasPrefix("xxx"))
    }
}
