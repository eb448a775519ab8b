import LintCore
import LintParsers

/// A compiled schema: compile once, validate many instances, from any number
/// of threads (the compiled program is immutable; each validation has its own
/// small state).
public struct CompiledSchema: Sendable {
    let program: Program
    /// The dialect of the root schema.
    public let draft: Draft

    init(program: Program, draft: Draft) {
        self.program = program
        self.draft = draft
    }

    /// True when the instance is valid. The fast path: no error details are built.
    public func isValid(_ instance: Node) -> Bool {
        var e = Evaluator(program: program, collecting: false)
        var ann = Annotations()
        return e.eval(program.root, instance, &ann, false)
    }

    /// All errors for an instance (empty when valid). Validation runs once
    /// without building details; only an invalid instance is re-walked to
    /// collect positioned errors.
    public func validate(_ instance: Node) -> [ValidationError] {
        if isValid(instance) { return [] }
        var e = Evaluator(program: program, collecting: true)
        var ann = Annotations()
        _ = e.eval(program.root, instance, &ann, false)
        if e.errors.isEmpty {
            return [ValidationError(instancePath: "", keywordLocation: "", absoluteKeywordLocation: nil, range: instance.range,
                                    message: "the value does not match the schema", schemaFile: program.nodes[program.root].file,
                                    schemaRange: program.nodes[program.root].range)]
        }
        return e.errors
    }
}

/// Which properties and items of the current instance were evaluated
/// (for `unevaluatedProperties` / `unevaluatedItems`), by entry index.
struct Annotations {
    var props: [Bool] = []
    var items: [Bool] = []

    mutating func markProp(_ i: Int, of n: Int) {
        if props.count < n { props = props + [Bool](repeating: false, count: n - props.count) }
        props[i] = true
    }

    mutating func markItem(_ i: Int, of n: Int) {
        if items.count < n { items = items + [Bool](repeating: false, count: n - items.count) }
        items[i] = true
    }

    func prop(_ i: Int) -> Bool { i < props.count && props[i] }
    func item(_ i: Int) -> Bool { i < items.count && items[i] }

    mutating func merge(_ o: Annotations) {
        if !o.props.isEmpty {
            if props.count < o.props.count { props = props + [Bool](repeating: false, count: o.props.count - props.count) }
            for (i, v) in o.props.enumerated() where v { props[i] = true }
        }
        if !o.items.isEmpty {
            if items.count < o.items.count { items = items + [Bool](repeating: false, count: o.items.count - items.count) }
            for (i, v) in o.items.enumerated() where v { items[i] = true }
        }
    }
}

struct Evaluator {
    let program: Program
    let nodes: [SNode]
    var collecting: Bool
    var errors: [ValidationError] = []
    var instPath: [String] = []
    var kwPath: [String] = []
    /// Schema resources entered, outermost first (the dynamic scope).
    var scope: [Int] = []
    var depth = 0
    let stackLimit = StackGuard.limit()
    /// Only dynamic references need the dynamic scope; skip tracking it otherwise.
    let usesScope: Bool

    static let maxDepth = 2_000
    static let maxErrors = 1_000

    init(program: Program, collecting: Bool) {
        self.program = program
        self.nodes = program.nodes
        self.collecting = collecting
        self.usesScope = !program.dynamicAnchors.isEmpty || !program.recursiveAnchors.isEmpty
    }

    // MARK: Schemas

    mutating func eval(_ si: Int, _ inst: Node, _ ann: inout Annotations, _ wantAnn: Bool) -> Bool {
        // The program (held strongly by `self`) keeps every node alive: skip refcounting on the hot path.
        unowned(unsafe) let s = nodes[si]
        if let b = s.boolValue {
            if !b && collecting {
                report(s, nil, inst, "no value is allowed here (the schema is `false`); remove this value")
            }
            return b
        }
        if depth >= Evaluator.maxDepth || StackGuard.exhausted(stackLimit) {
            if collecting {
                report(s, nil, inst, "validation nested \(depth) schemas deep (a `$ref` cycle or a very deep value) and was stopped; simplify the schema or the value")
            }
            return false
        }
        depth += 1
        let pushed = usesScope && scope.last != s.resource
        if pushed { scope.append(s.resource) }
        defer {
            depth -= 1
            if pushed { scope.removeLast() }
        }
        if s.hasUnevaluated {
            var local = Annotations()
            let ok = evalKeywords(s, inst, &local, true)
            if ok && wantAnn { ann.merge(local) }
            return ok
        }
        return evalKeywords(s, inst, &ann, wantAnn)
    }

    @inline(__always)
    private mutating func evalKeywords(_ s: SNode, _ inst: Node, _ ann: inout Annotations, _ need: Bool) -> Bool {
        var valid = true
        let keywords = s.keywords
        for i in keywords.indices {
            unowned(unsafe) let kw = keywords[i]
            if !keyword(kw, s, inst, &ann, need) {
                valid = false
                if !collecting { return false }
            }
        }
        return valid
    }

    /// Evaluates a subschema with extra keyword-path and instance-path tokens.
    private mutating func sub(_ si: Int, _ inst: Node, _ k1: String, _ k2: String?, inst token: String?, _ ann: inout Annotations, _ want: Bool) -> Bool {
        if collecting {
            kwPath.append(k1)
            if let k2 { kwPath.append(k2) }
            if let token { instPath.append(token) }
        }
        let ok = eval(si, inst, &ann, want)
        if collecting {
            kwPath.removeLast(k2 == nil ? 1 : 2)
            if token != nil { instPath.removeLast() }
        }
        return ok
    }

    /// Evaluates quietly (no error collection), e.g. for `not`, `if`, `contains` and combinator probes.
    private mutating func quiet(_ si: Int, _ inst: Node, _ ann: inout Annotations, _ want: Bool) -> Bool {
        let was = collecting
        collecting = false
        defer { collecting = was }
        return eval(si, inst, &ann, want)
    }

    // MARK: Keywords

    private mutating func keyword(_ kw: Keyword, _ s: SNode, _ inst: Node, _ ann: inout Annotations, _ need: Bool) -> Bool {
        switch kw.op {
        case .type(let set):
            if Evaluator.typeMatches(set, inst) { return true }
            if collecting {
                let found = inst.jsonTypeName
                report(s, kw, inst, "expected \(set.names.joined(separator: " or ")), found \(found)\(found == "number" && set.contains(.integer) ? " " + short(inst) : "")")
            }
            return false

        case .const(let c):
            if JSONValue.equal(inst, c) { return true }
            if collecting { report(s, kw, inst, "expected \(short(c)), found \(short(inst))") }
            return false

        case .enumeration(let values, let strings):
            if let strings {
                if case .scalar(let sc) = inst.value, sc.kind == .string || sc.kind == .dynamic, strings.lookup(sc.text) != nil { return true }
            } else if values.contains(where: { JSONValue.equal(inst, $0) }) {
                return true
            }
            if collecting {
                let shown = values.prefix(12).map { short($0) }.joined(separator: ", ") + (values.count > 12 ? ", …" : "")
                report(s, kw, inst, "expected one of \(shown), found \(short(inst))")
            }
            return false

        case .multipleOf(let d):
            guard let n = number(inst) else { return true }
            if n.isMultiple(of: d) { return true }
            if collecting { report(s, kw, inst, "expected a multiple of \(d), found \(short(inst))") }
            return false

        case .maximum(let d, let exclusive, let fast):
            guard let c = compareNumber(inst, d, fast) else { return true }
            if c < 0 || (c == 0 && !exclusive) { return true }
            if collecting { report(s, kw, inst, "expected number \(exclusive ? "<" : "≤") \(d), found \(short(inst))") }
            return false

        case .minimum(let d, let exclusive, let fast):
            guard let c = compareNumber(inst, d, fast) else { return true }
            if c > 0 || (c == 0 && !exclusive) { return true }
            if collecting { report(s, kw, inst, "expected number \(exclusive ? ">" : "≥") \(d), found \(short(inst))") }
            return false

        case .maxLength(let m):
            guard let str = string(inst) else { return true }
            if str.utf8.count <= m { return true }
            let len = str.unicodeScalars.count
            if len <= m { return true }
            if collecting { report(s, kw, inst, "expected at most \(m) characters, found \(len)") }
            return false

        case .minLength(let m):
            guard let str = string(inst) else { return true }
            let len = str.unicodeScalars.count
            if len >= m { return true }
            if collecting { report(s, kw, inst, "expected at least \(m) characters, found \(len)") }
            return false

        case .pattern(let re):
            guard let str = string(inst) else { return true }
            if re.matches(str) { return true }
            if collecting { report(s, kw, inst, "expected a string matching /\(re.pattern)/, found \(short(inst))") }
            return false

        case .format(let kind, let name):
            guard let str = string(inst) else { return true }
            if kind.check(str) { return true }
            if collecting { report(s, kw, inst, "expected a valid \(name) (format), found \(short(inst))") }
            return false

        case .content(let base64, let json):
            guard let str = string(inst) else { return true }
            var bytes = Array(str.utf8)
            if base64 {
                guard let decoded = Content.base64Decode(str) else {
                    if collecting { report(s, kw, inst, "expected base64-encoded content (contentEncoding), found \(short(inst))") }
                    return false
                }
                bytes = decoded
            }
            if json && JSONParser.parse(SourceFile(path: "", bytes: bytes)).node == nil {
                if collecting { report(s, kw, inst, "expected a JSON document (contentMediaType: application/json), found \(short(inst))") }
                return false
            }
            return true

        case .maxItems(let m):
            guard let items = inst.items else { return true }
            if items.count <= m { return true }
            if collecting { report(s, kw, inst, "expected at most \(m) items, found \(items.count)") }
            return false

        case .minItems(let m):
            guard let items = inst.items else { return true }
            if items.count >= m { return true }
            if collecting { report(s, kw, inst, "expected at least \(m) items, found \(items.count)") }
            return false

        case .uniqueItems:
            guard let items = inst.items else { return true }
            guard let (a, b) = JSONValue.firstDuplicate(items) else { return true }
            if collecting { report(s, kw, inst, "expected unique items, found \(short(items[b])) at indexes \(a) and \(b)") }
            return false

        case .prefixItems(let subs):
            guard let items = inst.items else { return true }
            var ok = true
            for (i, si) in subs.enumerated() where i < items.count {
                if !sub(si, items[i], kw.name, String(i), inst: String(i), &ann, false) {
                    ok = false
                    if !collecting { return false }
                }
                if need { ann.markItem(i, of: items.count) }
            }
            return ok

        case .items(let si, let from):
            guard let items = inst.items, items.count > from else { return true }
            var ok = true
            let isFalse = nodes[si].boolValue == false
            for i in from..<items.count {
                if isFalse {
                    ok = false
                    if !collecting { return false }
                    if collecting {
                        report(s, kw, items[i], "item \(i) is not allowed (\(kw.name): false\(from > 0 ? " after \(from) items" : "")); remove it", instToken: String(i))
                    }
                    continue
                }
                if !sub(si, items[i], kw.name, nil, inst: String(i), &ann, false) {
                    ok = false
                    if !collecting { return false }
                }
                if need { ann.markItem(i, of: items.count) }
            }
            return ok

        case .contains(let si, let minC, let maxC, let annotates):
            guard let items = inst.items else { return true }
            var count = 0
            for (i, item) in items.enumerated() {
                var a = Annotations()
                if quiet(si, item, &a, false) {
                    count += 1
                    if need && annotates { ann.markItem(i, of: items.count) }
                    if maxC == nil && count >= minC && !(need && annotates) { break }
                }
            }
            if count >= minC && (maxC.map { count <= $0 } ?? true) { return true }
            if collecting {
                if count < minC {
                    report(s, kw, inst, "expected at least \(minC) item\(minC == 1 ? "" : "s") matching the `contains` schema, found \(count)")
                } else {
                    report(s, kw, inst, "expected at most \(maxC ?? 0) items matching the `contains` schema (maxContains), found \(count)")
                }
            }
            return false

        case .maxProperties(let m):
            guard let entries = inst.entries else { return true }
            if entries.count <= m { return true }
            if collecting { report(s, kw, inst, "expected at most \(m) properties, found \(entries.count)") }
            return false

        case .minProperties(let m):
            guard let entries = inst.entries else { return true }
            if entries.count >= m { return true }
            if collecting { report(s, kw, inst, "expected at least \(m) properties, found \(entries.count)") }
            return false

        case .required(let names, let index):
            guard case .mapping(let entries) = inst.value else { return true }
            if names.count <= 64 {
                // One pass over the object: mark each required name seen.
                var seen: UInt64 = 0
                for i in entries.indices {
                    guard case .scalar(let k) = entries[i].key.value, let slot = index.lookup(k.text) else { continue }
                    seen |= 1 << UInt64(slot)
                }
                let all: UInt64 = names.count == 64 ? ~0 : (1 << UInt64(names.count)) - 1
                if seen == all { return true }
                if !collecting { return false }
                for (i, name) in names.enumerated() where seen & (1 << UInt64(i)) == 0 {
                    report(s, kw, inst, "missing required property \"\(name)\"; add it")
                }
                return false
            }
            var ok = true
            for name in names where !Evaluator.has(entries, name) {
                ok = false
                if !collecting { return false }
                report(s, kw, inst, "missing required property \"\(name)\"; add it")
            }
            return ok

        case .properties(let table, let subs):
            guard case .mapping(let entries) = inst.value else { return true }
            var ok = true
            for i in entries.indices {
                guard case .scalar(let k) = entries[i].key.value, let slot = table.lookup(k.text) else { continue }
                let si = subs[slot]
                if !sub(si, entries[i].value, kw.name, k.text, inst: k.text, &ann, false) {
                    ok = false
                    if !collecting { return false }
                }
                if need { ann.markProp(i, of: entries.count) }
            }
            return ok

        case .objectShape(let o):
            guard case .mapping(let entries) = inst.value else { return true }
            // Members are read in place from the (immutable) array: no per-member copies.
            return objectShape(o, s, inst, entries, &ann, need)

        case .patternProperties(let list):
            guard let entries = inst.entries else { return true }
            var ok = true
            for (i, e) in entries.enumerated() {
                let key = e.keyText
                for (re, si) in list where re.matches(key) {
                    if !sub(si, e.value, kw.name, re.pattern, inst: key, &ann, false) {
                        ok = false
                        if !collecting { return false }
                    }
                    if need { ann.markProp(i, of: entries.count) }
                }
            }
            return ok

        case .additionalProperties(let si, let known, let patterns):
            guard case .mapping(let entries) = inst.value else { return true }
            var ok = true
            let isFalse = nodes[si].boolValue == false
            for i in entries.indices {
                let key: String
                if case .scalar(let k) = entries[i].key.value { key = k.text } else { key = entries[i].keyText }
                if known.lookup(key) != nil { continue }
                if !patterns.isEmpty && patterns.contains(where: { $0.matches(key) }) { continue }
                if isFalse {
                    ok = false
                    if !collecting { return false }
                    report(s, kw, entries[i].key, "property \"\(key)\" is not allowed (additionalProperties: false); remove it or fix its name", instToken: key)
                    continue
                }
                if !sub(si, entries[i].value, kw.name, nil, inst: key, &ann, false) {
                    ok = false
                    if !collecting { return false }
                }
                if need { ann.markProp(i, of: entries.count) }
            }
            return ok

        case .propertyNames(let si):
            guard let entries = inst.entries else { return true }
            var ok = true
            for e in entries {
                var a = Annotations()
                if !sub(si, e.key, kw.name, nil, inst: e.keyText, &a, false) {
                    ok = false
                    if !collecting { return false }
                }
            }
            return ok

        case .dependentRequired(let deps):
            guard let entries = inst.entries else { return true }
            var ok = true
            for (name, required) in deps where Evaluator.has(entries, name) {
                for r in required where !Evaluator.has(entries, r) {
                    ok = false
                    if !collecting { return false }
                    report(s, kw, inst, "property \"\(name)\" requires property \"\(r)\"; add \"\(r)\" or remove \"\(name)\"")
                }
            }
            return ok

        case .dependentSchemas(let deps):
            guard let entries = inst.entries else { return true }
            var ok = true
            for (name, si) in deps where Evaluator.has(entries, name) {
                if !sub(si, inst, kw.name, name, inst: nil, &ann, need) {
                    ok = false
                    if !collecting { return false }
                }
            }
            return ok

        case .allOf(let subs):
            var ok = true
            for (i, si) in subs.enumerated() {
                if !sub(si, inst, kw.name, String(i), inst: nil, &ann, need) {
                    ok = false
                    if !collecting { return false }
                }
            }
            return ok

        case .anyOf(let subs):
            var any = false
            for si in subs {
                var a = Annotations()
                if quiet(si, inst, &a, need) {
                    any = true
                    if need { ann.merge(a) } else { break }
                }
            }
            if any { return true }
            if collecting { reportBestBranch(s, subs, kw, inst) }
            return false

        case .oneOf(let subs):
            var matched: [Int] = []
            var matchedAnn = Annotations()
            for (i, si) in subs.enumerated() {
                var a = Annotations()
                if quiet(si, inst, &a, need) {
                    matched.append(i)
                    if matched.count == 1 { matchedAnn = a }
                    if matched.count > 1 && !collecting { return false }
                }
            }
            if matched.count == 1 {
                if need { ann.merge(matchedAnn) }
                return true
            }
            if collecting {
                if matched.isEmpty {
                    reportBestBranch(s, subs, kw, inst)
                } else {
                    report(s, kw, inst, "expected exactly one `oneOf` branch to match, found \(matched.count) (branches \(matched.map(String.init).joined(separator: ", "))); make the branches mutually exclusive")
                }
            }
            return false

        case .not(let si):
            var a = Annotations()
            if !quiet(si, inst, &a, false) { return true }
            if collecting { report(s, kw, inst, "expected the value not to match the `not` schema, found \(short(inst))") }
            return false

        case .ifThenElse(let ifS, let thenS, let elseS):
            var a = Annotations()
            if quiet(ifS, inst, &a, need) {
                if need { ann.merge(a) }
                guard let t = thenS else { return true }
                return sub(t, inst, "then", nil, inst: nil, &ann, need)
            }
            guard let e = elseS else { return true }
            return sub(e, inst, "else", nil, inst: nil, &ann, need)

        case .ref(let t):
            return sub(t, inst, kw.name, nil, inst: nil, &ann, need)

        case .dynamicRef(let t, let anchor):
            var target = t
            if let name = anchor, let table = program.dynamicAnchors[name] {
                for r in scope {
                    if let n = table[r] { target = n; break }
                }
            }
            return sub(target, inst, kw.name, nil, inst: nil, &ann, need)

        case .recursiveRef(let t):
            var target = t
            if program.recursiveAnchors[nodes[t].resource] == t {
                for r in scope.reversed() {
                    guard let n = program.recursiveAnchors[r] else { break }
                    target = n
                }
            }
            return sub(target, inst, kw.name, nil, inst: nil, &ann, need)

        case .unevaluatedProperties(let si):
            guard let entries = inst.entries else { return true }
            var ok = true
            let isFalse = nodes[si].boolValue == false
            for (i, e) in entries.enumerated() where !ann.prop(i) {
                let key = e.keyText
                if isFalse {
                    ok = false
                    if !collecting { return false }
                    report(s, kw, e.key, "property \"\(key)\" is not allowed (unevaluatedProperties: false); remove it or fix its name", instToken: key)
                    continue
                }
                var a = Annotations()
                if !sub(si, e.value, kw.name, nil, inst: key, &a, false) {
                    ok = false
                    if !collecting { return false }
                }
            }
            if ok && need { for i in 0..<entries.count { ann.markProp(i, of: entries.count) } }
            return ok

        case .unevaluatedItems(let si):
            guard let items = inst.items else { return true }
            var ok = true
            let isFalse = nodes[si].boolValue == false
            for (i, item) in items.enumerated() where !ann.item(i) {
                if isFalse {
                    ok = false
                    if !collecting { return false }
                    report(s, kw, item, "item \(i) is not allowed (unevaluatedItems: false); remove it", instToken: String(i))
                    continue
                }
                var a = Annotations()
                if !sub(si, item, kw.name, nil, inst: String(i), &a, false) {
                    ok = false
                    if !collecting { return false }
                }
            }
            if ok && need { for i in 0..<items.count { ann.markItem(i, of: items.count) } }
            return ok

        case .broken(let why):
            if collecting { report(s, kw, inst, "the schema is broken here: \(why); fix the schema") }
            return false
        }
    }

    private mutating func objectShape(_ o: ObjectShape, _ s: SNode, _ inst: Node, _ entries: [MappingEntry],
                                      _ ann: inout Annotations, _ need: Bool) -> Bool {
        var ok = true
        var seen: UInt64 = 0
        let additionalIsFalse = o.additional.map { nodes[$0].boolValue == false } ?? false
        for i in 0..<entries.count {
            let key: String
            if case .scalar(let k) = entries[i].key.value { key = k.text } else { key = entries[i].keyText }
            if let slot = o.table.lookup(key) {
                seen |= 1 << UInt64(slot)
                let si = o.subs[slot]
                if nodes[si].boolValue != true, !sub(si, entries[i].value, "properties", key, inst: key, &ann, false) {
                    ok = false
                    if !collecting { return false }
                }
                if need { ann.markProp(i, of: entries.count) }
            } else if let a = o.additional {
                if additionalIsFalse {
                    ok = false
                    if !collecting { return false }
                    if let akw = o.additionalKeyword {
                        report(s, akw, entries[i].key, "property \"\(key)\" is not allowed (additionalProperties: false); remove it or fix its name", instToken: key)
                    }
                    continue
                }
                if !sub(a, entries[i].value, "additionalProperties", nil, inst: key, &ann, false) {
                    ok = false
                    if !collecting { return false }
                }
                if need { ann.markProp(i, of: entries.count) }
            }
        }
        if let rkw = o.requiredKeyword, seen & o.requiredMask != o.requiredMask || o.hasRequiredOutsideProperties {
            for (name, slot) in o.required {
                let present: Bool
                if let slot {
                    present = seen & (1 << UInt64(slot)) != 0
                } else {
                    present = (0..<entries.count).contains { i in
                        if case .scalar(let k) = entries[i].key.value { return NameTable.equal(k.text, name) }
                        return false
                    }
                }
                if present { continue }
                ok = false
                if !collecting { return false }
                report(s, rkw, inst, "missing required property \"\(name)\"; add it")
            }
        }
        return ok
    }

    // MARK: Helpers

    static func has(_ entries: [MappingEntry], _ name: String) -> Bool {
        for i in entries.indices {
            if case .scalar(let k) = entries[i].key.value, k.text == name { return true }
        }
        return false
    }

    static func typeMatches(_ set: TypeSet, _ inst: Node) -> Bool {
        switch inst.value {
        case .mapping: return set.contains(.object)
        case .sequence: return set.contains(.array)
        case .scalar(let sc):
            switch sc.kind {
            case .string, .dynamic: return set.contains(.string)
            case .bool: return set.contains(.boolean)
            case .null: return set.contains(.null)
            case .number:
                if set.contains(.number) { return true }
                guard set.contains(.integer) else { return false }
                if !sc.text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "o") }) {
                    return !sc.text.isEmpty
                }
                return ExactDecimal(sc.text)?.isInteger ?? false
            }
        }
    }

    /// Compares a numeric instance with a schema bound: through Double when
    /// that is exact (both ≤ 15 significant digits), else with exact decimals.
    private func compareNumber(_ inst: Node, _ bound: ExactDecimal, _ fast: Double?) -> Int? {
        guard let sc = inst.scalar, sc.kind == .number else { return nil }
        if let b = fast, let x = ExactDecimal.fastDouble(sc.text) {
            return x < b ? -1 : (x > b ? 1 : 0)
        }
        guard let n = ExactDecimal(sc.text) else { return nil }
        return ExactDecimal.compare(n, bound)
    }

    private func number(_ inst: Node) -> ExactDecimal? {
        guard let sc = inst.scalar, sc.kind == .number else { return nil }
        return ExactDecimal(sc.text)
    }

    private func string(_ inst: Node) -> String? {
        guard let sc = inst.scalar, sc.kind == .string || sc.kind == .dynamic else { return nil }
        return sc.text
    }

    /// A compact JSON rendering for messages, cut at about 80 characters.
    func short(_ n: Node) -> String {
        var out = ""
        Evaluator.render(n, into: &out, budget: 80, depth: 0)
        if out.unicodeScalars.count <= 80 { return out }
        return String(String.UnicodeScalarView(out.unicodeScalars.prefix(77))) + "…"
    }

    static func render(_ n: Node, into out: inout String, budget: Int, depth: Int) {
        if out.utf8.count > budget || depth > 16 { out += "…"; return }
        switch n.value {
        case .scalar(let s):
            switch s.kind {
            case .string, .dynamic: out += Node.jsonEscape(s.text.count > budget ? String(s.text.prefix(budget)) : s.text)
            case .number, .bool, .null: out += s.text
            }
        case .sequence(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if out.utf8.count > budget { out += "…"; break }
                render(item, into: &out, budget: budget, depth: depth + 1)
            }
            out += "]"
        case .mapping(let entries):
            out += "{"
            for (i, e) in entries.enumerated() {
                if i > 0 { out += "," }
                if out.utf8.count > budget { out += "…"; break }
                out += Node.jsonEscape(e.keyText) + ":"
                render(e.value, into: &out, budget: budget, depth: depth + 1)
            }
            out += "}"
        }
    }

    private mutating func report(_ s: SNode, _ kw: Keyword?, _ inst: Node, _ message: String, instToken: String? = nil) {
        guard errors.count < Evaluator.maxErrors else { return }
        var ip = JSONPointer.join(instPath)
        if let t = instToken { ip += "/" + JSONPointer.escape(t) }
        var kl = JSONPointer.join(kwPath)
        var abs = s.absoluteLocation
        if let kw {
            kl += "/" + JSONPointer.escape(kw.name)
            abs = abs.map { ($0.hasSuffix("#") ? $0 : $0) + "/" + JSONPointer.escape(kw.name) }
        }
        errors.append(ValidationError(instancePath: ip, keywordLocation: kl, absoluteKeywordLocation: abs, range: inst.range,
                                      message: message, schemaFile: s.file, schemaRange: kw?.range ?? s.range))
    }

    /// For a failed `anyOf`/`oneOf`: report the errors of the branch that got
    /// furthest into the instance (deepest errors, then fewest errors).
    private mutating func reportBestBranch(_ s: SNode, _ subs: [Int], _ kw: Keyword, _ inst: Node) {
        var best: [ValidationError] = []
        var bestKey = (depth: -1, count: Int.max)
        // When every branch only fails its own `type`, one message lists the accepted types.
        var typesOnly = subs.count > 1
        var types: TypeSet = []
        let here = JSONPointer.join(instPath)
        for (i, si) in subs.enumerated() {
            let mark = errors.count
            var a = Annotations()
            _ = sub(si, inst, kw.name, String(i), inst: nil, &a, false)
            let errs = Array(errors[mark...])
            errors.removeSubrange(mark...)
            if typesOnly {
                if errs.count == 1, errs[0].instancePath == here, errs[0].keywordLocation.hasSuffix("/type"),
                   let t = nodes[si].keywords.lazy.compactMap({ if case .type(let t) = $0.op { t } else { nil } }).first {
                    types.formUnion(t)
                } else {
                    typesOnly = false
                }
            }
            let d = errs.map { $0.instancePath.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }.max() ?? 0
            if d > bestKey.depth || (d == bestKey.depth && errs.count < bestKey.count) {
                bestKey = (d, errs.count)
                best = errs
            }
        }
        if typesOnly && !types.isEmpty {
            report(s, kw, inst, "expected \(types.names.joined(separator: " or ")), found \(inst.jsonTypeName) (no `\(kw.name)` branch matched)")
            return
        }
        errors += best
    }
}

/// JSON value semantics over `Node`s: numbers compare exactly (1 == 1.0),
/// object key order is irrelevant.
enum JSONValue {
    static func equal(_ a: Node, _ b: Node, depth: Int = 0) -> Bool {
        guard depth < 512, !StackGuard.exhausted(StackGuard.limit()) else { return false }
        switch (a.value, b.value) {
        case (.scalar(let x), .scalar(let y)):
            switch (x.kind, y.kind) {
            case (.number, .number):
                if x.text == y.text { return true }
                guard let dx = ExactDecimal(x.text), let dy = ExactDecimal(y.text) else { return false }
                return ExactDecimal.compare(dx, dy) == 0
            case (.string, .string), (.dynamic, .dynamic), (.string, .dynamic), (.dynamic, .string):
                // Code-point equality, not Swift's canonical equivalence.
                return NameTable.equal(x.text, y.text)
            case (.bool, .bool), (.null, .null):
                return x.text == y.text
            default:
                return false
            }
        case (.sequence(let x), .sequence(let y)):
            guard x.count == y.count else { return false }
            for i in 0..<x.count where !equal(x[i], y[i], depth: depth + 1) { return false }
            return true
        case (.mapping(let x), .mapping(let y)):
            guard x.count == y.count else { return false }
            for e in x {
                guard let other = y.first(where: { NameTable.equal($0.keyText, e.keyText) }), equal(e.value, other.value, depth: depth + 1) else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// A canonical key: equal values (in the JSON sense) have equal keys.
    static func canonical(_ n: Node, into out: inout String, depth: Int = 0) {
        guard depth < 512, !StackGuard.exhausted(StackGuard.limit()) else { out += "…"; return }
        switch n.value {
        case .scalar(let s):
            switch s.kind {
            case .number: out += "n" + (ExactDecimal(s.text).map { "\($0.negative)|\($0.digits)|\($0.exponent)" } ?? s.text)
            case .string, .dynamic: out += scalarKey(s.text)
            case .bool, .null: out += s.text
            }
        case .sequence(let items):
            out += "["
            for i in items { canonical(i, into: &out, depth: depth + 1); out += "," }
            out += "]"
        case .mapping(let entries):
            out += "{"
            for e in entries.sorted(by: { $0.keyText.utf8.lexicographicallyPrecedes($1.keyText.utf8) }) {
                out += scalarKey(e.keyText) + ":"
                canonical(e.value, into: &out, depth: depth + 1)
                out += ","
            }
            out += "}"
        }
    }

    /// A string key that distinguishes code points (Swift `String` equality
    /// would merge canonically equivalent strings).
    static func scalarKey(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            if u.isASCII && u != "\\" && u != "\"" { out.unicodeScalars.append(u) } else { out += "\\u{" + String(u.value, radix: 16) + "}" }
        }
        return out + "\""
    }

    /// The first pair of equal items (earlier index, later index), if any.
    static func firstDuplicate(_ items: [Node]) -> (Int, Int)? {
        if items.count <= 24 {
            for j in 1..<max(items.count, 1) {
                for i in 0..<j where equal(items[i], items[j]) { return (i, j) }
            }
            return nil
        }
        var seen: [String: Int] = [:]
        for (j, item) in items.enumerated() {
            var key = ""
            canonical(item, into: &key)
            if let i = seen[key] { return (i, j) }
            seen[key] = j
        }
        return nil
    }
}
