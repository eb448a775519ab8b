import LintCore
import LintParsers

extension WorkflowWalker {
    /// Checks every `${{ }}` in the string scalars of `node` (depth-limited).
    mutating func checkExpressions(in node: Node, scope: ExprScope) {
        var stack: [(Node, Int)] = [(node, 0)]
        while let (n, depth) = stack.popLast() {
            switch n.value {
            case .scalar(let s):
                guard s.kind == .string, s.text.contains("${{") else { continue }
                let text = ScalarText(node: n, text: s.text, file: file)
                for e in text.embeddedExpressions() {
                    checkEmbedded(e, text: text, scope: scope)
                }
            case .sequence(let items):
                if depth < Self.maxValueDepth { stack.append(contentsOf: items.reversed().map { ($0, depth + 1) }) }
            case .mapping(let entries):
                if depth < Self.maxValueDepth {
                    for e in entries.reversed() {
                        stack.append((e.value, depth + 1))
                        stack.append((e.key, depth + 1))
                    }
                }
            }
        }
    }

    mutating func checkEmbedded(_ e: ScalarText.Embedded, text: ScalarText, scope: ExprScope) {
        guard e.closed else {
            report(WorkflowRules.expression, "`${{` is not closed by `}}`; close the expression.", byte: text.offset(at: e.open), length: 3)
            return
        }
        checkExpression(e.body, base: e.bodyStart, text: text, scope: scope)
    }

    /// Parses and checks one expression whose scalars start at index `base` of `text`.
    mutating func checkExpression(_ body: [Unicode.Scalar], base: Int, text: ScalarText, scope: ExprScope) {
        if body.count > 20_000 {
            report(WorkflowRules.expression, "The expression is too long to check (over 20,000 characters); split it.", byte: text.offset(at: base), length: 1)
            return
        }
        switch ExpressionParser.parse(body) {
        case .failure(let err):
            report(WorkflowRules.expression, "Invalid expression: \(err.message).", byte: text.offset(at: base + err.offset), length: 1)
        case .success(let expr):
            var checker = ExprSemantics(scope: scope)
            checker.walk(expr)
            for f in checker.findings {
                report(f.rule, f.message, byte: text.offset(at: base + f.offset), length: max(1, f.length))
            }
        }
    }

    /// Checks an `if:` condition: always-true conditions and the expression itself.
    mutating func checkCondition(_ node: Node, scope: ExprScope) {
        guard let s = node.stringValue else {
            if node.boolValue != nil || node.doubleValue != nil || node.isNull { return }
            report(WorkflowRules.syntax, "`if` must be a condition such as `github.ref == 'refs/heads/main'`, not \(describe(node)).", node)
            return
        }
        let text = ScalarText(node: node, text: s, file: file)
        if s.contains("${{") {
            let embedded = text.embeddedExpressions()
            // Trailing line breaks (from `|` block scalars) are not reported;
            // any other text around the expression is.
            var trimmed = Substring(s)
            while let last = trimmed.last, last == "\n" || last == "\r\n" || last == "\r" { trimmed = trimmed.dropLast() }
            let whole = trimmed.hasPrefix("${{") && trimmed.hasSuffix("}}") && embedded.count == 1 && embedded[0].closed
            if !whole {
                report(WorkflowRules.ifAlwaysTrue, "This condition is always true: text outside `${{ }}` turns the value into a non-empty string; write the whole condition inside one `${{ }}` or without `${{ }}`.", node)
            }
            for e in embedded { checkEmbedded(e, text: text, scope: scope) }
            return
        }
        checkExpression(text.scalars, base: 0, text: text, scope: scope)
    }
}

/// Semantic checks of one parsed expression.
struct ExprSemantics {
    struct Finding {
        var rule: RuleDescription
        var message: String
        var offset: Int
        var length: Int
    }

    let scope: ExprScope
    var findings: [Finding] = []
    static let maxDepth = 256

    init(scope: ExprScope) { self.scope = scope }

    mutating func add(_ rule: RuleDescription, _ message: String, at offset: Int, length: Int = 1) {
        findings.append(Finding(rule: rule, message: message, offset: offset, length: length))
    }

    /// A property access path rooted at a context: `github.event.issue.title`.
    struct Segment {
        var name: String  // lowercased; "*" for filters and computed indexes
        var offset: Int
    }

    /// The path of an access chain rooted at a variable, or nil.
    static func path(_ e: Expr) -> [Segment]? {
        var segs: [Segment] = []
        var cur = e
        var steps = 0
        while steps < 1_000 {
            steps += 1
            switch cur {
            case .variable(let name, let at):
                segs.append(Segment(name: name.lowercased(), offset: at))
                return segs.reversed()
            case .property(let base, let name, let at):
                segs.append(Segment(name: name.lowercased(), offset: at))
                cur = base
            case .index(let base, let idx, let at):
                if case .string(let s, _) = idx { segs.append(Segment(name: s.lowercased(), offset: at)) } else { segs.append(Segment(name: "*", offset: at)) }
                cur = base
            case .filter(let base, let at):
                segs.append(Segment(name: "*", offset: at))
                cur = base
            default:
                return nil
            }
        }
        return nil
    }

    mutating func walk(_ root: Expr) {
        var stack: [(Expr, Int)] = [(root, 0)]
        while let (e, depth) = stack.popLast() {
            if depth > Self.maxDepth { continue }
            switch e {
            case .null, .bool, .number, .string:
                break
            case .variable, .property, .index, .filter:
                if let p = Self.path(e) {
                    checkPath(p)
                    // Computed indexes inside the chain still need checking.
                    var cur = e
                    var guardCount = 0
                    while guardCount < 1_000 {
                        guardCount += 1
                        switch cur {
                        case .property(let b, _, _), .filter(let b, _): cur = b; continue
                        case .index(let b, let idx, _): stack.append((idx, depth + 1)); cur = b; continue
                        default: break
                        }
                        break
                    }
                } else {
                    switch e {
                    case .property(let b, _, _), .filter(let b, _): stack.append((b, depth + 1))
                    case .index(let b, let i, _): stack.append((b, depth + 1)); stack.append((i, depth + 1))
                    default: break
                    }
                }
            case .call(let name, let args, let at):
                checkCall(name, args, at: at)
                for a in args.reversed() { stack.append((a, depth + 1)) }
            case .not(let inner, _):
                stack.append((inner, depth + 1))
            case .binary(_, let l, let r, _):
                stack.append((r, depth + 1))
                stack.append((l, depth + 1))
            }
        }
    }

    mutating func checkPath(_ p: [Segment]) {
        guard let head = p.first else { return }
        let ctx = head.name
        guard WorkflowData.allContexts.contains(ctx) else {
            add(WorkflowRules.contextAvailability, "Unknown context `\(ctx)`; available here: \(scope.place.contexts.sorted().joined(separator: ", ")).\(didYouMean(ctx, WorkflowData.allContexts))", at: head.offset, length: ctx.count)
            return
        }
        if !scope.place.contexts.contains(ctx) {
            add(WorkflowRules.contextAvailability, "Context `\(ctx)` is not available in `\(scope.place.rawValue)`; available here: \(scope.place.contexts.sorted().joined(separator: ", ")).\(ctx == "secrets" ? " Pass the secret through `env:` of a step instead." : "")", at: head.offset, length: ctx.count)
            return
        }
        if p.count > 1 {
            let prop = p[1]
            if let known = WorkflowData.contextProperties[ctx], prop.name != "*", !known.contains(prop.name) {
                add(WorkflowRules.contextProperty, "`\(ctx)` has no property `\(prop.name)`.\(didYouMean(prop.name, known)) See the `\(ctx)` context in the GitHub documentation.", at: prop.offset, length: prop.name.count)
            }
            if ctx == "steps", let ids = scope.stepIDs, prop.name != "*", !ids.contains(prop.name) {
                add(WorkflowRules.contextProperty, "`steps.\(prop.name)` refers to no step of this job; give the step `id: \(prop.name)` or fix the id.\(didYouMean(prop.name, ids))", at: prop.offset, length: prop.name.count)
            }
            if ctx == "matrix", let keys = scope.matrixKeys, prop.name != "*", !keys.contains(prop.name) {
                let known = keys.isEmpty ? "this job has no matrix" : "the matrix has \(keys.sorted().map { "`\($0)`" }.joined(separator: ", "))"
                add(WorkflowRules.contextProperty, "`matrix.\(prop.name)` is not defined: \(known); add it to `strategy.matrix` or fix the name.\(didYouMean(prop.name, keys))", at: prop.offset, length: prop.name.count)
            }
            if ctx == "inputs", let inputs = scope.inputs, prop.name != "*", !inputs.contains(prop.name) {
                add(WorkflowRules.contextProperty, "`inputs.\(prop.name)` is not declared by `workflow_dispatch` or `workflow_call`; declare the input or fix the name.\(didYouMean(prop.name, inputs))", at: prop.offset, length: prop.name.count)
            }
            // needs.<job>.outputs.<name> and jobs.<job>.outputs.<name>
            if ctx == "needs" || ctx == "jobs", p.count > 3, p[2].name == "outputs", p[3].name != "*",
               let outs = scope.jobOutputs[prop.name], !outs.contains(p[3].name) {
                let list = outs.isEmpty ? "it declares no outputs" : "its outputs are \(outs.sorted().map { "`\($0)`" }.joined(separator: ", "))"
                add(WorkflowRules.contextProperty, "Job `\(prop.name)` has no output `\(p[3].name)` (\(list)); add it to the job's `outputs` or fix the name.\(didYouMean(p[3].name, outs))", at: p[3].offset, length: p[3].name.count)
            }
            if ctx == "jobs", let ids = scope.jobIDs, prop.name != "*", !ids.contains(prop.name) {
                add(WorkflowRules.contextProperty, "`jobs.\(prop.name)` refers to no job of this workflow; fix the job id.\(didYouMean(prop.name, ids))", at: prop.offset, length: prop.name.count)
            }
            if ctx == "needs", let needs = scope.needs, prop.name != "*", !needs.contains(prop.name) {
                add(WorkflowRules.contextProperty, "`needs.\(prop.name)` refers to a job that this job does not list in `needs`; add `\(prop.name)` to `needs` or fix the job id.\(didYouMean(prop.name, needs))", at: prop.offset, length: prop.name.count)
            }
        }
        if scope.isScript, ctx == "github" {
            let names = p.map(\.name)
            for pattern in WorkflowData.untrustedPaths where pattern.count == names.count {
                if zip(pattern, names).allSatisfy({ $0 == "*" || $0 == $1 || $1 == "*" }) {
                    let shown = pattern.joined(separator: ".")
                    add(WorkflowRules.scriptInjection, "`\(shown)` is untrusted input: an attacker controls it, and expanding it inside a script runs their code. Pass it through `env:` (e.g. `env: { VALUE: ${{ \(shown) }} }`) and use \"$VALUE\" in the script.", at: head.offset, length: ctx.count)
                    break
                }
            }
        }
    }

    mutating func checkCall(_ name: String, _ args: [Expr], at: Int) {
        let lower = name.lowercased()
        guard let f = WorkflowData.functions[lower] else {
            add(WorkflowRules.expression, "Unknown function `\(name)`; available functions are contains, startsWith, endsWith, format, join, toJSON, fromJSON, hashFiles, case, success, always, cancelled and failure.\(didYouMean(name, WorkflowData.functions.values.map(\.name)))", at: at, length: name.count)
            return
        }
        if args.count < f.min || (f.max.map { args.count > $0 } ?? false) {
            let expected: String
            if let max = f.max { expected = max == f.min ? "\(max)" : "\(f.min) to \(max)" } else { expected = "at least \(f.min)" }
            add(WorkflowRules.expression, "`\(f.name)` takes \(expected) argument\(expected == "1" ? "" : "s") but is called with \(args.count); fix the call.", at: at, length: name.count)
            return
        }
        let special: Set<String> = ["success", "always", "cancelled", "failure", "hashfiles"]
        if special.contains(lower), !scope.place.specialFunctions.contains(lower) {
            let where_ = lower == "hashfiles" ? "in steps" : "in `if` conditions"
            add(WorkflowRules.contextAvailability, "`\(f.name)()` is only available \(where_), not in `\(scope.place.rawValue)`; move the check or compute the value in a step.", at: at, length: name.count)
        }
        if lower == "format", case .string(let fmt, let fmtAt) = args[0] {
            switch Self.placeholders(fmt) {
            case .failure(let message):
                add(WorkflowRules.expression, "Invalid format string: \(message); escape literal braces as `{{` and `}}`.", at: fmtAt)
            case .success(let used):
                let given = args.count - 1
                if let bad = used.filter({ $0 >= given }).min() {
                    add(WorkflowRules.expression, "`format` uses placeholder `{\(bad)}` but only \(given) argument\(given == 1 ? " is" : "s are") given; add the argument or fix the placeholder.", at: fmtAt)
                } else if given > 0, let unused = (0..<given).first(where: { !used.contains($0) }) {
                    add(WorkflowRules.expression, "`format` is given \(given) argument\(given == 1 ? "" : "s") but its string never uses `{\(unused)}`; remove the argument or add the placeholder.", at: fmtAt)
                }
            }
        }
        if lower == "fromjson", case .string(let json, let jsonAt) = args[0] {
            let parsed = JSONParser.parse(SourceFile(path: "fromJSON", text: json))
            if parsed.node == nil || !parsed.diagnostics.isEmpty {
                let detail = parsed.diagnostics.first.map { ": \($0.message)" } ?? ""
                add(WorkflowRules.expression, "The argument of `fromJSON` is not valid JSON\(detail); fix the JSON text.", at: jsonAt)
            }
        }
    }

    /// The placeholder indexes used by a `format` string.
    static func placeholders(_ s: String) -> Result<Set<Int>, FormatError> {
        var used: Set<Int> = []
        let c = Array(s.unicodeScalars)
        var i = 0
        while i < c.count {
            if c[i] == "{" {
                if i + 1 < c.count, c[i + 1] == "{" { i += 2; continue }
                var j = i + 1
                var digits = ""
                while j < c.count, c[j] >= "0", c[j] <= "9", digits.count < 6 { digits.unicodeScalars.append(c[j]); j += 1 }
                guard !digits.isEmpty, j < c.count, c[j] == "}", let n = Int(digits) else {
                    return .failure(FormatError(message: "`{` at position \(i + 1) does not start a placeholder like `{0}`"))
                }
                used.insert(n)
                i = j + 1
            } else if c[i] == "}" {
                if i + 1 < c.count, c[i + 1] == "}" { i += 2; continue }
                return .failure(FormatError(message: "unmatched `}` at position \(i + 1)"))
            } else {
                i += 1
            }
        }
        return .success(used)
    }

    struct FormatError: Error { var message: String }
}
