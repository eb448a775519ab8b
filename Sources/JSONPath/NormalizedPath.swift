import LintCore

/// One step of a normalized path: an object member name or an array index.
public enum JSONPathElement: Sendable, Hashable {
    case name(String)
    case index(Int)
}

/// An RFC 9535 §2.7 normalized path: `$` followed by `['name']` and `[index]`
/// steps, names single-quoted with the normative escaping.
public struct NormalizedPath: Sendable, Hashable, CustomStringConvertible {
    public var elements: [JSONPathElement]

    public init(_ elements: [JSONPathElement] = []) {
        self.elements = elements
    }

    /// Reads a path written as a singular query of names and non-negative
    /// indices: every normalized path (`$['a'][0]`), and also shorthands like `$.a[0]`.
    public init?(parsing text: String) {
        guard let q = try? JSONPathQuery.parse(text), q.isSingular else { return nil }
        var elements: [JSONPathElement] = []
        for segment in q.query.segments {
            switch segment.selectors.first {
            case .name(let n)?: elements.append(.name(n))
            case .index(let k)? where k >= 0 && k <= Int64(Int.max): elements.append(.index(Int(k)))
            default: return nil
            }
        }
        self.elements = elements
    }

    /// The normalized path text, e.g. `$['a'][0]`.
    public var description: String {
        var out = "$"
        for e in elements {
            switch e {
            case .name(let n):
                out += "['"
                NormalizedPath.escape(n, into: &out)
                out += "']"
            case .index(let k):
                out += "[\(k)]"
            }
        }
        return out
    }

    /// Appends `name` escaped as in `normal-single-quoted`: `\b \f \n \r \t \' \\`,
    /// other control characters as `\u00xx` (lowercase hex), everything else as is.
    public static func escape(_ name: String, into out: inout String) {
        for u in name.unicodeScalars {
            switch u {
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16, uppercase: false)
                    out += "\\u00" + (hex.count == 1 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
    }

    /// Resolves the path against `root`, returning the node it designates, or nil.
    /// Names pick the first member with that key, as the evaluator does.
    public func resolve(in root: Node) -> Node? {
        var node = root
        for e in elements {
            switch (e, node.value) {
            case (.name(let n), .mapping(let entries)):
                guard let entry = entries.first(where: { JSONPathEvaluator.keyMatches($0.key, n) }) else { return nil }
                node = entry.value
            case (.index(let k), .sequence(let items)):
                guard k >= 0, k < items.count else { return nil }
                node = items[k]
            default:
                return nil
            }
        }
        return node
    }
}
