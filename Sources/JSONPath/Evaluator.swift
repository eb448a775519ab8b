import LintCore

/// A parent-linked path, shared between a node's children while evaluating.
final class PathLink: Sendable {
    let parent: PathLink?
    let element: JSONPathElement

    init(parent: PathLink?, element: JSONPathElement) {
        self.parent = parent
        self.element = element
    }

    var elements: [JSONPathElement] {
        var out: [JSONPathElement] = []
        var link: PathLink? = self
        while let l = link {
            out.append(l.element)
            link = l.parent
        }
        return out.reversed()
    }
}

/// A node reached during evaluation, with its path and (for object members) its key.
struct Located {
    var node: Node
    var path: PathLink?
    var key: Node?
}

/// The result of a filter-language expression that is a value or Nothing.
enum FilterValue {
    case nothing
    case node(Node)
}

/// Evaluates a parsed query per RFC 9535 §2.3–2.5. Descendant traversal and
/// deep equality are iterative; filter recursion is bounded by the parser's depth limit.
struct JSONPathEvaluator {
    let root: Node
    /// Whether to build normalized paths (switched off inside filters, whose
    /// queries only need nodes).
    var trackPaths: Bool
    var regexCache: [String: IRegexp?] = [:]

    init(root: Node, trackPaths: Bool) {
        self.root = root
        self.trackPaths = trackPaths
    }

    static func keyMatches(_ key: Node, _ name: String) -> Bool {
        guard let k = key.scalar else { return false }
        return k.text.unicodeScalars.elementsEqual(name.unicodeScalars)
    }

    func link(_ parent: PathLink?, _ element: JSONPathElement) -> PathLink? {
        trackPaths ? PathLink(parent: parent, element: element) : nil
    }

    // MARK: queries

    mutating func select(_ query: PathQuery, current: Node) -> [Located] {
        var nodes = [Located(node: query.relative ? current : root, path: nil, key: nil)]
        for segment in query.segments {
            var next: [Located] = []
            if segment.descendant {
                for start in nodes { descend(from: start, segment.selectors, into: &next) }
            } else {
                for n in nodes { apply(segment.selectors, to: n, into: &next) }
            }
            nodes = next
            if nodes.isEmpty { break }
        }
        return nodes
    }

    /// Applies `selectors` to `start` and each of its descendants, in document order.
    mutating func descend(from start: Located, _ selectors: [Selector], into out: inout [Located]) {
        var stack = [start]
        while let current = stack.popLast() {
            apply(selectors, to: current, into: &out)
            switch current.node.value {
            case .sequence(let items):
                for k in items.indices.reversed() {
                    stack.append(Located(node: items[k], path: link(current.path, .index(k)), key: nil))
                }
            case .mapping(let entries):
                for e in entries.reversed() {
                    stack.append(Located(node: e.value, path: link(current.path, .name(e.keyText)), key: e.key))
                }
            case .scalar:
                break
            }
        }
    }

    mutating func apply(_ selectors: [Selector], to located: Located, into out: inout [Located]) {
        for selector in selectors { apply(selector, to: located, into: &out) }
    }

    mutating func apply(_ selector: Selector, to located: Located, into out: inout [Located]) {
        let node = located.node
        switch selector {
        case .name(let name):
            guard case .mapping(let entries) = node.value else { return }
            if let e = entries.first(where: { JSONPathEvaluator.keyMatches($0.key, name) }) {
                out.append(Located(node: e.value, path: link(located.path, .name(name)), key: e.key))
            }
        case .wildcard:
            switch node.value {
            case .sequence(let items):
                for (k, item) in items.enumerated() {
                    out.append(Located(node: item, path: link(located.path, .index(k)), key: nil))
                }
            case .mapping(let entries):
                for e in entries {
                    out.append(Located(node: e.value, path: link(located.path, .name(e.keyText)), key: e.key))
                }
            case .scalar:
                break
            }
        case .index(let index):
            guard case .sequence(let items) = node.value else { return }
            let n = Int64(items.count)
            let k = index < 0 ? n + index : index
            guard k >= 0, k < n else { return }
            out.append(Located(node: items[Int(k)], path: link(located.path, .index(Int(k))), key: nil))
        case .slice(let start, let end, let step):
            guard case .sequence(let items) = node.value else { return }
            for k in JSONPathEvaluator.sliceIndices(count: items.count, start: start, end: end, step: step) {
                out.append(Located(node: items[k], path: link(located.path, .index(k)), key: nil))
            }
        case .filter(let expr):
            let track = trackPaths
            trackPaths = false
            defer { trackPaths = track }
            func link(_ element: JSONPathElement) -> PathLink? {
                track ? PathLink(parent: located.path, element: element) : nil
            }
            switch node.value {
            case .sequence(let items):
                for (k, item) in items.enumerated() where test(expr, current: item) {
                    out.append(Located(node: item, path: link(.index(k)), key: nil))
                }
            case .mapping(let entries):
                for e in entries where test(expr, current: e.value) {
                    out.append(Located(node: e.value, path: link(.name(e.keyText)), key: e.key))
                }
            case .scalar:
                break
            }
        }
    }

    /// RFC 9535 §2.3.4.2.2 slice semantics.
    static func sliceIndices(count: Int, start: Int64?, end: Int64?, step: Int64?) -> [Int] {
        let len = Int64(count)
        let step = step ?? 1
        if step == 0 { return [] }
        func normalize(_ v: Int64) -> Int64 { v >= 0 ? v : len + v }
        var out: [Int] = []
        if step > 0 {
            let lower = min(max(normalize(start ?? 0), 0), len)
            let upper = min(max(normalize(end ?? len), 0), len)
            var k = lower
            while k < upper {
                out.append(Int(k))
                let (next, overflow) = k.addingReportingOverflow(step)
                if overflow { break }
                k = next
            }
        } else {
            let upper = min(max(normalize(start ?? len - 1), -1), len - 1)
            let lower = min(max(normalize(end ?? -len - 1), -1), len - 1)
            var k = upper
            while lower < k {
                out.append(Int(k))
                let (next, overflow) = k.addingReportingOverflow(step)
                if overflow { break }
                k = next
            }
        }
        return out
    }

    // MARK: filters

    mutating func test(_ expr: LogicalExpr, current: Node) -> Bool {
        switch expr {
        case .or(let items):
            for e in items where test(e, current: current) { return true }
            return false
        case .and(let items):
            for e in items where !test(e, current: current) { return false }
            return true
        case .not(let e):
            return !test(e, current: current)
        case .comparison(let a, let op, let b):
            return compare(value(a, current: current), op, value(b, current: current))
        case .exists(let q):
            return !select(q, current: current).isEmpty
        case .function(let f):
            return logicalResult(f, current: current)
        }
    }

    mutating func value(_ c: Comparand, current: Node) -> FilterValue {
        switch c {
        case .literal(let l):
            return .node(JSONPathEvaluator.node(for: l))
        case .query(let q):
            let nodes = select(q, current: current)
            return nodes.count == 1 ? .node(nodes[0].node) : .nothing
        case .function(let f):
            return valueResult(f, current: current)
        }
    }

    static func node(for literal: Literal) -> Node {
        switch literal {
        case .string(let s): return .scalar(.string(s), .fileStart)
        case .number(let n): return .scalar(.number(n), .fileStart)
        case .bool(let b): return .scalar(.bool(b), .fileStart)
        case .null: return .scalar(.null, .fileStart)
        }
    }

    mutating func argumentValue(_ a: FunctionArgument, current: Node) -> FilterValue {
        if case .value(let c) = a { return value(c, current: current) }
        return .nothing
    }

    mutating func argumentNodes(_ a: FunctionArgument, current: Node) -> [Located] {
        if case .nodes(let q) = a { return select(q, current: current) }
        return []
    }

    mutating func valueResult(_ f: FunctionCall, current: Node) -> FilterValue {
        switch f.name {
        case .length:
            guard let arg = f.arguments.first, case .node(let n) = argumentValue(arg, current: current) else { return .nothing }
            let count: Int
            switch n.value {
            case .scalar(let s):
                guard s.kind == .string else { return .nothing }
                count = s.text.unicodeScalars.count
            case .sequence(let items): count = items.count
            case .mapping(let entries): count = entries.count
            }
            return .node(.scalar(.number(String(count)), .fileStart))
        case .count:
            guard let arg = f.arguments.first else { return .nothing }
            return .node(.scalar(.number(String(argumentNodes(arg, current: current).count)), .fileStart))
        case .value:
            guard let arg = f.arguments.first else { return .nothing }
            let nodes = argumentNodes(arg, current: current)
            return nodes.count == 1 ? .node(nodes[0].node) : .nothing
        case .match, .search:
            return .nothing
        }
    }

    mutating func logicalResult(_ f: FunctionCall, current: Node) -> Bool {
        switch f.name {
        case .match, .search:
            guard f.arguments.count == 2,
                  case .node(let subject) = argumentValue(f.arguments[0], current: current),
                  let text = subject.stringValue,
                  case .node(let patternNode) = argumentValue(f.arguments[1], current: current),
                  let pattern = patternNode.stringValue
            else { return false }
            let regex: IRegexp
            if let r = f.literalRegex, r.pattern == pattern {
                regex = r
            } else if let cached = regexCache[pattern] {
                guard let cached else { return false }
                regex = cached
            } else {
                let compiled = try? IRegexp.compile(pattern)
                regexCache[pattern] = compiled
                guard let compiled else { return false }
                regex = compiled
            }
            return f.name == .match ? regex.matches(text) : regex.search(text)
        case .length, .count, .value:
            return false
        }
    }

    // MARK: comparisons

    func compare(_ a: FilterValue, _ op: ComparisonOp, _ b: FilterValue) -> Bool {
        switch op {
        case .eq: return JSONPathEvaluator.equal(a, b)
        case .ne: return !JSONPathEvaluator.equal(a, b)
        case .lt: return JSONPathEvaluator.less(a, b)
        case .le: return JSONPathEvaluator.less(a, b) || JSONPathEvaluator.equal(a, b)
        case .gt: return JSONPathEvaluator.less(b, a)
        case .ge: return JSONPathEvaluator.less(b, a) || JSONPathEvaluator.equal(a, b)
        }
    }

    static func equal(_ a: FilterValue, _ b: FilterValue) -> Bool {
        switch (a, b) {
        case (.nothing, .nothing): return true
        case (.node(let x), .node(let y)): return deepEqual(x, y)
        default: return false
        }
    }

    static func less(_ a: FilterValue, _ b: FilterValue) -> Bool {
        guard case .node(let x) = a, case .node(let y) = b, let sx = x.scalar, let sy = y.scalar else { return false }
        switch (sx.kind, sy.kind) {
        case (.number, .number):
            return compareNumberTexts(sx.text, sy.text) == -1
        case (.string, .string):
            return sx.text.unicodeScalars.lexicographicallyPrecedes(sy.text.unicodeScalars)
        default:
            return false
        }
    }

    /// JSON value equality: numbers by value, strings by scalars, arrays in
    /// order, objects as unordered name/value sets. Iterative.
    static func deepEqual(_ a: Node, _ b: Node) -> Bool {
        var pending = [(a, b)]
        while let (x, y) = pending.popLast() {
            switch (x.value, y.value) {
            case (.scalar(let p), .scalar(let q)):
                guard scalarEqual(p, q) else { return false }
            case (.sequence(let p), .sequence(let q)):
                guard p.count == q.count else { return false }
                for k in p.indices { pending.append((p[k], q[k])) }
            case (.mapping(let p), .mapping(let q)):
                guard p.count == q.count else { return false }
                for e in p {
                    guard let f = q.first(where: { $0.keyText.unicodeScalars.elementsEqual(e.keyText.unicodeScalars) }) else { return false }
                    pending.append((e.value, f.value))
                }
            default:
                return false
            }
        }
        return true
    }

    static func scalarEqual(_ p: Scalar, _ q: Scalar) -> Bool {
        guard p.kind == q.kind else { return false }
        switch p.kind {
        case .number: return compareNumberTexts(p.text, q.text) == 0
        case .string, .bool, .null, .dynamic: return p.text.unicodeScalars.elementsEqual(q.text.unicodeScalars)
        }
    }
}
