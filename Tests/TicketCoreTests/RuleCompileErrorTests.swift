import Testing
@testable import TicketCore

@Suite("RuleSet compile errors")
struct RuleCompileErrorTests {
    private func errors(_ tables: [RuleValue]) -> [RuleCompileError] {
        do {
            _ = try RuleSet(compiling: tables)
            return []
        } catch {
            return error.errors
        }
    }

    @Test(arguments: [
        (["name": "r", "conditions": [["field": "subject", "regex": "(a"]]], "conditions[0].regex",
         "rule 'r': invalid regex '(a': missing closing parenthesis at offset 2"),
        (["name": "r", "conditions": [["field": "subjct", "is": "x"]]], "conditions[0].field",
         "rule 'r': unknown field 'subjct': use one of from, to, cc, subject, body, mailbox, language, organisation, attachment, channel, queue, priority, request_type, or header = \"NAME\""),
        (["name": "r", "conditions": [["field": "subject", "startswith": "x"]]], "conditions[0].startswith",
         "rule 'r': unknown key 'startswith' in a condition: a condition has field or header, one operator of is, contains, matches, regex, and optionally not = true"),
        (["name": "r", "queu": "billing"], "queu",
         "rule 'r': unknown key 'queu': a rule has name, match, conditions and the actions queue, priority, request_type, assign, assign_skill, language, drop, stop"),
        (["name": "r", "priority": "critical"], "priority", "rule 'r': 'priority' must be low, normal, high, urgent"),
        (["name": "r", "match": "most"], "match", "rule 'r': 'match' must be \"all\" or \"any\""),
        (["name": "r", "stop": "yes"], "stop", "rule 'r': 'stop' must be true or false, not a string"),
        (["name": "r", "queue": 3], "queue", "rule 'r': 'queue' must be a string, not an integer"),
        (["name": "r", "queue": " "], "queue", "rule 'r': 'queue' must be a non-empty string"),
        (["name": "r", "conditions": ["subject"]], "conditions[0]",
         "rule 'r': 'conditions[0]' must be a table such as { field = \"subject\", contains = \"invoice\" }"),
        (["name": "r", "conditions": [["field": "subject", "contains": "x"]] as RuleValue, "assign": "a@b", "assign_skill": "s"], "assign_skill",
         "rule 'r': use only one of 'assign' and 'assign_skill'"),
        (["name": "r", "conditions": [["field": "subject", "header": "X-A", "is": "x"]]], "conditions[0].header",
         "rule 'r': use only one of 'field' and 'header'"),
        (["name": "r", "conditions": [["field": "subject", "is": "x", "contains": "y"]]], "conditions[0].contains",
         "rule 'r': use only one of 'is' and 'contains'"),
        (["name": "r", "conditions": [["is": "x"]]], "conditions[0]", "rule 'r': missing 'field or header'"),
        (["name": "r", "conditions": [["field": "subject"]]], "conditions[0]", "rule 'r': missing 'an operator: contains, is, matches, regex'"),
        (["name": "r", "conditions": [["field": "subject", "is": "x", "not": "yes"]]], "conditions[0].not", "rule 'r': 'not' must be true or false, not a string"),
        (["name": "r", "conditions": [["header": "X-A: b", "is": "x"]]], "conditions[0].header", "rule 'r': 'header' must be a header name such as \"X-Priority\""),
        (["queue": "billing"], "name", "rule #1: missing 'name'"),
        (["name": "r", "conditions": [["field": "subject", "is": "Számla"], ["field": "subject", "is": "faktura"]]], "conditions[1]",
         "rule 'r': can never match: subject is 'Számla' and subject is 'faktura' exclude each other; use match = \"any\" or remove one"),
        (["name": "r", "conditions": [["header": "X-A", "is": "1"], ["header": "x-a", "is": "1", "not": true]]], "conditions[1]",
         "rule 'r': can never match: header X-A is '1' and header x-a is not '1' exclude each other; use match = \"any\" or remove one"),
    ] as [(RuleValue, String, String)])
    func reportsWhatAndWhere(rule: RuleValue, keyPath: String, message: String) {
        let found = errors([rule])
        #expect(found.map(\.keyPath) == [keyPath])
        #expect(found.map(\.message) == [message])
        #expect(found.first?.ruleIndex == 0)
    }

    @Test func invalidRegexCarriesTheEnginesMessage() {
        let error = errors([["name": "r", "conditions": [["field": "body", "regex": "a{2,1}"]]]]).first
        guard case .invalidRegex(let pattern, let message, let offset) = error?.kind else {
            Issue.record("expected an invalid regex, got \(String(describing: error))")
            return
        }
        #expect(pattern == "a{2,1}")
        #expect(message == "numbers out of order in {} quantifier")
        #expect(offset == 5)
    }

    @Test func duplicateNamesPointAtTheSecondRule() {
        let found = errors([["name": "Invoices"], ["name": "Other"], ["name": "Invoices"]])
        #expect(found == [RuleCompileError(ruleIndex: 2, ruleName: "Invoices", keyPath: "name", kind: .duplicateName("Invoices", firstIndex: 0))])
        #expect(found.first?.message == "rule 'Invoices': the name 'Invoices' is already used by rule #1; rule names must be unique")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = errors([
            ["name": "a", "conditions": [["field": "nope", "is": "x"], ["field": "body", "regex": "("]]],
            ["name": "b", "priority": "asap"],
            ["name": "fine", "queue": "billing"],
        ])
        #expect(found.map(\.ruleIndex) == [0, 0, 1])
        #expect(found.map(\.keyPath) == ["conditions[0].field", "conditions[1].regex", "priority"])
    }

    @Test(arguments: [
        // Several addresses can be in To at once: both can be true.
        [["field": "to", "is": "a@x.example"], ["field": "to", "is": "b@x.example"]],
        [["header": "Received", "is": "a"], ["header": "Received", "is": "b"]],
        // The same value twice, or is with is-not of another value, is satisfiable.
        [["field": "subject", "is": "x"], ["field": "subject", "is": "X"]],
        [["field": "subject", "is": "x"], ["field": "subject", "is": "y", "not": true]],
    ] as [RuleValue])
    func satisfiableConditionsAreAccepted(conditions: RuleValue) {
        #expect(errors([["name": "r", "conditions": conditions]]).isEmpty)
    }

    @Test func contradictionsAreFineWhenAnyOneIsEnough() {
        #expect(errors([["name": "r", "match": "any", "conditions": [["field": "subject", "is": "a"], ["field": "subject", "is": "b"]]]]).isEmpty)
    }

    @Test func compiledActionsAreTypedForTheConfigChecks() throws {
        let rules = try RuleSet(compiling: [["name": "r", "queue": "billing", "request_type": "invoice", "assign": "Anna@Example.com"]])
        #expect(rules.rules.map(\.actions) == [RuleActions(queue: "billing", requestType: "invoice", assign: "anna@example.com")])
        #expect(rules.rules.map(\.name) == ["r"])
    }
}
