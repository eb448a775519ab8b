import JSONPath
import LintCore

/// Applies declarative rules to a document tree.
public enum RuleEvaluator {
    struct Target {
        var node: Node?
        var key: Node?
        var parent: JSONPathMatch
        var path: String
        var property: String?
    }

    /// Findings of `rule` on `document` (a file's parsed tree), at the rule's
    /// severity (`severity` overrides it, e.g. from a ruleset override).
    public static func evaluate(_ rule: DeclarativeRule, document: Node, file: String, severity: Severity? = nil) -> [Diagnostic] {
        guard let sev = severity ?? rule.severity else { return [] }
        var out: [Diagnostic] = []
        for query in rule.given {
            let matches = query.evaluate(document)
            for clause in rule.then {
                var targets: [Target] = []
                for m in matches {
                    if let field = clause.field {
                        if field == "@key" {
                            if let k = m.key { targets.append(Target(node: k, key: k, parent: m, path: m.path, property: k.scalarText)) }
                        } else if let fq = clause.fieldQuery {
                            for sub in fq.evaluate(m.node) {
                                targets.append(Target(node: sub.node, key: sub.key, parent: m, path: m.path + String(sub.path.dropFirst()), property: lastName(sub.normalizedPath) ?? lastName(m.normalizedPath)))
                            }
                        } else {
                            let entry = m.node.entry(field)
                            var p = ""
                            NormalizedPath.escape(field, into: &p)
                            targets.append(Target(node: entry?.value, key: entry?.key, parent: m, path: m.path + "['\(p)']", property: field))
                        }
                    } else {
                        targets.append(Target(node: m.node, key: m.key, parent: m, path: m.path, property: lastName(m.normalizedPath)))
                    }
                }
                let siblings = targets.compactMap(\.node)
                for t in targets {
                    let failures = RuleFunctions.run(clause.compiled, FunctionInput(target: t.node, key: t.key, document: document, siblings: siblings))
                    for f in failures {
                        // Scalars are reported at the value; collections and missing
                        // fields at their key, where an editor shows the member.
                        let collection = t.node.map { $0.scalar == nil } ?? false
                        let precise = f.range == t.node?.range ? nil : f.range
                        let range = precise ?? (collection ? t.key?.range : nil) ?? t.node?.range ?? t.parent.key?.range ?? t.parent.node.range
                        out.append(Diagnostic(rule: rule.id, severity: sev, message: message(rule, t, f), file: file, range: range, help: rule.help))
                    }
                }
            }
        }
        return out
    }

    static func lastName(_ p: NormalizedPath) -> String? {
        for e in p.elements.reversed() { if case .name(let n) = e { return n } }
        return nil
    }

    static func message(_ rule: DeclarativeRule, _ t: Target, _ f: FunctionFailure) -> String {
        guard let template = rule.message else { return "\(rule.description): \(f.message)" }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            out += rest[rest.startIndex..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstRange(of: "}}") else { out += rest[open.lowerBound...]; rest = ""; break }
            let name = after[after.startIndex..<close.lowerBound].trimmingCharacters(in: " ")
            switch name {
            case "value": out += t.node.map { $0.scalar?.kind == .string ? $0.scalarText ?? "" : $0.description } ?? "missing"
            case "path": out += t.path
            case "given": out += t.parent.path
            case "key": out += lastName(t.parent.normalizedPath) ?? t.parent.path
            case "property": out += t.property ?? ""
            case "error": out += f.message
            default: out += rest[open.lowerBound..<after.index(close.upperBound, offsetBy: 0)]
            }
            rest = after[close.upperBound...]
        }
        out += rest
        return out
    }

    /// Runs a rule's own examples: every invalid example must produce a
    /// finding and every valid one none. Returns the problems (empty: passed).
    public static func selfTest(_ rule: DeclarativeRule) -> [String] {
        var problems: [String] = []
        if rule.invalidExamples.isEmpty { problems.append("\(rule.id) has no invalid example: add examples.invalid so the rule proves it can fail") }
        if rule.validExamples.isEmpty { problems.append("\(rule.id) has no valid example: add examples.valid so the rule proves it passes good input") }
        for (i, ex) in rule.invalidExamples.enumerated() where evaluate(rule, document: ex, file: rule.origin, severity: .error).isEmpty {
            problems.append("\(rule.id): invalid example \(i + 1) (\(rule.origin):\(ex.range.start.line)) produced no finding")
        }
        for (i, ex) in rule.validExamples.enumerated() {
            let found = evaluate(rule, document: ex, file: rule.origin, severity: .error)
            if let first = found.first {
                problems.append("\(rule.id): valid example \(i + 1) (\(rule.origin):\(ex.range.start.line)) produced: \(first.message)")
            }
        }
        return problems
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var s = self
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
