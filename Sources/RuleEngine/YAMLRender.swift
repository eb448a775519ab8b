import LintCore

/// Renders a Node as block YAML (for documentation of inline examples).
enum YAMLRender {
    static func render(_ node: Node) -> String {
        var out = ""
        emit(node, indent: 0, into: &out, inline: false)
        return out
    }

    static func scalar(_ s: Scalar) -> String {
        switch s.kind {
        case .number, .bool, .null: return s.text
        case .string, .dynamic:
            let t = s.text
            let plain = !t.isEmpty && t.allSatisfy { $0.isLetter || $0.isNumber || "-_./ ".contains($0) }
                && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(t.lowercased())
                && Double(t) == nil && t.first != " " && t.last != " " && !t.hasPrefix("-")
            return plain ? t : Node.jsonEscape(t)
        }
    }

    static func emit(_ node: Node, indent: Int, into out: inout String, inline: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch node.value {
        case .scalar(let s):
            out += scalar(s) + "\n"
        case .sequence(let items):
            if items.isEmpty { out += "[]\n"; return }
            if inline { out += "\n" }
            for item in items {
                out += pad + "- "
                emitChild(item, indent: indent + 2, into: &out)
            }
        case .mapping(let entries):
            if entries.isEmpty { out += "{}\n"; return }
            if inline { out += "\n" }
            for e in entries {
                out += pad + scalar(.string(e.keyText)) + ":"
                if case .scalar = e.value.value { out += " " }
                else if (e.value.items?.isEmpty ?? false) || (e.value.entries?.isEmpty ?? false) { out += " " }
                emit(e.value, indent: indent + 2, into: &out, inline: true)
            }
        }
    }

    static func emitChild(_ node: Node, indent: Int, into out: inout String) {
        switch node.value {
        case .scalar(let s): out += scalar(s) + "\n"
        case .mapping(let entries) where !entries.isEmpty:
            var first = true
            for e in entries {
                if !first { out += String(repeating: " ", count: indent) }
                first = false
                out += scalar(.string(e.keyText)) + ":"
                if case .scalar = e.value.value { out += " " }
                emit(e.value, indent: indent + 2, into: &out, inline: true)
            }
        default:
            emit(node, indent: indent, into: &out, inline: true)
        }
    }
}
