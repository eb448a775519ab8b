import LintCore

/// A compiled RFC 9535 JSONPath query over the positioned `Node` tree.
///
///     let q = try JSONPathQuery.parse("$.bays[?@.enabled == true].id")
///     for m in q.evaluate(document) { m.path; m.node.range }
public struct JSONPathQuery: Sendable, Hashable, CustomStringConvertible {
    /// The query text as given.
    public let text: String
    let query: PathQuery
    /// Pattern literals of `match`/`search` that are not valid I-Regexps
    /// (such calls are always false); empty for most queries.
    public let patternProblems: [JSONPathPatternProblem]

    /// Parses and type-checks `text`. Throws with the 1-based scalar position
    /// of the first problem when it is not a valid, well-typed RFC 9535 query.
    public static func parse(_ text: String) throws(JSONPathSyntaxError) -> JSONPathQuery {
        var parser = JSONPathParser(text)
        let query = try parser.parseQuery()
        return JSONPathQuery(text: text, query: query, patternProblems: parser.patternProblems)
    }

    /// True when the query can select at most one node (names and indices only).
    public var isSingular: Bool { query.isSingular }

    public var description: String { text }

    /// Selects nodes from `root`, in the order RFC 9535 defines (document order
    /// for wildcards and descendants), each with its normalized path.
    public func evaluate(_ root: Node) -> [JSONPathMatch] {
        var evaluator = JSONPathEvaluator(root: root, trackPaths: true)
        return evaluator.select(query, current: root).map { located in
            let path = NormalizedPath(located.path?.elements ?? [])
            return JSONPathMatch(node: located.node, key: located.key, normalizedPath: path)
        }
    }

    /// The selected nodes only (no paths are built).
    public func select(_ root: Node) -> [Node] {
        var evaluator = JSONPathEvaluator(root: root, trackPaths: false)
        return evaluator.select(query, current: root).map(\.node)
    }
}

/// One selected node.
public struct JSONPathMatch: Sendable, Hashable {
    /// The selected node; `node.range` is its position in the source.
    public var node: Node
    /// For an object member, the key node (to report at the key); nil for array elements and the root.
    public var key: Node?
    /// The normalized path as elements.
    public var normalizedPath: NormalizedPath

    public init(node: Node, key: Node?, normalizedPath: NormalizedPath) {
        self.node = node
        self.key = key
        self.normalizedPath = normalizedPath
    }

    /// The normalized path text (RFC 9535 §2.7), e.g. `$['a'][0]`.
    public var path: String { normalizedPath.description }
    /// The normalized path's steps.
    public var elements: [JSONPathElement] { normalizedPath.elements }
}
