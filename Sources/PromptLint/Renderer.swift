import LintCore

/// Text-mode Mustache renderer (no HTML escaping) used to render samples.
/// A variable with no value is reported, never silently rendered empty.
public struct TemplateRenderer: Sendable {
    /// A variable the data did not provide.
    public struct Missing: Sendable, Hashable {
        public var token: TemplateToken
        /// The partial the tag sits in, or nil for the rendered file itself.
        public var partial: String?
    }

    public struct Result: Sendable {
        public var text: String
        public var missing: [Missing]
        /// True when the output hit `maxOutput` or the depth limit and was cut.
        public var truncated: Bool
    }

    /// Parsed partial templates by name (`house-tone` for `_house-tone.prompt`).
    public var partials: [String: [TemplateNode]]
    public var maxDepth: Int
    public var maxOutput: Int

    public init(partials: [String: [TemplateNode]] = [:], maxDepth: Int = 128, maxOutput: Int = 4_000_000) {
        self.partials = partials
        self.maxDepth = maxDepth
        self.maxOutput = maxOutput
    }

    public func render(_ nodes: [TemplateNode], data: Node) -> Result {
        var state = State()
        var stack = [data]
        render(nodes, stack: &stack, partial: nil, depth: 0, state: &state)
        return Result(text: state.out, missing: state.missing, truncated: state.truncated)
    }

    struct State {
        var out = ""
        var missing: [Missing] = []
        var truncated = false
        var steps = 0
    }

    /// Node visits before rendering gives up (guards against partial fan-out).
    public static let maxSteps = 1_000_000

    private func render(_ nodes: [TemplateNode], stack: inout [Node], partial: String?, depth: Int, state: inout State) {
        guard depth <= maxDepth else { state.truncated = true; return }
        for node in nodes {
            state.steps += 1
            if state.steps > TemplateRenderer.maxSteps || state.out.utf8.count > maxOutput { state.truncated = true; return }
            switch node {
            case .text(let s):
                state.out += s
            case .variable(let t):
                if let v = TemplateRenderer.lookup(t.name, in: stack), !v.isNull {
                    state.out += TemplateRenderer.text(of: v)
                } else {
                    state.missing.append(Missing(token: t, partial: partial))
                }
            case .partial(let t):
                if let body = partials[t.name] {
                    render(body, stack: &stack, partial: t.name, depth: depth + 1, state: &state)
                }
            case .section(let open, let inverted, let children):
                let value = TemplateRenderer.lookup(open.name, in: stack)
                let truthy = value.map(TemplateRenderer.isTruthy) ?? false
                if inverted {
                    if !truthy { render(children, stack: &stack, partial: partial, depth: depth + 1, state: &state) }
                    continue
                }
                guard truthy, let value else { continue }
                if let items = value.items {
                    for item in items {
                        stack.append(item)
                        render(children, stack: &stack, partial: partial, depth: depth + 1, state: &state)
                        stack.removeLast()
                        if state.truncated { return }
                    }
                } else {
                    stack.append(value)
                    render(children, stack: &stack, partial: partial, depth: depth + 1, state: &state)
                    stack.removeLast()
                }
            }
        }
    }

    /// Resolves `name` (`.`, `A`, `A.b.c`) against the context stack, innermost first.
    public static func lookup(_ name: String, in stack: [Node]) -> Node? {
        if name == "." { return stack.last }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return nil }
        var found: Node?
        for ctx in stack.reversed() {
            if let v = ctx[first] { found = v; break }
        }
        guard var current = found else { return nil }
        for p in parts.dropFirst() {
            guard let next = current[p] else { return nil }
            current = next
        }
        return current
    }

    static func isTruthy(_ n: Node) -> Bool {
        switch n.value {
        case .sequence(let items): return !items.isEmpty
        case .mapping: return true
        case .scalar(let s):
            switch s.kind {
            case .null: return false
            case .bool: return s.text == "true"
            case .string: return !s.text.isEmpty
            case .number, .dynamic: return true
            }
        }
    }

    static func text(of n: Node) -> String {
        if let s = n.scalar { return s.text }
        return n.description
    }
}
