import LintCore
import LintParsers

extension WorkflowRules {
    public static let nodeVersionMismatch = rule(
        "node-version-mismatch", .warning,
        summary: "When the repository root (the directory holding `.github/workflows/`, else the configuration root) has a `package.json` with `engines.node` or an `.nvmrc`, checks that every `actions/setup-node` step's literal `node-version` (and each literal value of the matrix row it names, as in `node-version: ${{ matrix.node }}`) has a major version the requirement allows. Ranges (`>=`, `>`, `<`, `<=`, `^`, `~`, `x`, `||`, space-separated AND) are compared by major version; aliases such as `lts/*` and anything unparseable are skipped.",
        rationale: "CI then tests on a Node.js version the project does not support (or production does not run), so it passes on code that breaks in production, or fails for reasons unrelated to the change.",
        help: "Use a `node-version` that satisfies `engines.node` / `.nvmrc`, or `node-version-file: package.json`; if the project really supports that version, widen `engines.node`.",
        triggering: [
            ex("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ↓18\n",
               context: ["package.json": "{\"name\": \"clubos\", \"engines\": {\"node\": \">=22\"}}\n"]),
            ex("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        node: [↓20, 22]\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${{ matrix.node }}\n",
               context: [".nvmrc": "v22.3.0\n"]),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        node: [22, 24.x]\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${{ matrix.node }}\n      - uses: actions/setup-node@v6\n        with:\n          node-version: '22.11.0'\n      - uses: actions/setup-node@v6\n        with:\n          node-version: lts/*\n",
               context: ["package.json": "{\"engines\": {\"node\": \"^20.11 || >=22\"}}\n", ".nvmrc": "lts/*\n"]),
        ])
}

/// A Node.js version requirement of the repository: `engines.node` of
/// `package.json` or the version in `.nvmrc`.
struct NodeRequirement: Sendable {
    /// How the message names it: "engines.node '>=22' in package.json".
    var description: String
    var range: NodeMajorRange

    /// The requirements found at `root` (unreadable or unparseable ones are skipped).
    static func load(root: String) -> [NodeRequirement] {
        guard !root.isEmpty else { return [] }
        var out: [NodeRequirement] = []
        let packagePath = WorkflowChecker.join(root, "package.json")
        if let bytes = try? FileIO.readBytes(packagePath), bytes.count <= 4 << 20 {
            let parsed = JSONParser.parse(SourceFile(path: packagePath, bytes: bytes))
            if parsed.diagnostics.isEmpty, let engines = parsed.node?["engines"]?["node"]?.stringValue,
               let range = NodeMajorRange.parse(engines) {
                out.append(NodeRequirement(description: "engines.node '\(engines)' in package.json", range: range))
            }
        }
        let nvmrcPath = WorkflowChecker.join(root, ".nvmrc")
        if let bytes = try? FileIO.readBytes(nvmrcPath), bytes.count <= 4096 {
            let text = String(decoding: bytes, as: UTF8.self)
            let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).first.map(String.init)?.trimmingSpaces ?? ""
            // Aliases (`lts/*`, `node`, `stable`) are skipped: only versions and ranges.
            if let range = NodeMajorRange.parse(line) {
                out.append(NodeRequirement(description: "'\(line)' in .nvmrc", range: range))
            }
        }
        return out
    }
}

extension WorkflowWalker {
    /// `actions/setup-node` steps against the repository's Node.js requirements.
    mutating func checkNodeVersions(_ jobs: Node) {
        guard !nodeRequirements.isEmpty, let entries = jobs.entries else { return }
        // A matrix value used by several setup-node steps is reported once.
        var seen: Set<Int> = []
        for job in entries {
            guard let steps = job.value["steps"]?.items else { continue }
            for step in steps {
                guard let uses = step["uses"]?.stringValue?.lowercased(), uses.hasPrefix("actions/setup-node@"),
                      let value = step["with"]?["node-version"], let scalar = value.scalar,
                      scalar.kind == .string || scalar.kind == .number else { continue }
                if scalar.text.contains("${{") {
                    guard let key = Self.matrixReference(scalar.text),
                          let row = Self.matrixRow(key, strategy: job.value["strategy"]) else { continue }
                    for item in row where seen.insert(item.range.start.offset).inserted {
                        checkNodeVersion(item, what: "Matrix value `\(key)`")
                    }
                } else if seen.insert(value.range.start.offset).inserted {
                    checkNodeVersion(value, what: "node-version")
                }
            }
        }
    }

    /// Reports a literal version whose major no requirement allows.
    mutating func checkNodeVersion(_ node: Node, what: String) {
        guard let s = node.scalar, s.kind == .string || s.kind == .number, !s.text.contains("${{"),
              let major = NodeMajorRange.parse(s.text)?.singleMajor else { return }
        let failing = nodeRequirements.filter { !$0.range.contains(major) }
        guard !failing.isEmpty else { return }
        let sources = failing.map(\.description).joined(separator: " and ")
        let subject = what == "node-version" ? "node-version '\(s.text)'" : "\(what) '\(s.text)' (used as node-version)"
        report(
            WorkflowRules.nodeVersionMismatch,
            "\(subject) does not satisfy \(sources); use a Node.js version the project supports (or `node-version-file`), or widen the requirement if this version is supported.",
            node)
    }

    /// `matrix.<key>` when the whole value is `${{ matrix.<key> }}`.
    static func matrixReference(_ text: String) -> String? {
        var t = text.trimmingSpaces
        guard t.hasPrefix("${{"), t.hasSuffix("}}") else { return nil }
        t = String(t.dropFirst(3).dropLast(2)).trimmingSpaces
        guard t.lowercased().hasPrefix("matrix.") else { return nil }
        let key = String(t.dropFirst("matrix.".count))
        guard !key.isEmpty, key.unicodeScalars.allSatisfy({ ExpressionLexer.isIdentPart($0) }) else { return nil }
        return key
    }

    /// The literal values of matrix row `key` (the row's list and `include` entries).
    static func matrixRow(_ key: String, strategy: Node?) -> [Node]? {
        guard let matrix = strategy?["matrix"], let rows = matrix.entries else { return nil }
        var out: [Node] = []
        for r in rows {
            if r.keyText.lowercased() == key.lowercased(), let items = r.value.items {
                out.append(contentsOf: items.filter { $0.scalar != nil })
            } else if r.keyText == "include", let items = r.value.items {
                for item in items {
                    if let v = item.entries?.first(where: { $0.keyText.lowercased() == key.lowercased() })?.value, v.scalar != nil {
                        out.append(v)
                    }
                }
            }
        }
        return out
    }
}
