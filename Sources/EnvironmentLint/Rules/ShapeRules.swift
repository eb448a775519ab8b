import LintCore

/// `environment/missing-environment`: a configured environment has no block.
struct MissingEnvironmentRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/missing-environment", kind: .environment, severity: .error,
        summary: "Reports an environment from `settings.environment.environments` (default: development, staging, production) that the config does not define.",
        rationale: "Code that looks up the missing environment gets `undefined` and falls back to whatever defaults it has, which is how production ends up running with development settings.",
        help: "Add the environment block with the same keys as the others.",
        triggering: [
            RuleExample("export const config = ↓{\n  development: { apiRateLimit: 1000 },\n  production: { apiRateLimit: 50 }\n};\n", path: "config/environments.ts"),
            RuleExample("↓{\"development\": {\"apiRateLimit\": 1000}, \"staging\": {\"apiRateLimit\": 100}}\n", path: "config/environments.json"),
            RuleExample("export const settings = ↓{ apiRateLimit: 50 };\n", path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample("export default {\n  development: {},\n  staging: {},\n  production: {},\n};\n", path: "config/environments.ts"),
            RuleExample("{\"development\": {}, \"staging\": {},}\n", path: "config/environments.json"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        let names = context.settings.environments
        guard let container = config.environmentsNode(names: names) else {
            // A file that does not parse is reported by the syntax rules alone.
            if config.diagnostics.contains(where: { $0.severity == .error }) { return [] }
            return [description.diagnostic(
                "no environment is defined: export an object with \(names.map { "`\($0)`" }.joined(separator: ", ")) blocks",
                file: config.file.path, range: config.configObject(names: names)?.range ?? .fileStart)]
        }
        if config.isOpen(container) { return [] }  // keys come from a spread that could not be read
        let at = container.range
        return names.compactMap { name in
            guard container.entry(name) == nil else { return nil }
            return description.diagnostic(
                "environment `\(name)` is missing: add a `\(name)` block with the same keys as the other environments",
                file: config.file.path, range: at)
        }
    }
}

/// Keys and values of one environment block, by dotted path.
enum EnvironmentShape {
    static let maxDepth = 16

    /// The type name of a value for comparisons, or nil when it is computed.
    static func typeName(_ node: Node, in config: EnvironmentConfigFile) -> String? {
        switch node.value {
        case .mapping: return "an object"
        case .sequence: return "an array"
        case .scalar(let s):
            switch s.kind {
            case .string: return "a string"
            case .number: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            case .dynamic: return config.envReference(for: node) != nil ? "a string" : nil
            }
        }
    }
}

/// `environment/inconsistent-keys`: environments with different keys.
struct InconsistentKeysRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/inconsistent-keys", kind: .environment, severity: .error,
        summary: "Reports a key that some environments define and others do not (nested objects included), except the per-environment extras allowed by `settings.environment.extras` (default: `requireApprovals` in staging and production).",
        rationale: "A key missing from one environment reads as `undefined` there; the code path that was tested in development is not the one production runs.",
        help: "Define the key in every environment, or declare it as an allowed extra in settings.environment.extras.",
        triggering: [
            RuleExample("export const config = {\n  development: { apiRateLimit: 1000, slackNotifications: false },\n  staging: { apiRateLimit: 100, slackNotifications: true },\n  ↓production: { slackNotifications: true }\n};\n", path: "config/environments.ts"),
            RuleExample("export const config = {\n  development: { apiRateLimit: 1000, ↓requireApprovals: 0 },\n  staging: { apiRateLimit: 100, requireApprovals: 1 },\n  production: { apiRateLimit: 50, requireApprovals: 2 }\n};\n", path: "config/environments.ts"),
            RuleExample("export const config = {\n  development: { db: { pool: 5, ssl: false } },\n  staging: { db: { pool: 5, ssl: true } },\n  production: { ↓db: { pool: 20 } }\n};\n", path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample("export const config = {\n  development: { apiRateLimit: 1000 },\n  staging: { apiRateLimit: 100, requireApprovals: 1 },\n  production: { apiRateLimit: 50, requireApprovals: 2 }\n};\n", path: "config/environments.ts"),
            RuleExample("const base = { apiRateLimit: 100, slackNotifications: true };\nexport const config = {\n  development: { ...base, apiRateLimit: 1000 },\n  staging: { ...base },\n  production: { ...base, apiRateLimit: 50 }\n};\n", path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let env = EnvironmentBlocks(config, context.settings) else { return [] }
        var out: [Diagnostic] = []
        let blocks = env.blocks.filter { $0.value.entries != nil }
        compare(blocks.map { ($0.name, $0.key, $0.value) }, path: "", depth: 0, config: config, extras: context.settings.extras, out: &out)
        return out
    }

    /// Compares the keys of `nodes` (one per environment); `at` is where a missing key is reported.
    func compare(_ nodes: [(name: String, at: Node, value: Node)], path: String, depth: Int, config: EnvironmentConfigFile, extras: [String: [String]], out: inout [Diagnostic]) {
        guard depth < EnvironmentShape.maxDepth, nodes.count > 1 else { return }
        var order: [String] = []
        var owner: [String: String] = [:]
        for n in nodes {
            for e in n.value.entries ?? [] where owner[e.keyText] == nil {
                owner[e.keyText] = n.name
                order.append(e.keyText)
            }
        }
        for key in order {
            let dotted = path.isEmpty ? key : path + "." + key
            if depth == 0, let allowed = extras[key] {
                for n in nodes where !allowed.contains(n.name) {
                    if let e = n.value.entry(key) {
                        out.append(description.diagnostic(
                            "`\(key)` is only expected in \(allowed.joined(separator: ", ")), not in \(n.name): remove it, or list \(n.name) for `\(key)` in settings.environment.extras",
                            file: config.file.path, range: e.key.range))
                    }
                }
                continue
            }
            for n in nodes where n.value.entry(key) == nil && !config.isOpen(n.value) {
                out.append(description.diagnostic(
                    "\(n.name) has no `\(dotted)`, which \(owner[key] ?? "another environment") has: add it to \(n.name) so every environment has the same keys",
                    file: config.file.path, range: n.at.range))
            }
            // Nested objects present in several environments.
            let children = nodes.compactMap { n -> (name: String, at: Node, value: Node)? in
                guard let e = n.value.entry(key), e.value.entries != nil else { return nil }
                return (n.name, e.key, e.value)
            }
            compare(children, path: dotted, depth: depth + 1, config: config, extras: extras, out: &out)
        }
    }
}

/// `environment/type-drift`: one key with different types across environments.
struct TypeDriftRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/type-drift", kind: .environment, severity: .error,
        summary: "Reports a key whose value has a different type in one environment than in the first environment that defines it (string, number, boolean, null, object, array; an environment variable counts as a string).",
        rationale: "`apiRateLimit: '100'` compares and adds as a string: `'100' + 1` is `'1001'`. Code tested against one type breaks in the environment that uses another.",
        help: "Use the same type in every environment.",
        triggering: [
            RuleExample("export const config = {\n  development: { apiRateLimit: 1000 },\n  staging: { apiRateLimit: ↓'100' },\n  production: { apiRateLimit: 50 }\n};\n", path: "config/environments.ts"),
            RuleExample("export const config = {\n  development: { slackNotifications: false },\n  staging: { slackNotifications: true },\n  production: { slackNotifications: ↓'yes' }\n};\n", path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample("export const config = {\n  development: { database: process.env.DATABASE_URL || 'postgresql://localhost/dev', limit: 1_000 },\n  staging: { database: process.env.STAGING_DATABASE_URL, limit: 0x64 },\n  production: { database: 'postgresql://db/prod', limit: 5e1 }\n};\n", path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let env = EnvironmentBlocks(config, context.settings) else { return [] }
        var out: [Diagnostic] = []
        compare(env.blocks.filter { $0.value.entries != nil }.map { ($0.name, $0.value) }, path: "", depth: 0, config: config, out: &out)
        return out
    }

    func compare(_ nodes: [(name: String, value: Node)], path: String, depth: Int, config: EnvironmentConfigFile, out: inout [Diagnostic]) {
        guard depth < EnvironmentShape.maxDepth, nodes.count > 1 else { return }
        var order: [String] = []
        var seen = Set<String>()
        for n in nodes { for e in n.value.entries ?? [] where seen.insert(e.keyText).inserted { order.append(e.keyText) } }
        for key in order {
            let dotted = path.isEmpty ? key : path + "." + key
            var reference: (env: String, type: String)? = nil
            for n in nodes {
                guard let v = n.value[key], let t = EnvironmentShape.typeName(v, in: config) else { continue }
                if let r = reference {
                    if r.type != t {
                        out.append(description.diagnostic(
                            "`\(dotted)` is \(t) in \(n.name) but \(r.type) in \(r.env): use the same type in every environment",
                            file: config.file.path, range: v.range))
                    }
                } else {
                    reference = (n.name, t)
                }
            }
            let children = nodes.compactMap { n -> (name: String, value: Node)? in
                guard let v = n.value[key], v.entries != nil else { return nil }
                return (n.name, v)
            }
            compare(children, path: dotted, depth: depth + 1, config: config, out: &out)
        }
    }
}
