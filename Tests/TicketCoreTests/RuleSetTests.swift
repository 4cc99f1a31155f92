import Foundation
import Testing
@testable import TicketCore

/// A one-rule set with `condition` that sets queue `hit` when it matches.
private func fires(_ condition: RuleValue, mode: String = "all", on subject: RuleSubject) throws -> Bool {
    let rules = try RuleSet(compiling: [["name": "r", "match": .string(mode), "conditions": [condition], "queue": "hit"]])
    return rules.evaluate(subject).result.queue == "hit"
}

private let invoice = RuleSubject(
    from: ["peter@bigcustomer.example", "Kovács Péter"], to: ["support@example.com"], cc: ["anna@bigcustomer.example", "bela@other.example"],
    subject: "Számla hiba – INV-2024/117", body: "Jó napot, a faktura rossz összeggel jött.", mailbox: "support", language: "hu",
    organisation: "BigCustomer Kft.", attachments: ["szamla_117.pdf", "Kép.PNG"], channel: "email", queue: "support",
    headers: ["X-Priority": ["1 (Highest)"], "Received": ["from a.example", "from b.example", "from mx.bigcustomer.example"]])

@Suite("RuleSet operators")
struct RuleOperatorTests {
    @Test(arguments: [
        // is: whole value, ignoring case
        (["field": "mailbox", "is": "SUPPORT"], true),
        (["field": "mailbox", "is": "supp"], false),
        (["field": "from", "is": "Peter@BigCustomer.example"], true),
        (["field": "from", "is": "kovács péter"], true),
        (["field": "channel", "is": "email"], true),
        (["field": "organisation", "is": "bigcustomer kft."], true),
        (["field": "language", "is": "hu"], true),
        (["field": "queue", "is": "support"], true),
        (["field": "priority", "is": "normal"], true),
        // contains
        (["field": "subject", "contains": "számla"], true),
        (["field": "subject", "contains": "SZÁMLA"], true),
        (["field": "subject", "contains": "szamla"], false),
        (["field": "body", "contains": "FAKTURA"], true),
        (["field": "cc", "contains": "other.example"], true),
        (["field": "to", "contains": "billing"], false),
        (["field": "attachment", "contains": ".pdf"], true),
        // matches: glob over the whole value
        (["field": "from", "matches": "*@bigcustomer.example"], true),
        (["field": "from", "matches": "*@BIGCUSTOMER.*"], true),
        (["field": "from", "matches": "*@bigcustomer"], false),
        (["field": "attachment", "matches": "*.png"], true),
        (["field": "attachment", "matches": "k?p.png"], true),
        (["field": "attachment", "matches": "szamla_???.pdf"], true),
        (["field": "attachment", "matches": "szamla_??.pdf"], false),
        (["field": "subject", "matches": "számla*"], true),
        (["field": "subject", "matches": "*inv-2024/1?7"], true),
        (["field": "subject", "matches": "\\*"], false),
        // regex: PCRE2, NFC text, case-sensitive unless (?i)
        (["field": "body", "regex": "(?i)invoice|faktura"], true),
        (["field": "body", "regex": "FAKTURA"], false),
        (["field": "subject", "regex": "INV-\\d{4}/\\d+"], true),
        (["field": "subject", "regex": "^Számla\\b"], true),
        (["field": "subject", "regex": "\\w+ hiba"], true),
        (["field": "cc", "regex": "^bela@"], true),
        // headers: any occurrence, name case-insensitive
        (["header": "X-Priority", "contains": "1"], true),
        (["header": "x-priority", "matches": "1*"], true),
        (["header": "Received", "contains": "mx.bigcustomer"], true),
        (["header": "Received", "is": "from b.example"], true),
        (["header": "Received", "regex": "^from c\\."], false),
        (["header": "X-Missing", "contains": ""], false),
    ] as [(RuleValue, Bool)])
    func operatorMatches(condition: RuleValue, expected: Bool) throws {
        #expect(try fires(condition, on: invoice) == expected)
    }

    @Test(arguments: [
        (["field": "subject", "contains": "számla", "not": true], false),
        (["field": "subject", "contains": "printer", "not": true], true),
        (["field": "mailbox", "is": "support", "not": true], false),
        (["field": "from", "matches": "*@gmail.com", "not": true], true),
        (["field": "body", "regex": "faktura", "not": true], false),
        (["header": "X-Missing", "contains": "x", "not": true], true),
        (["field": "organisation", "is": "x", "not": true], true),
    ] as [(RuleValue, Bool)])
    func negation(condition: RuleValue, expected: Bool) throws {
        #expect(try fires(condition, on: invoice) == expected)
    }

    @Test func emptyFieldsHaveNoValues() throws {
        let bare = RuleSubject(queue: "support")
        #expect(try !fires(["field": "organisation", "contains": ""], on: bare))
        #expect(try !fires(["field": "cc", "matches": "*"], on: bare))
        #expect(try fires(["field": "subject", "is": ""], on: bare))
    }
}

@Suite("RuleSet Unicode")
struct RuleUnicodeTests {
    /// "számla" with the á written as a + combining acute accent (NFD).
    static let decomposed = "sza\u{301}mla"

    @Test func decomposedPatternMatchesComposedText() throws {
        #expect(try fires(["field": "subject", "contains": .string(Self.decomposed)], on: invoice))
        #expect(try fires(["field": "subject", "regex": .string("^Sza\u{301}mla")], on: invoice))
    }

    @Test func composedPatternMatchesDecomposedText() throws {
        let subject = RuleSubject(subject: "SZA\u{301}MLA 12", queue: "support")
        #expect(try fires(["field": "subject", "contains": "számla"], on: subject))
        #expect(try fires(["field": "subject", "matches": "számla ??"], on: subject))
        #expect(try fires(["field": "subject", "regex": "(?i)^számla"], on: subject))
    }

    @Test(arguments: [
        ("ŐRÜLT ÁRVÍZTŰRŐ TÜKÖRFÚRÓGÉP", "árvíztűrő tükörfúrógép"),
        ("Zażółć GĘŚLĄ JAŹŃ", "gęślą jaźń"),
        ("ZAŻÓŁĆ", "zażółć"),
        ("Pilne: ŁÓDŹ", "łódź"),
        ("Sürgős!", "SÜRGŐS"),
        ("Straße", "STRASSE"),
        ("ΟΔΟΣ", "οδος"),
    ])
    func caseFoldingOfHungarianAndPolishLetters(text: String, pattern: String) throws {
        #expect(try fires(["field": "subject", "contains": .string(pattern)], on: RuleSubject(subject: text, queue: "q")))
    }

    @Test func accentsStillCount() throws {
        #expect(try !fires(["field": "subject", "is": "lodz"], on: RuleSubject(subject: "Łódź", queue: "q")))
        #expect(try !fires(["field": "subject", "contains": "o"], on: RuleSubject(subject: "ő", queue: "q")))
    }

    @Test func globQuestionMarkIsOneCharacterNotOneByte() throws {
        #expect(try fires(["field": "subject", "matches": "?ódź"], on: RuleSubject(subject: "Łódź", queue: "q")))
        #expect(try !fires(["field": "subject", "matches": "??ódź"], on: RuleSubject(subject: "Łódź", queue: "q")))
        #expect(try fires(["field": "subject", "matches": "*ź"], on: RuleSubject(subject: "Łódź", queue: "q")))
    }
}

@Suite("RuleSet evaluation")
struct RuleEvaluationTests {
    @Test(arguments: [
        ("all", true, true, true),
        ("all", true, false, false),
        ("any", true, false, true),
        ("any", false, false, false),
        ("ANY", false, true, true),
    ])
    func allAndAny(mode: String, first: Bool, second: Bool, expected: Bool) throws {
        let rules = try RuleSet(compiling: [[
            "name": "r", "match": .string(mode), "queue": "hit",
            "conditions": [
                ["field": "subject", "contains": first ? "számla" : "nothing"],
                ["field": "from", "matches": second ? "*@bigcustomer.example" : "*@nowhere.example"],
            ],
        ]])
        let evaluation = rules.evaluate(invoice)
        #expect(evaluation.rules[0].matched == expected)
        #expect(evaluation.rules[0].conditions.map(\.matched) == [first, second])
    }

    @Test func aRuleWithoutConditionsAlwaysFires() throws {
        let rules = try RuleSet(compiling: [["name": "default", "priority": "low"], ["name": "any", "match": "any", "language": "pl"]])
        let result = rules.evaluate(invoice).result
        #expect(result.priority == .low)
        #expect(result.language == "pl")
    }

    @Test func actionsSetTheResult() throws {
        let rules = try RuleSet(compiling: [[
            "name": "Hungarian invoices",
            "conditions": [["field": "subject", "contains": "számla"], ["field": "from", "matches": "*@bigcustomer.example"]],
            "queue": "billing", "priority": "High", "request_type": "invoice", "assign": "Anna@Example.com", "language": "HU",
        ]])
        let evaluation = rules.evaluate(invoice)
        #expect(evaluation.result == RuleResult(queue: "billing", priority: .high, requestType: "invoice", assignee: "anna@example.com", language: "hu"))
        #expect(evaluation.fired == ["Hungarian invoices"])
        #expect(evaluation.rules[0].changes == ["queue = billing", "priority = high", "request_type = invoice", "assign = anna@example.com", "language = hu"])
    }

    @Test func assignSkill() throws {
        let rules = try RuleSet(compiling: [["name": "skill", "assign_skill": "billing"]])
        let result = rules.evaluate(invoice).result
        #expect(result.assignSkill == "billing")
        #expect(result.assignee == nil)
    }

    @Test func rulesRunInFileOrderAndTheLastWriteWins() throws {
        let rules = try RuleSet(compiling: [
            ["name": "first", "queue": "one", "priority": "high"],
            ["name": "second", "queue": "two"],
        ])
        let result = rules.evaluate(invoice).result
        #expect(result.queue == "two")
        #expect(result.priority == .high)
    }

    @Test func stopEndsTheEvaluation() throws {
        let rules = try RuleSet(compiling: [
            ["name": "miss", "conditions": [["field": "subject", "contains": "printer"]], "queue": "printers", "stop": true],
            ["name": "vip", "conditions": [["field": "organisation", "contains": "bigcustomer"]], "priority": "urgent", "stop": true],
            ["name": "later", "queue": "never"],
        ])
        let evaluation = rules.evaluate(invoice)
        #expect(evaluation.result.queue == "support")
        #expect(evaluation.result.priority == .urgent)
        #expect(evaluation.fired == ["vip"])
        #expect(evaluation.rules[2] == RuleTrace(name: "later", matched: false, conditions: [], skipped: "rule 'vip' stopped"))
    }

    @Test func dropEndsTheEvaluation() throws {
        let rules = try RuleSet(compiling: [
            ["name": "newsletter", "conditions": [["header": "Received", "contains": "bigcustomer"]], "drop": "newsletter"],
            ["name": "later", "queue": "never"],
        ])
        let evaluation = rules.evaluate(invoice)
        #expect(evaluation.result.drop == "newsletter")
        #expect(evaluation.result.queue == "support")
        #expect(evaluation.rules[1].skipped == "rule 'newsletter' dropped the message")
    }

    @Test func aLaterRuleSeesWhatEarlierOnesSet() throws {
        let rules = try RuleSet(compiling: [
            ["name": "polish domain", "conditions": [["field": "from", "matches": "*.pl"]], "language": "pl"],
            ["name": "polish queue", "conditions": [["field": "language", "is": "pl"]], "queue": "polska"],
            ["name": "urgent in polska", "conditions": [["field": "queue", "is": "polska"], ["field": "subject", "contains": "pilne"]], "priority": "urgent"],
            ["name": "urgent ones typed", "conditions": [["field": "priority", "is": "urgent"]], "request_type": "incident"],
            ["name": "typed", "conditions": [["field": "request_type", "is": "incident"]], "assign_skill": "incidents"],
        ])
        let subject = RuleSubject(from: ["jan@firma.pl"], subject: "PILNE: serwer nie działa", language: "en", queue: "support")
        let evaluation = rules.evaluate(subject)
        #expect(evaluation.fired == ["polish domain", "polish queue", "urgent in polska", "urgent ones typed", "typed"])
        #expect(evaluation.result == RuleResult(queue: "polska", priority: .urgent, requestType: "incident", assignSkill: "incidents", language: "pl"))
    }

    @Test func anEarlierRuleDoesNotSeeWhatALaterOneSets() throws {
        let rules = try RuleSet(compiling: [
            ["name": "needs pl", "conditions": [["field": "language", "is": "pl"]], "queue": "polska"],
            ["name": "sets pl", "language": "pl"],
        ])
        let evaluation = rules.evaluate(RuleSubject(language: "en", queue: "support"))
        #expect(evaluation.fired == ["sets pl"])
        #expect(evaluation.result.queue == "support")
    }

    @Test func theSameSetEvaluatesManyMessagesIndependently() throws {
        let rules = try RuleSet(compiling: [["name": "pl", "conditions": [["field": "subject", "contains": "faktura"]], "language": "pl"]])
        #expect(rules.evaluate(RuleSubject(subject: "Faktura", language: "en", queue: "q")).result.language == "pl")
        #expect(rules.evaluate(RuleSubject(subject: "Számla", language: "hu", queue: "q")).result.language == "hu")
    }

    @Test func emptySetKeepsTheSubjectsFields() {
        let evaluation = RuleSet.empty.evaluate(invoice)
        #expect(evaluation.rules.isEmpty)
        #expect(evaluation.result == RuleResult(queue: "support", priority: .normal, language: "hu"))
    }
}

@Suite("RuleSet trace")
struct RuleTraceTests {
    @Test func conditionDetails() throws {
        let rules = try RuleSet(compiling: [[
            "name": "Hungarian invoices",
            "conditions": [
                ["field": "subject", "contains": "számla"],
                ["field": "from", "matches": "*@bigcustomer.example"],
                ["field": "body", "regex": "(?i)invoice|faktura"],
                ["header": "X-Priority", "is": "1"],
                ["field": "cc", "contains": "rival.example", "not": true],
                ["field": "mailbox", "is": "sales", "not": true],
                ["field": "attachment", "matches": "*.exe", "not": true],
                ["field": "subject", "regex": "^Re:", "not": true],
            ],
            "queue": "billing",
        ]])
        let trace = rules.evaluate(invoice).rules[0]
        #expect(trace.conditions == [
            ConditionTrace(matched: true, detail: "subject contains 'számla'"),
            ConditionTrace(matched: true, detail: "from matches '*@bigcustomer.example'"),
            ConditionTrace(matched: true, detail: "body matches regex '(?i)invoice|faktura'"),
            ConditionTrace(matched: false, detail: "header X-Priority is '1'"),
            ConditionTrace(matched: true, detail: "cc does not contain 'rival.example'"),
            ConditionTrace(matched: true, detail: "mailbox is not 'sales'"),
            ConditionTrace(matched: true, detail: "attachment does not match '*.exe'"),
            ConditionTrace(matched: true, detail: "subject does not match regex '^Re:'"),
        ])
        #expect(!trace.matched)
        #expect(trace.changes.isEmpty)
    }

    @Test func jsonHasTheContractKeys() throws {
        let rules = try RuleSet(compiling: [
            ["name": "Hungarian invoices", "conditions": [["field": "subject", "contains": "számla"]], "queue": "billing", "priority": "high"],
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(rules.evaluate(invoice)), as: UTF8.self)
        #expect(json == #"{"result":{"assign_skill":null,"assignee":null,"drop":null,"language":"hu","priority":"high","queue":"billing","request_type":null},"#
            + #""rules":[{"changes":["queue = billing","priority = high"],"conditions":[{"detail":"subject contains 'számla'","matched":true}],"matched":true,"name":"Hungarian invoices"}]}"#)
    }
}

@Suite("RuleSet hostile input")
struct RuleHostileInputTests {
    @Test func catastrophicBacktrackingEndsWithAnErrorQuickly() throws {
        let rules = try RuleSet(compiling: [
            ["name": "hostile", "conditions": [["field": "body", "regex": "(a+)+$"]], "queue": "never"],
            ["name": "after", "queue": "reached"],
        ])
        let body = String(repeating: "a", count: 40_000) + "b"
        let clock = ContinuousClock()
        var evaluation: RuleEvaluation?
        let elapsed = clock.measure { evaluation = rules.evaluate(RuleSubject(body: body, queue: "support")) }
        let trace = try #require(evaluation?.rules[0])
        #expect(!trace.matched)
        #expect(trace.error?.contains("limit") == true)
        #expect(trace.conditions[0].error == trace.error)
        #expect(evaluation?.errors.map(\.name) == ["hostile"])
        #expect(evaluation?.result.queue == "reached")
        #expect(elapsed < .seconds(1))
    }

    @Test func anErrorMakesAnAnyRuleNotMatchEvenWhenAnotherConditionDoes() throws {
        let rules = try RuleSet(compiling: [[
            "name": "hostile", "match": "any", "queue": "never",
            "conditions": [["field": "subject", "contains": "x"], ["field": "body", "regex": "(a|aa)+$"]],
        ]])
        let evaluation = rules.evaluate(RuleSubject(subject: "x", body: String(repeating: "a", count: 5_000) + "!", queue: "support"))
        #expect(!evaluation.rules[0].matched)
        #expect(evaluation.rules[0].error != nil)
        #expect(evaluation.result.queue == "support")
    }

    @Test func bodyConditionsSeeTheFirstBytesOnly() throws {
        let limits = RuleLimits(bodyBytes: 1_000, regexMatchLimit: 1_000_000, regexDepthLimit: 10_000)
        let rules = try RuleSet(compiling: [
            ["name": "early", "conditions": [["field": "body", "contains": "early"]], "language": "early"],
            ["name": "late", "conditions": [["field": "body", "contains": "late word"]], "queue": "late"],
            ["name": "half a letter", "conditions": [["field": "body", "regex": "ő"]], "priority": "low"],
            ["name": "cut before it", "conditions": [["field": "body", "regex": "x$"]], "request_type": "cut"],
        ], limits: limits)
        // 999 bytes of ASCII, then a two-byte "ő" that straddles the limit, then the late word.
        let body = "early" + String(repeating: "x", count: 994) + "ő" + "late word"
        let evaluation = rules.evaluate(RuleSubject(body: body, queue: "support"))
        #expect(evaluation.fired == ["early", "cut before it"])
        #expect(RuleLimits.standard.bodyBytes == 65_536)
    }

    @Test func aHeaderThatAppearsThousandsOfTimesMatchesAnyOccurrence() throws {
        let rules = try RuleSet(compiling: [["name": "r", "conditions": [["header": "Received", "contains": "needle"]], "queue": "hit"]])
        let received = Array(repeating: "from relay.example", count: 5_000) + ["from needle.example"]
        #expect(rules.evaluate(RuleSubject(queue: "q", headers: ["RECEIVED": received])).result.queue == "hit")
    }
}
