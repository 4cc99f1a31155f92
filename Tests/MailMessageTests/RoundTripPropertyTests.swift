import Foundation
import Testing
@testable import MailMessage
import TestSupport

@Suite struct RoundTripPropertyTests {
    static let pieces: [String] = [
        "a", "Z", "0", " ", "  ", "\t", ".", ",", ";", ":", "\"", "\\", "(", ")", "<", ">", "@", "=", "?", "_", "=?", "?=",
        "=?utf-8?q?x?=", "From ", "-- ", "\r", "\n", "\r\n", "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{2028}", "\u{A0}",
        "á", "é", "ő", "ű", "Ő", "Ű", "ł", "Ł", "ż", "ź", "ć", "ń", "ś", "ę", "ą", "Árvíztűrő", "Zażółć gęślą jaźń",
        "🎉", "👨‍👩‍👧‍👦", "🇭🇺", "e\u{301}", "中文", "日本語", "한국어", "العربية", "\u{FEFF}", "\u{200B}", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "word", "longerwordwithoutanyspacesatallthatgoesonandonandonforquiteawhile", " x ", "Re: ", "#4711",
    ]

    static func randomText(_ generator: inout SplitMix64, maxPieces: Int) -> String {
        let count = Int.random(in: 0...maxPieces, using: &generator)
        return (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }

    static func randomAddress(_ generator: inout SplitMix64) -> String {
        let locals = ["peter", "jan.kowalski", "support+tag", "łukasz", "péter", "x_y", "a1"]
        let domains = ["example.hu", "example.pl", "ticketd.example", "bücher.example"]
        return (locals.randomElement(using: &generator) ?? "a") + "@" + (domains.randomElement(using: &generator) ?? "x.y")
    }

    static func expectedHeaderText(_ text: String) -> String {
        text.neutralizingLineBreaks.trimmingASCIIWhitespace()
    }

    @Test(arguments: 0..<8)
    func renderThenParseGivesBackTheSameValues(batch: Int) {
        var generator = SplitMix64(seed: UInt64(batch) &* 7_919 &+ 17)
        for iteration in 0..<60 {
            let subject = Self.randomText(&generator, maxPieces: 30)
            let fromName = Self.randomText(&generator, maxPieces: 8)
            let toNames = (0..<Int.random(in: 1...3, using: &generator)).map { _ in Self.randomText(&generator, maxPieces: 6) }
            let addresses = (0...toNames.count).map { _ in Self.randomAddress(&generator) }
            let body = Self.randomText(&generator, maxPieces: 200)
            let html = Bool.random(using: &generator) ? "<p>" + Self.randomText(&generator, maxPieces: 20) + "</p>" : nil
            let extraValue = Self.randomText(&generator, maxPieces: 10)
            let outgoing = OutgoingMessage(
                from: MailAddress(address: addresses[0], name: fromName),
                to: zip(addresses.dropFirst(), toNames).map { MailAddress(address: $0, name: $1) },
                subject: subject, messageID: "rt-\(batch)-\(iteration)@ticketd.example", date: Date(timeIntervalSince1970: 1_795_166_100),
                extraHeaders: [HeaderField(name: "X-Ticket-Note", value: extraValue)], textBody: body, htmlBody: html)
            let rendered = outgoing.render()
            let parsed = MailMessage.parse(rendered)
            let context = "batch \(batch) iteration \(iteration)"
            #expect(parsed.subject == Self.expectedHeaderText(subject), "\(context)")
            #expect(parsed.from.map(\.address) == [addresses[0]], "\(context)")
            #expect(parsed.from.first?.name == Optional(Self.expectedHeaderText(fromName)).flatMap { $0.isEmpty ? nil : $0 }, "\(context)")
            #expect(parsed.to.map(\.address) == Array(addresses.dropFirst()), "\(context)")
            #expect(parsed.to.map(\.name) == toNames.map { Optional(Self.expectedHeaderText($0)).flatMap { $0.isEmpty ? nil : $0 } }, "\(context)")
            #expect(parsed.headers.decoded("X-Ticket-Note").map(Self.expectedHeaderText) == Self.expectedHeaderText(extraValue), "\(context)")
            if let html, body.trimmingASCIIWhitespace().isEmpty {
                #expect(parsed.textBody == HTMLText.convert(html.normalizingNewlines), "\(context): blank plain part falls back to HTML")
            } else {
                #expect(parsed.textBody == body.normalizingNewlines.trimmingTrailingWhitespace, "\(context)")
            }
            #expect(parsed.htmlBody.map { $0.trimmingTrailingWhitespace } == html.map { $0.normalizingNewlines.trimmingTrailingWhitespace }, "\(context)")
            #expect(parsed.messageID == "<rt-\(batch)-\(iteration)@ticketd.example>", "\(context)")
            #expect(parsed.date == Date(timeIntervalSince1970: 1_795_166_100), "\(context)")
            #expect(parsed.defects.allSatisfy { if case .eightBitHeader = $0 { true } else { false } }, "\(context): \(parsed.defects)")
            let lines = String(decoding: rendered, as: UTF8.self).components(separatedBy: "\r\n")
            let headerLines = lines.prefix { !$0.isEmpty }
            #expect(headerLines.allSatisfy { $0.utf8.count <= 78 }, "\(context): \(headerLines.filter { $0.utf8.count > 78 })")
            #expect(headerLines.filter { !$0.hasPrefix(" ") }.allSatisfy { line in
                ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "X-Ticket-Note", "Content-Type", "Content-Transfer-Encoding"]
                    .contains(String(line.prefix { $0 != ":" }))
            }, "\(context)")
            #expect(!rendered.contains(0), "\(context)")
        }
    }
}
