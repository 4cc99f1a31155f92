import Foundation

/// Checks `[[rule]]` tables and compiles them, collecting every error with the rule and key it is at.
struct RuleCompiler {
    let limits: RuleLimits
    private(set) var errors: [RuleCompileError] = []
    private var headerSlots: [String: Int] = [:]

    init(limits: RuleLimits) {
        self.limits = limits
    }

    /// Slots `PreparedSubject` needs for the conditions compiled so far.
    var slotCount: Int { PreparedSubject.fieldSlots + headerSlots.count }

    /// The rules that compiled; `errors` lists the problems of the rest.
    mutating func compile(_ tables: [RuleValue]) -> [CompiledRule] {
        var rules: [CompiledRule] = []
        var firstIndexByName: [String: Int] = [:]
        for (index, value) in tables.enumerated() {
            var context = RuleContext(index: index, name: nil)
            guard case .table(let table) = value else {
                report(context, "", .invalidValue(key: "rule", expected: "a table ([[rule]])"))
                continue
            }
            let name = string(table, "name", context).map { $0.trimmingCharacters(in: .whitespaces) }
            if let name, !name.isEmpty {
                context.name = name
                if let first = firstIndexByName[name] {
                    report(context, "name", .duplicateName(name, firstIndex: first))
                } else {
                    firstIndexByName[name] = index
                }
            } else if table["name"] == nil || name?.isEmpty == true {
                report(context, "name", .missingKey("name"))
            }
            if let rule = compileRule(table, context) { rules.append(rule) }
        }
        return rules
    }

    private struct RuleContext {
        var index: Int
        var name: String?
    }

    private mutating func report(_ context: RuleContext, _ keyPath: String, _ kind: RuleCompileError.Kind) {
        errors.append(RuleCompileError(ruleIndex: context.index, ruleName: context.name, keyPath: keyPath, kind: kind))
    }

    private mutating func compileRule(_ table: [String: RuleValue], _ context: RuleContext) -> CompiledRule? {
        let errorsBefore = errors.count
        for key in table.keys.sorted() where !(["name", "match", "conditions"] + RuleActions.keys).contains(key) {
            report(context, key, .unknownAction(key))
        }
        var mode = RuleMatchMode.all
        if let word = string(table, "match", context) {
            if let parsed = RuleMatchMode(rawValue: word.lowercased()) {
                mode = parsed
            } else {
                report(context, "match", .invalidValue(key: "match", expected: "\"all\" or \"any\""))
            }
        }
        let conditions = compileConditions(table["conditions"], context)
        let actions = compileActions(table, context)
        if mode == .all { checkSatisfiable(conditions, context) }
        guard errors.count == errorsBefore, let name = context.name else { return nil }
        return CompiledRule(name: name, mode: mode, actions: actions, conditions: conditions.map(\.compiled))
    }

    // MARK: - Conditions

    /// A compiled condition with what the satisfiability check needs.
    private struct Parsed {
        var compiled: CompiledCondition
        var index: Int
        var operation: RuleOperator
        var folded: [UInt8]
    }

    private mutating func compileConditions(_ value: RuleValue?, _ context: RuleContext) -> [Parsed] {
        guard let value else { return [] }
        guard case .array(let items) = value else {
            report(context, "conditions", .invalidValue(key: "conditions", expected: "an array of tables, e.g. [{ field = \"subject\", contains = \"invoice\" }]"))
            return []
        }
        return items.enumerated().compactMap { index, item in compileCondition(item, index: index, context) }
    }

    private mutating func compileCondition(_ value: RuleValue, index: Int, _ context: RuleContext) -> Parsed? {
        let path = "conditions[\(index)]"
        guard case .table(let table) = value else {
            report(context, path, .invalidValue(key: path, expected: "a table such as { field = \"subject\", contains = \"invoice\" }"))
            return nil
        }
        let operatorKeys = Set(RuleOperator.allCases.map(\.rawValue))
        let unknown = table.keys.sorted().filter { !["field", "header", "not"].contains($0) && !operatorKeys.contains($0) }
        for key in unknown { report(context, "\(path).\(key)", .unknownOperator(key)) }
        let negated = bool(table, "not", context, path: path)
        // A misspelt key is the one mistake; what it leaves missing is not reported again.
        guard unknown.isEmpty || table["field"] != nil || table["header"] != nil else { return nil }
        guard let target = target(table, context, path: path) else { return nil }
        let operations = RuleOperator.allCases.filter { table[$0.rawValue] != nil }
        guard let operation = operations.first else {
            if unknown.isEmpty {
                report(context, path, .missingKey("an operator: \(operatorKeys.sorted().joined(separator: ", "))"))
            }
            return nil
        }
        guard operations.count == 1 else {
            report(context, "\(path).\(operations[1].rawValue)", .conflictingKeys(operations.map(\.rawValue)))
            return nil
        }
        let key = operation.rawValue
        guard case .string(let pattern) = table[key] else {
            report(context, "\(path).\(key)", .invalidValue(key: key, expected: "a string"))
            return nil
        }
        let folded = TextFolding.folded(pattern)
        let matcher: ValueMatcher
        switch operation {
        case .is: matcher = .equals(folded)
        case .contains: matcher = .contains(folded)
        case .matches: matcher = .glob(GlobPattern(folded: folded))
        case .regex:
            do {
                matcher = .regex(try RegexPattern(TextFolding.normalized(pattern), matchLimit: limits.regexMatchLimit, depthLimit: limits.regexDepthLimit))
            } catch {
                report(context, "\(path).regex", .invalidRegex(pattern: pattern, message: error.message, offset: error.offset))
                return nil
            }
        }
        let detail = "\(target) \(operation.verb(negated: negated ?? false)) '\(pattern)'"
        let compiled = CompiledCondition(target: target, slot: slot(of: target), matcher: matcher, negated: negated ?? false, detail: detail)
        return Parsed(compiled: compiled, index: index, operation: operation, folded: folded)
    }

    private mutating func target(_ table: [String: RuleValue], _ context: RuleContext, path: String) -> RuleTarget? {
        switch (table["field"], table["header"]) {
        case (nil, nil):
            report(context, path, .missingKey("field or header"))
            return nil
        case (.some, .some):
            report(context, "\(path).header", .conflictingKeys(["field", "header"]))
            return nil
        case (.some(let value), nil):
            guard case .string(let name) = value else {
                report(context, "\(path).field", .invalidValue(key: "field", expected: "a string"))
                return nil
            }
            guard let field = RuleField(rawValue: name.lowercased()) else {
                report(context, "\(path).field", .unknownField(name))
                return nil
            }
            return .field(field)
        case (nil, .some(let value)):
            guard case .string(let name) = value, !name.isEmpty, !name.contains(":"), !name.contains(" ") else {
                report(context, "\(path).header", .invalidValue(key: "header", expected: "a header name such as \"X-Priority\""))
                return nil
            }
            return .header(name)
        }
    }

    private mutating func slot(of target: RuleTarget) -> Int {
        switch target {
        case .field(let field):
            return PreparedSubject.slot(of: field)
        case .header(let name):
            let key = name.lowercased()
            if let slot = headerSlots[key] { return slot }
            let slot = PreparedSubject.fieldSlots + headerSlots.count
            headerSlots[key] = slot
            return slot
        }
    }

    /// In `all` mode: two `is` with different values on a field that has one value, or `is X` with
    /// `not is X` on any field, exclude each other.
    private mutating func checkSatisfiable(_ conditions: [Parsed], _ context: RuleContext) {
        let equalities = conditions.filter { $0.operation == .is }
        for (position, later) in equalities.enumerated() {
            for earlier in equalities[..<position] where earlier.compiled.slot == later.compiled.slot {
                let sameValue = earlier.folded == later.folded
                let contradiction: Bool
                if earlier.compiled.negated != later.compiled.negated {
                    contradiction = sameValue
                } else if case .field(let field) = later.compiled.target, field.isSingleValued, !later.compiled.negated {
                    contradiction = !sameValue
                } else {
                    contradiction = false
                }
                if contradiction {
                    report(context, "conditions[\(later.index)]", .neverMatches("\(earlier.compiled.detail) and \(later.compiled.detail) exclude each other; use match = \"any\" or remove one"))
                    return
                }
            }
        }
    }

    // MARK: - Actions

    private mutating func compileActions(_ table: [String: RuleValue], _ context: RuleContext) -> RuleActions {
        var actions = RuleActions()
        actions.queue = nonEmpty(table, "queue", context)
        if let word = string(table, "priority", context) {
            actions.priority = TicketPriority(rawValue: word.lowercased())
            if actions.priority == nil {
                report(context, "priority", .invalidValue(key: "priority", expected: TicketPriority.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        actions.requestType = nonEmpty(table, "request_type", context)
        actions.assign = nonEmpty(table, "assign", context)?.lowercased()
        actions.assignSkill = nonEmpty(table, "assign_skill", context)
        if actions.assign != nil, actions.assignSkill != nil {
            report(context, "assign_skill", .conflictingKeys(["assign", "assign_skill"]))
        }
        actions.language = nonEmpty(table, "language", context)?.lowercased()
        actions.drop = nonEmpty(table, "drop", context)
        actions.stop = bool(table, "stop", context, path: nil) ?? false
        return actions
    }

    // MARK: - Typed access

    private mutating func string(_ table: [String: RuleValue], _ key: String, _ context: RuleContext, path: String? = nil) -> String? {
        guard let value = table[key] else { return nil }
        guard case .string(let text) = value else {
            report(context, path.map { "\($0).\(key)" } ?? key, .invalidValue(key: key, expected: "a string, not \(value.kind)"))
            return nil
        }
        return text
    }

    private mutating func nonEmpty(_ table: [String: RuleValue], _ key: String, _ context: RuleContext) -> String? {
        guard let text = string(table, key, context) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { report(context, key, .invalidValue(key: key, expected: "a non-empty string")) }
        return trimmed.isEmpty ? nil : trimmed
    }

    private mutating func bool(_ table: [String: RuleValue], _ key: String, _ context: RuleContext, path: String?) -> Bool? {
        guard let value = table[key] else { return nil }
        guard case .bool(let flag) = value else {
            report(context, path.map { "\($0).\(key)" } ?? key, .invalidValue(key: key, expected: "true or false, not \(value.kind)"))
            return nil
        }
        return flag
    }
}
