import LintCore

/// Builds `Node` trees from YAML events with an explicit stack (no recursion).
struct YAMLTreeBuilder {
    private struct Frame {
        var isMapping: Bool
        var flow: Bool
        var start: SourcePosition
        var tag: String?
        var anchor: String?
        var items: [Node] = []
        var entries: [MappingEntry] = []
        var pendingKey: Node?
        /// Key identity → position of its first occurrence.
        var keys: [String: SourcePosition] = [:]
        /// Nodes in this subtree, including itself and alias copies.
        var size = 1
        /// Collection levels in this subtree (a scalar has height 0).
        var height = 1
        var lastEnd: SourcePosition?
    }

    private struct Anchored {
        var node: Node
        var size: Int
        var height: Int
    }

    let file: SourceFile
    let budget: Int
    let maxDepth: Int
    private var positions: YAMLPositionCursor
    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var openAnchors: Set<String> = []
    private var root: Node?
    private var produced = 0

    private(set) var documents: [Node] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// Set when loading failed; documents are then discarded.
    private(set) var fatal: Diagnostic?

    init(file: SourceFile, budget: Int, maxDepth: Int) {
        self.file = file
        self.budget = budget
        self.maxDepth = maxDepth
        self.positions = YAMLPositionCursor(file: file)
    }

    mutating func build(_ events: [YAMLEvent]) {
        for event in events {
            guard fatal == nil else { return }
            handle(event)
        }
    }

    private mutating func handle(_ event: YAMLEvent) {
        switch event.kind {
        case .documentStart:
            anchors = [:]
            openAnchors = []
            stack = []
            root = nil
        case .documentEnd:
            if let root { documents.append(root) }
            root = nil
        case .scalar(let value, let style):
            let range = positions.range(event.start, event.end)
            let scalar: Scalar
            switch YAMLScalarResolver.resolve(value, style: style, tag: event.tag) {
            case .success(let s):
                scalar = s
            case .failure(let mismatch):
                scalar = .string(value)
                diagnostics.append(YAMLRules.syntax.diagnostic(
                    "The value \(Node.jsonEscape(value)) is not a valid \(mismatch.tag); remove the \(mismatch.tag) tag or write a valid \(mismatch.tag) value.",
                    file: file.path, range: range))
            }
            let node = Node(.scalar(scalar), range: range, tag: event.tag.map(YAMLScalarResolver.displayTag))
            produced += 1
            complete(node, size: 1, height: 0, anchor: event.anchor)
        case .sequenceStart(let flow), .mappingStart(let flow):
            var isMapping = false
            if case .mappingStart = event.kind { isMapping = true }
            if let anchor = event.anchor { openAnchors.insert(anchor) }
            produced += 1
            stack.append(Frame(
                isMapping: isMapping, flow: flow, start: positions.position(event.start),
                tag: event.tag.map(YAMLScalarResolver.displayTag), anchor: event.anchor))
        case .sequenceEnd, .mappingEnd:
            guard let frame = stack.popLast() else { return }
            let end: SourcePosition
            if frame.flow {
                end = positions.position(event.end)
            } else {
                end = frame.lastEnd ?? positions.position(event.start)
            }
            let range = SourceRange(start: frame.start, end: max(end, frame.start))
            var node: Node
            if frame.isMapping {
                var entries = frame.entries
                if let key = frame.pendingKey {
                    // Cannot happen with libyaml (every key has a value), kept for safety.
                    entries.append(MappingEntry(key: key, value: Node(.scalar(.null), range: SourceRange(key.range.end))))
                }
                node = Node(.mapping(entries), range: range, tag: frame.tag)
            } else {
                node = Node(.sequence(frame.items), range: range, tag: frame.tag)
            }
            if let anchor = frame.anchor { openAnchors.remove(anchor) }
            complete(node, size: frame.size, height: frame.height, anchor: frame.anchor)
        case .alias:
            let name = event.anchor ?? ""
            let range = positions.range(event.start, event.end)
            if openAnchors.contains(name) {
                fatal = YAMLRules.syntax.diagnostic(
                    "Alias *\(name) refers to its own enclosing node &\(name) (a recursive structure); restructure the document without the cycle.",
                    file: file.path, range: range)
                return
            }
            guard let anchored = anchors[name] else {
                fatal = YAMLRules.syntax.diagnostic(
                    "Alias *\(name) refers to an anchor that is not defined earlier in this document; define &\(name) before the alias or remove the alias.",
                    file: file.path, range: range)
                return
            }
            let (total, overflow) = produced.addingReportingOverflow(anchored.size)
            if overflow || total > budget {
                fatal = YAMLRules.aliasBudget.diagnostic(
                    "Expanding alias *\(name) exceeds the budget of \(budget) nodes (the document expands to at least \(overflow ? Int.max : total) nodes); avoid nesting aliases of aliases, or write the data out.",
                    file: file.path, range: range)
                return
            }
            // Copies must not nest deeper than the parsed input may, so that
            // consumers can walk the tree recursively.
            if stack.count + anchored.height > maxDepth {
                fatal = YAMLRules.syntax.diagnostic(
                    "YAML nesting deeper than \(maxDepth) levels after expanding alias *\(name); flatten the anchored structure or write the data out instead of nesting aliases.",
                    file: file.path, range: range)
                return
            }
            produced = total
            var copy = anchored.node
            copy.range = range
            complete(copy, size: anchored.size, height: anchored.height, anchor: nil)
        }
    }

    /// Attaches a finished node to its parent (or makes it the document root).
    private mutating func complete(_ node: Node, size: Int, height: Int, anchor: String?) {
        if let anchor { anchors[anchor] = Anchored(node: node, size: size, height: height) }
        guard var top = stack.popLast() else {
            root = node
            return
        }
        top.size = top.size &+ size
        top.height = max(top.height, height + 1)
        top.lastEnd = node.range.end
        if !top.isMapping {
            top.items.append(node)
        } else if let key = top.pendingKey {
            top.entries.append(MappingEntry(key: key, value: node))
            top.pendingKey = nil
        } else {
            let identity = Self.identity(of: node)
            if let first = top.keys[identity] {
                diagnostics.append(YAMLRules.duplicateKey.diagnostic(
                    "Duplicate key \(Self.keyDisplay(node)) (first defined at \(first.line):\(first.column)); remove one of the two entries or rename this key.",
                    file: file.path, range: node.range))
            } else {
                top.keys[identity] = node.range.start
            }
            top.pendingKey = node
        }
        stack.append(top)
    }

    /// Keys are equal when their resolved kind and text are equal (tags of the
    /// core schema are ignored, other tags distinguish keys).
    private static func identity(of key: Node) -> String {
        let tagPart = key.tag.map { $0.hasPrefix("!!") ? "" : $0 } ?? ""
        if let s = key.scalar {
            let kind: String
            switch s.kind {
            case .string: kind = "s"
            case .number: kind = "n"
            case .bool: kind = "b"
            case .null: kind = "z"
            case .dynamic: kind = "d"
            }
            return tagPart + "\u{0}" + kind + "\u{0}" + s.text
        }
        return tagPart + "\u{0}c\u{0}" + render(key, limit: Int.max)
    }

    private static func keyDisplay(_ key: Node) -> String {
        let text = render(key, limit: 80)
        let scalars = text.unicodeScalars
        guard scalars.count > 80 else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(77))) + "..."
    }

    /// Compact JSON-like rendering (as `Node.description`) built with an
    /// explicit stack, so deeply nested keys cannot overflow the call stack.
    /// Stops once `limit` Unicode scalars were produced.
    static func render(_ node: Node, limit: Int) -> String {
        enum Work {
            case node(Node)
            case text(String)
        }
        var out = ""
        var count = 0
        var work: [Work] = [.node(node)]
        func emit(_ s: String) {
            out += s
            count += s.unicodeScalars.count
        }
        while let item = work.popLast(), count <= limit {
            switch item {
            case .text(let t):
                emit(t)
            case .node(let n):
                switch n.value {
                case .scalar(let s):
                    switch s.kind {
                    case .string, .dynamic: emit(Node.jsonEscape(s.text))
                    case .number, .bool, .null: emit(s.text)
                    }
                case .sequence(let items):
                    emit("[")
                    work.append(.text("]"))
                    for (i, child) in items.enumerated().reversed() {
                        work.append(.node(child))
                        if i > 0 { work.append(.text(",")) }
                    }
                case .mapping(let entries):
                    emit("{")
                    work.append(.text("}"))
                    for (i, entry) in entries.enumerated().reversed() {
                        work.append(.node(entry.value))
                        work.append(.text(":"))
                        work.append(.node(entry.key))
                        if i > 0 { work.append(.text(",")) }
                    }
                }
            }
        }
        return out
    }
}
