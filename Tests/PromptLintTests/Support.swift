import Foundation
@_exported import TestSupport
import LintCore
import LintParsers
@testable import PromptLint

/// A small JSON Schema subset for tests: type, enum, const, required,
/// properties, additionalProperties: false, items, minimum, maximum.
/// The real validator lives in the JSONSchema module.
struct FakeValidator: PromptSchemaValidator {
    func validate(_ instance: Node, schemaRef: String, root: String) -> [PromptSchemaViolation]? {
        let path = root + "/schemas/" + schemaRef
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let parsed = JSONParser.parse(SourceFile(path: path, bytes: [UInt8](data)))
        guard let schema = parsed.node, parsed.diagnostics.isEmpty else { return nil }
        var out: [PromptSchemaViolation] = []
        check(instance, schema, pointer: "", depth: 0, into: &out)
        return out
    }

    func check(_ v: Node, _ s: Node, pointer: String, depth: Int, into out: inout [PromptSchemaViolation]) {
        guard depth < 64 else { return }
        if let t = s["type"]?.stringValue {
            let actual = v.jsonTypeName
            let ok = actual == t || (t == "integer" && actual == "number" && !(v.scalarText ?? "").contains("."))
            if !ok { out.append(.init(instancePath: pointer, range: v.range, message: "expected \(t), got \(actual)")); return }
        }
        if let e = s["enum"]?.items, !e.contains(where: { $0.description == v.description }) {
            out.append(.init(instancePath: pointer, range: v.range, message: "value \(v.description) is not one of \(e.map(\.description).joined(separator: ", "))"))
        }
        if let c = s["const"], c.description != v.description {
            out.append(.init(instancePath: pointer, range: v.range, message: "value must be \(c.description)"))
        }
        if let min = s["minimum"]?.doubleValue, let x = v.doubleValue, x < min {
            out.append(.init(instancePath: pointer, range: v.range, message: "\(v.description) is below the minimum \(min)"))
        }
        if let max = s["maximum"]?.doubleValue, let x = v.doubleValue, x > max {
            out.append(.init(instancePath: pointer, range: v.range, message: "\(v.description) is above the maximum \(max)"))
        }
        if let entries = v.entries {
            for r in s["required"]?.items?.compactMap(\.stringValue) ?? [] where v[r] == nil {
                out.append(.init(instancePath: pointer, range: SourceRange(v.range.start), message: "required property \"\(r)\" is missing"))
            }
            let props = s["properties"]
            for e in entries {
                if let ps = props?[e.keyText] {
                    check(e.value, ps, pointer: pointer + "/" + e.keyText, depth: depth + 1, into: &out)
                } else if s["additionalProperties"]?.boolValue == false {
                    out.append(.init(instancePath: pointer + "/" + e.keyText, range: e.key.range, message: "property \"\(e.keyText)\" is not allowed"))
                }
            }
        }
        if let items = v.items, let itemSchema = s["items"] {
            for (i, item) in items.enumerated() { check(item, itemSchema, pointer: pointer + "/\(i)", depth: depth + 1, into: &out) }
        }
    }
}

/// Runs a checker over every file of its kind under `root` (a mini repository),
/// then `finish`; paths in the result are relative to `root`.
func runTree(root: URL, validator: (any PromptSchemaValidator)?) -> [Diagnostic] {
    let rootPath = root.path
    var prompts: [String] = []
    var sops: [String] = []
    for sub in ["prompts", "sops"] {
        guard let e = FileManager.default.enumerator(atPath: rootPath + "/" + sub) else { continue }
        while let rel = e.nextObject() as? String {
            let full = rootPath + "/" + sub + "/" + rel
            if sub == "prompts", rel.hasSuffix(".prompt") || rel.hasSuffix(".md") { prompts.append(full) }
            if sub == "sops", rel.hasSuffix(".md") { sops.append(full) }
        }
    }
    let context = CheckContext(root: rootPath, filesByKind: [.prompt: prompts.sorted(), .sop: sops.sorted()])
    var diags: [Diagnostic] = []
    let pc = PromptChecker(validator: validator)
    let sc = SOPChecker()
    for p in prompts.sorted() {
        let bytes = [UInt8](FileManager.default.contents(atPath: p) ?? Data())
        diags += pc.check(SourceFile(path: p, bytes: bytes), context: context)
    }
    for p in sops.sorted() {
        let bytes = [UInt8](FileManager.default.contents(atPath: p) ?? Data())
        diags += sc.check(SourceFile(path: p, bytes: bytes), context: context)
    }
    if !prompts.isEmpty { diags += pc.finish(context: context) }
    if !sops.isEmpty { diags += sc.finish(context: context) }
    for i in diags.indices where diags[i].file.hasPrefix(rootPath + "/") {
        diags[i].file = String(diags[i].file.dropFirst(rootPath.count + 1))
    }
    return diags.sorted(by: Diagnostic.sortOrder)
}

func render(_ diags: [Diagnostic]) -> String {
    diags.map { "\($0.file):\($0.range.start.line):\($0.range.start.column): \($0.severity.rawValue): \($0.message) [\($0.rule)]\n" }.joined()
}
