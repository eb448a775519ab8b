import JSONPath
import LintCore
import LintParsers

/// A ruleset problem: the message and its position in the ruleset file.
public struct RuleLoadError: Error, Sendable {
    public var message: String
    public var range: SourceRange?
    public init(_ message: String, range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// Loads `rules/*.yaml` rulesets. Every problem is a positioned diagnostic
/// (`rules/invalid-ruleset`); a run with such problems must stop (exit 2).
public struct RulesetLoader: Sendable {
    public static let invalidRule = RuleDescription(
        id: "rules/invalid-ruleset", kind: CheckerKind("ruleset"), severity: .error,
        summary: "Reports a ruleset in `rules/` that cannot be loaded: bad YAML, unknown keys, an invalid JSONPath, an unknown function, bad options or a regex that does not compile.",
        rationale: "A broken policy rule would silently stop enforcing ClubOS policy; clubos-lint refuses to run (exit 2) until the ruleset is fixed.",
        help: "Fix the ruleset at the reported position; `clubos-lint query SELECTOR FILE` shows what a `given` selects, and docs/rulesets.md describes every key.",
        triggering: [RuleExample("rules:\n  - id: environment/x\n    description: d\n    rationale: r\n    given: \"$.production[↓\"\n    then: {function: truthy}\n", path: "rules/example.yaml")],
        nonTriggering: [RuleExample("rules:\n  - id: environment/x\n    description: d\n    rationale: r\n    given: \"$.production\"\n    then: {function: truthy}\n", path: "rules/example.yaml")])

    public var schemaCompiler: (any RuleSchemaCompiler)?
    public var customFunctions: [String: SwiftRuleFunction]

    public init(schemaCompiler: (any RuleSchemaCompiler)? = nil, customFunctions: [String: SwiftRuleFunction] = RuleFunctions.custom) {
        self.schemaCompiler = schemaCompiler
        self.customFunctions = customFunctions
    }

    /// Loads every `*.yaml`/`*.yml` file of the directories (sorted), following `extends`.
    public func loadDirectories(_ dirs: [(absolute: String, shown: String)]) -> (rulesets: [Ruleset], diagnostics: [Diagnostic]) {
        var sets: [Ruleset] = []
        var diags: [Diagnostic] = []
        for (abs, shown) in dirs {
            for name in listYAML(abs) {
                let (set, d) = load(path: abs + "/" + name, shown: shown + "/" + name)
                diags += d
                if let set { sets.append(set) }
            }
        }
        return (sets, diags)
    }

    func listYAML(_ dir: String) -> [String] {
        FileIO.listDirectory(dir).filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
    }

    public func load(path: String, shown: String, visiting: Set<String> = []) -> (Ruleset?, [Diagnostic]) {
        let bytes: [UInt8]
        do { bytes = try FileIO.readBytes(path) } catch {
            return (nil, [Self.invalidRule.diagnostic("\(error)", file: shown, range: .fileStart)])
        }
        return parse(SourceFile(path: shown, bytes: bytes), absolutePath: path, visiting: visiting.union([path]))
    }

    /// Parses one ruleset. Data files in `rules/` that are not rulesets (no
    /// `rules:` key, e.g. action runtime tables) return nil without errors.
    public func parse(_ file: SourceFile, absolutePath: String, visiting: Set<String> = []) -> (Ruleset?, [Diagnostic]) {
        let set = YAMLLoader.load(file)
        var diags = set.diagnostics
        if set.hasErrors { return (nil, diags) }
        guard let doc = set.documents.first, let entries = doc.entries else {
            if let doc = set.documents.first, !doc.isNull {
                diags.append(Self.invalidRule.diagnostic("a ruleset must be a mapping with rules:", file: file.path, range: doc.range))
            }
            return (nil, diags)
        }
        guard doc["rules"] != nil || doc["extends"] != nil else { return (nil, diags) }
        func bad(_ message: String, _ range: SourceRange) {
            diags.append(Self.invalidRule.diagnostic(message, file: file.path, range: range))
        }
        var ruleset = Ruleset(path: file.path, rules: [], overrides: [])
        let known = ["rules", "extends", "overrides", "description"]
        for e in entries where !known.contains(e.keyText) {
            bad("unknown ruleset key \"\(e.keyText)\"; expected one of \(known.joined(separator: ", "))", e.key.range)
        }
        // extends: other ruleset files, relative to this one.
        if let ext = doc["extends"] {
            let items = ext.items ?? [ext]
            for item in items {
                guard let rel = item.stringValue else { bad("extends entries must be file paths", item.range); continue }
                let dir = absolutePath.split(separator: "/").dropLast().joined(separator: "/")
                let target = rel.hasPrefix("/") ? rel : "/" + dir + "/" + rel
                if visiting.contains(target) { bad("extends \(rel) forms a cycle", item.range); continue }
                guard FileIO.exists(target) else { bad("extends \(rel): no such ruleset file", item.range); continue }
                let shownDir = file.path.split(separator: "/").dropLast().joined(separator: "/")
                let (base, d) = load(path: target, shown: shownDir.isEmpty ? rel : shownDir + "/" + rel, visiting: visiting.union([target]))
                diags += d
                if let base { ruleset.rules += base.rules; ruleset.overrides += base.overrides }
            }
        }
        if let rules = doc["rules"] {
            if let items = rules.items {
                for item in items {
                    if let r = parseRule(item, file: file, bad: bad) {
                        ruleset.rules.removeAll { $0.id == r.id }
                        ruleset.rules.append(r)
                    }
                }
            } else {
                bad("rules must be a list of rules (each with id, description, rationale, given, then)", rules.range)
            }
        }
        if let overrides = doc["overrides"] {
            for o in overrides.items ?? [] {
                guard let files = o["files"], let rs = o["rules"]?.entries else {
                    bad("an override needs files: [globs] and rules: {id: severity}", o.range)
                    continue
                }
                let globs = (files.items ?? [files]).compactMap(\.stringValue).map(Glob.init)
                var map: [String: Severity?] = [:]
                for r in rs {
                    let text = r.value.scalarText ?? ""
                    if text == "off" { map[r.keyText] = .some(nil) }
                    else if let s = Severity(rawValue: text) { map[r.keyText] = s }
                    else { bad("severity must be error, warning, info or off, found \(r.value.description)", r.value.range) }
                }
                ruleset.overrides.append(RulesetOverride(files: globs, rules: map))
            }
            if overrides.items == nil { bad("overrides must be a list of {files, rules}", overrides.range) }
        }
        return (ruleset, diags)
    }

    func parseRule(_ node: Node, file: SourceFile, bad: (String, SourceRange) -> Void) -> DeclarativeRule? {
        guard node.entries != nil else { bad("a rule must be a mapping", node.range); return nil }
        let known = ["id", "description", "rationale", "severity", "applies-to", "given", "then", "message", "help", "examples"]
        for e in node.entries! where !known.contains(e.keyText) {
            let guess = known.min { editDistance($0, e.keyText) < editDistance($1, e.keyText) }
            bad("unknown rule key \"\(e.keyText)\"" + (guess.map { editDistance($0, e.keyText) <= 3 ? "; did you mean \"\($0)\"?" : "" } ?? ""), e.key.range)
        }
        var ok = true
        func string(_ key: String, required: Bool) -> String? {
            guard let v = node[key] else {
                if required { bad("rule is missing \(key)", node.range); ok = false }
                return nil
            }
            guard let s = v.stringValue, !s.isEmpty else { bad("\(key) must be a non-empty string", v.range); ok = false; return nil }
            return s
        }
        let id = string("id", required: true) ?? ""
        if !id.isEmpty, !RuleDescription.isValidID(id) {
            bad("rule id \"\(id)\" must be domain/name in kebab-case", node["id"]!.range)
            ok = false
        }
        let description = string("description", required: true) ?? ""
        let rationale = string("rationale", required: true) ?? ""
        let message = string("message", required: false)
        let help = string("help", required: false)
        var severity: Severity? = .error
        if let s = node["severity"] {
            switch s.scalarText {
            case "off": severity = nil
            case let t?: if let v = Severity(rawValue: t) { severity = v } else { fallthrough }
            default: bad("severity must be error, warning, info or off, found \(s.description)", s.range); ok = false
            }
        }
        var applies = AppliesTo()
        if let a = node["applies-to"] {
            func addItem(_ item: Node) {
                guard let s = item.stringValue else { bad("applies-to entries must be strings", item.range); ok = false; return }
                if s.contains("/") || s.contains("*") || s.contains(".") { applies.paths.append(Glob(s)) }
                else { applies.kinds.append(CheckerKind(s)) }
            }
            if let entries = a.entries {
                for e in entries {
                    switch e.keyText {
                    case "kinds": for k in e.value.items ?? [e.value] {
                        if let s = k.stringValue { applies.kinds.append(CheckerKind(s)) } else { bad("kinds must be strings", k.range); ok = false }
                    }
                    case "paths": for p in e.value.items ?? [e.value] {
                        if let s = p.stringValue { applies.paths.append(Glob(s)) } else { bad("paths must be globs", p.range); ok = false }
                    }
                    default: bad("applies-to takes kinds and paths, not \"\(e.keyText)\"", e.key.range); ok = false
                    }
                }
            } else {
                for item in a.items ?? [a] { addItem(item) }
            }
        }
        var given: [JSONPathQuery] = []
        if let g = node["given"] {
            for item in g.items ?? [g] {
                guard let text = item.stringValue else { bad("given must be a JSONPath string or a list of them", item.range); ok = false; continue }
                do {
                    given.append(try JSONPathQuery.parse(text))
                } catch {
                    bad("invalid JSONPath: \(error.message) (at character \(error.position) of \(text))", scalarRange(item, file: file, offset: error.position))
                    ok = false
                }
            }
        } else {
            bad("rule is missing given (a JSONPath selecting what to check)", node.range)
            ok = false
        }
        var thens: [ThenClause] = []
        if let t = node["then"] {
            for item in t.items ?? [t] {
                if let c = parseThen(item, file: file, bad: bad) { thens.append(c) } else { ok = false }
            }
        } else {
            bad("rule is missing then (one or more {field?, function, options?})", node.range)
            ok = false
        }
        var valid: [Node] = [], invalid: [Node] = []
        if let ex = node["examples"] {
            for e in ex.entries ?? [] {
                switch e.keyText {
                case "valid": valid = e.value.items ?? []
                case "invalid": invalid = e.value.items ?? []
                default: bad("examples takes valid and invalid, not \"\(e.keyText)\"", e.key.range); ok = false
                }
            }
        }
        guard ok else { return nil }
        return DeclarativeRule(id: id, description: description, rationale: rationale, severity: severity, appliesTo: applies,
                               given: given, then: thens, message: message, help: help, validExamples: valid,
                               invalidExamples: invalid, origin: file.path, range: node.range)
    }

    /// The range of the character at 1-based `offset` inside a scalar (quoted scalars shift by one).
    func scalarRange(_ node: Node, file: SourceFile, offset: Int) -> SourceRange {
        let start = node.range.start
        let quoted = start.offset < file.bytes.count && (file.bytes[start.offset] == UInt8(ascii: "\"") || file.bytes[start.offset] == UInt8(ascii: "'"))
        let col = start.column + (quoted ? 1 : 0) + max(0, offset - 1)
        if node.range.start.line == node.range.end.line {
            let p = SourcePosition(line: start.line, column: min(col, max(start.column, node.range.end.column - 1)), offset: 0)
            return SourceRange(start: p, end: SourcePosition(line: p.line, column: p.column + 1, offset: 0))
        }
        return node.range
    }

    func parseThen(_ node: Node, file: SourceFile, bad: (String, SourceRange) -> Void) -> ThenClause? {
        guard let entries = node.entries else { bad("then must be {field?, function, options?}", node.range); return nil }
        for e in entries where !["field", "function", "functionOptions", "options"].contains(e.keyText) {
            bad("then takes field, function and options, not \"\(e.keyText)\"", e.key.range)
            return nil
        }
        guard let fnNode = node["function"], let fn = fnNode.stringValue else {
            bad("then is missing function (one of \(RuleFunctions.builtinNames.joined(separator: ", ")))", node.range)
            return nil
        }
        var field: String? = nil
        var fieldQuery: JSONPathQuery? = nil
        if let f = node["field"] {
            guard let s = f.stringValue else { bad("field must be a string", f.range); return nil }
            field = s
            if s.hasPrefix("$") {
                do { fieldQuery = try JSONPathQuery.parse(s) } catch {
                    bad("invalid JSONPath in field: \(error.message)", scalarRange(f, file: file, offset: error.position))
                    return nil
                }
            }
        }
        let options = node["options"] ?? node["functionOptions"]
        let optRange = options?.range ?? fnNode.range
        func fail(_ m: String, _ r: SourceRange? = nil) -> ThenClause? { bad(m, r ?? optRange); return nil }
        func number(_ key: String) -> Double?? {
            guard let v = options?[key] else { return .some(nil) }
            guard let d = v.doubleValue else { bad("\(fn) option \(key) must be a number", v.range); return nil }
            return .some(d)
        }
        let optionTable: [String: [String]] = [
            "truthy": [], "falsy": [], "defined": [], "undefined": [], "unique": [],
            "pattern": ["match", "notMatch"], "enumeration": ["values"], "length": ["min", "max"], "casing": ["type"],
            "xor": ["properties"], "alphabetical": ["keyedBy"], "compare": ["operator", "path", "value"], "schema": ["schema"],
        ]
        if let allowed = optionTable[fn] {
            if let entries = options?.entries {
                for e in entries where !allowed.contains(e.keyText) {
                    return fail("\(fn) does not take option \"\(e.keyText)\"" + (allowed.isEmpty ? "" : "; options: \(allowed.joined(separator: ", "))"), e.key.range)
                }
            } else if let options, !options.isNull {
                return fail("options must be a mapping", options.range)
            }
        }
        let compiled: CompiledFunction
        switch fn {
        case "truthy": compiled = .truthy
        case "falsy": compiled = .falsy
        case "defined": compiled = .defined
        case "undefined": compiled = .undefined
        case "unique": compiled = .unique
        case "pattern":
            func pat(_ key: String) -> RulePattern?? {
                guard let v = options?[key] else { return .some(nil) }
                guard let s = v.stringValue else { bad("pattern option \(key) must be a regex string", v.range); return nil }
                switch RulePattern.compile(s) {
                case .success(let p): return .some(p)
                case .failure(let e):
                    bad("regex does not compile: \(e.message) (at character \(e.position)); patterns use the linear-time I-Regexp syntax with \\d \\w \\s, ^ and $", scalarRange(v, file: file, offset: e.position))
                    return nil
                }
            }
            guard let m = pat("match"), let nm = pat("notMatch") else { return nil }
            if m == nil && nm == nil { return fail("pattern needs options match and/or notMatch") }
            compiled = .pattern(match: m, notMatch: nm)
        case "enumeration":
            guard let values = options?["values"]?.items, !values.isEmpty else { return fail("enumeration needs options values: [allowed values]") }
            compiled = .enumeration(values)
        case "length":
            guard let lo = number("min"), let hi = number("max") else { return nil }
            if lo == nil && hi == nil { return fail("length needs options min and/or max") }
            compiled = .length(min: lo, max: hi)
        case "casing":
            guard let t = options?["type"]?.stringValue, let c = CasingType(rawValue: t) else {
                return fail("casing needs options type: one of \(CasingType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            compiled = .casing(c)
        case "xor":
            guard let props = options?["properties"]?.items?.compactMap(\.stringValue), props.count >= 2 else {
                return fail("xor needs options properties: [at least two property names]")
            }
            compiled = .xor(props)
        case "alphabetical":
            compiled = .alphabetical(keyedBy: options?["keyedBy"]?.stringValue)
        case "compare":
            guard let opText = options?["operator"]?.stringValue, let op = CompareOperator(rawValue: opText) else {
                return fail("compare needs options operator: one of \(CompareOperator.allCases.map(\.rawValue).joined(separator: " "))")
            }
            var path: JSONPathQuery? = nil
            if let p = options?["path"] {
                guard let s = p.stringValue else { return fail("compare option path must be a JSONPath", p.range) }
                do { path = try JSONPathQuery.parse(s) } catch {
                    return fail("invalid JSONPath in compare path: \(error.message)", scalarRange(p, file: file, offset: error.position))
                }
                if path?.isSingular == false { return fail("compare path must be a singular query (names and indices only)", p.range) }
            }
            let value = options?["value"]
            if (path == nil) == (value == nil) { return fail("compare needs exactly one of options path or value") }
            compiled = .compare(op, path: path, value: value)
        case "schema":
            guard let schemaNode = options?["schema"] else { return fail("schema needs options schema: an inline schema or {$ref: file in schemas/}") }
            guard let compiler = schemaCompiler else { return fail("the schema function is not available in this build") }
            switch compiler.compile(schemaNode, rulesetPath: file.path) {
            case .success(let s): compiled = .schema(s)
            case .failure(let e): return fail("invalid schema: \(e.message)", e.range ?? schemaNode.range)
            }
        default:
            if let custom = customFunctions[fn] {
                if let problem = custom.validateOptions(options) { return fail(problem) }
                compiled = .custom(custom)
            } else {
                let names = RuleFunctions.builtinNames + customFunctions.keys.sorted()
                let guess = names.min { editDistance($0, fn) < editDistance($1, fn) }
                return fail("unknown function \"\(fn)\"" + (guess.map { editDistance($0, fn) <= 3 ? "; did you mean \"\($0)\"?" : "; known: \(names.joined(separator: ", "))" } ?? ""), fnNode.range)
            }
        }
        return ThenClause(field: field, fieldQuery: fieldQuery, function: fn, options: options, compiled: compiled, range: node.range)
    }
}
