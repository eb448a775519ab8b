/// The syntax tree of a parsed RFC 9535 query. Produced by `JSONPathParser`,
/// already checked for well-typedness.

/// One segment of a query: `[…]`/`.name`/`.*` (child) or `..…` (descendant).
struct PathSegment: Sendable, Hashable {
    var descendant: Bool
    var selectors: [Selector]
}

enum Selector: Sendable, Hashable {
    case name(String)
    case wildcard
    case index(Int64)
    case slice(start: Int64?, end: Int64?, step: Int64?)
    case filter(LogicalExpr)
}

/// A query: absolute (`$…`) or relative to the current node (`@…`).
struct PathQuery: Sendable, Hashable {
    var relative: Bool
    var segments: [PathSegment]

    /// Only name and index selectors in child segments, one per segment.
    var isSingular: Bool {
        segments.allSatisfy { seg in
            guard !seg.descendant, seg.selectors.count == 1 else { return false }
            switch seg.selectors[0] {
            case .name, .index: return true
            default: return false
            }
        }
    }
}

/// A literal of the filter language; numbers keep their text.
enum Literal: Sendable, Hashable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
}

indirect enum LogicalExpr: Sendable, Hashable {
    case or([LogicalExpr])
    case and([LogicalExpr])
    case not(LogicalExpr)
    case comparison(Comparand, ComparisonOp, Comparand)
    /// Existence test: the query selects at least one node.
    case exists(PathQuery)
    /// A function whose result type is LogicalType (or NodesType, tested for non-emptiness).
    case function(FunctionCall)
}

enum ComparisonOp: String, Sendable, Hashable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
}

/// A comparand: literal, singular query, or ValueType function.
enum Comparand: Sendable, Hashable {
    case literal(Literal)
    case query(PathQuery)
    case function(FunctionCall)
}

/// RFC 9535 §2.4.1 function-extension types.
enum FunctionType: Sendable, Hashable, CustomStringConvertible {
    case value, logical, nodes
    var description: String {
        switch self {
        case .value: return "ValueType"
        case .logical: return "LogicalType"
        case .nodes: return "NodesType"
        }
    }
}

enum FunctionName: String, Sendable, Hashable, CaseIterable {
    case length, count, match, search, value

    var parameters: [FunctionType] {
        switch self {
        case .length: return [.value]
        case .count: return [.nodes]
        case .match, .search: return [.value, .value]
        case .value: return [.nodes]
        }
    }

    var result: FunctionType {
        switch self {
        case .length, .count, .value: return .value
        case .match, .search: return .logical
        }
    }
}

/// A function argument, already converted to the parameter's declared type.
enum FunctionArgument: Sendable, Hashable {
    /// ValueType argument: a literal, a singular query (value of its single node, or Nothing), or a ValueType function.
    case value(Comparand)
    /// LogicalType argument: a logical expression (queries test non-emptiness).
    case logical(LogicalExpr)
    /// NodesType argument: a query.
    case nodes(PathQuery)
}

struct FunctionCall: Sendable, Hashable {
    var name: FunctionName
    var arguments: [FunctionArgument]
    /// Pre-compiled regex when the pattern argument of match/search is a string literal.
    /// nil with a literal pattern means the pattern is not a valid I-Regexp.
    var literalRegex: IRegexp?
}
