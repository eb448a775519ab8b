import LintCore

/// Environment variable names read by the configs and declared by the template.
struct EnvNameIndex {
    /// References in source order (configs in path order), deduplicated by position.
    var references: [(config: EnvironmentConfigFile, ref: EnvReference)] = []
    var declared: [DotenvEntry] = []

    init(_ project: EnvironmentProject) {
        for c in project.configs {
            var seen = Set<Int>()
            for r in c.envReferences where seen.insert(r.range.start.offset).inserted {
                references.append((c, r))
            }
        }
        declared = project.example?.document.entries ?? []
    }
}

/// `environment/undeclared-env-var`: a config reads a variable the template does not declare.
struct UndeclaredEnvVarRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/undeclared-env-var", kind: .environment, severity: .error,
        summary: "Reports an environment variable that `config/environments.*` reads but `.env.example` does not declare.",
        rationale: "`.env.example` is the list of what a deployment must set. A variable read but not declared is missed when a new environment is set up, and the config silently gets `undefined` (ClubOS once declared 61 keys while the code read 141).",
        help: "Declare the variable in .env.example with a placeholder value (`NAME=`).",
        triggering: [
            RuleExample("export const config = {\n  development: { database: process.env.DATABASE_URL || 'postgresql://localhost/clubos_dev' },\n  production: { database: ↓process.env.PRODUCTION_DATABASE_URL }\n};\n", path: "config/environments.ts", context: [".env.example": "DATABASE_URL=\n"]),
            RuleExample("export const config = { production: { database: ↓process.env['PRODUCTION_DATABASE_URL'] } };\n", path: "config/environments.ts"),
        ],
        nonTriggering: [
            RuleExample("export const config = {\n  development: { database: process.env.DATABASE_URL || 'postgresql://localhost/clubos_dev' },\n  production: { database: process.env.PRODUCTION_DATABASE_URL }\n};\n", path: "config/environments.ts", context: [".env.example": "DATABASE_URL=\nPRODUCTION_DATABASE_URL=\n"]),
        ])

    func finish(project: EnvironmentProject, context: EnvironmentRuleContext) -> [Diagnostic] {
        let index = EnvNameIndex(project)
        let declared = Set(index.declared.map(\.key))
        return index.references.compactMap { c, r in
            guard !declared.contains(r.name) else { return nil }
            let why = project.example == nil
                ? "there is no \(project.examplePath): create it and declare `\(r.name)=`"
                : "\(project.examplePath) does not declare it: add `\(r.name)=` with a placeholder value"
            return description.diagnostic("`\(r.name)` is read here but \(why)", file: c.file.path, range: r.range)
        }
    }
}

/// `environment/unused-env-var`: a template key that no config reads.
struct UnusedEnvVarRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/unused-env-var", kind: .environment, severity: .info,
        summary: "Reports a key in `.env.example` that no `config/environments.*` file reads.",
        rationale: "Stale template keys make people set values nothing uses and hide which settings really matter; the same setting often ends up declared under two names.",
        help: "Remove the key from .env.example, or read it in config/environments.ts.",
        triggering: [
            RuleExample("DATABASE_URL=\n↓LEGACY_REDIS_URL=\n", path: ".env.example", context: ["config/environments.ts": "export const config = { development: { database: process.env.DATABASE_URL } };\n"]),
        ],
        nonTriggering: [
            RuleExample("DATABASE_URL=\n", path: ".env.example", context: ["config/environments.ts": "export const config = { development: { database: process.env.DATABASE_URL } };\n"]),
            RuleExample("LEGACY_REDIS_URL=\n", path: ".env.example"),
        ])

    func finish(project: EnvironmentProject, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard let example = project.example, !project.configs.isEmpty else { return [] }
        let read = Set(EnvNameIndex(project).references.map(\.ref.name))
        var seen = Set<String>()
        return example.document.entries.compactMap { e in
            guard !read.contains(e.key), seen.insert(e.key).inserted else { return nil }
            return description.diagnostic(
                "`\(e.key)` is declared in \(example.name) but no config reads it: remove it, or read it in config/environments.ts",
                file: example.file.path, range: e.keyRange)
        }
    }
}

/// `environment/near-duplicate-env-var`: one setting under two names.
struct NearDuplicateEnvVarRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/near-duplicate-env-var", kind: .environment, severity: .warning,
        summary: "Reports two environment variable names (declared in `.env.example` or read by the config) that differ by one extra `_` word or, for names of 10+ characters, by at most two edits. Names differing only by an environment word (STAGING_, PROD_…) or by digits are not reported.",
        rationale: "ClubOS had one setting under two names (BOOKING_GPT_ID and BOOKING_ACCESS_GPT_ID): one deployment set one name, the code read the other, and the feature ran with the wrong value.",
        help: "Pick one name, use it everywhere, and remove the other.",
        triggering: [
            RuleExample("BOOKING_GPT_ID=\n↓BOOKING_ACCESS_GPT_ID=\n", path: ".env.example"),
            RuleExample("SLACK_WEBHOOK_URL=\n↓SLACK_WEBHOK_URL=\n", path: ".env.example"),
        ],
        nonTriggering: [
            RuleExample("DATABASE_URL=\nSTAGING_DATABASE_URL=\nPRODUCTION_DATABASE_URL=\nSLACK_WEBHOOK_1=\nSLACK_WEBHOOK_2=\nSENTRY_DSN=\nNODE_ENV=\n", path: ".env.example"),
        ])

    static let environmentWords: Set<String> = ["DEV", "DEVELOPMENT", "STAGING", "STAGE", "PROD", "PRODUCTION", "TEST", "LOCAL", "QA", "PREVIEW"]

    func finish(project: EnvironmentProject, context: EnvironmentRuleContext) -> [Diagnostic] {
        let index = EnvNameIndex(project)
        // Each name once, at its first place: the template first, then the configs.
        var names: [(name: String, file: String, range: SourceRange)] = []
        var seen = Set<String>()
        if let ex = project.example {
            for e in index.declared where seen.insert(e.key).inserted { names.append((e.key, ex.file.path, e.keyRange)) }
        }
        for (c, r) in index.references where seen.insert(r.name).inserted { names.append((r.name, c.file.path, r.range)) }
        guard names.count <= 2_000 else { return [] }
        let words = Set(context.settings.environments.map { $0.uppercased() }).union(NearDuplicateEnvVarRule.environmentWords)
        var out: [Diagnostic] = []
        for b in names.indices {
            for a in 0..<b where NearDuplicateEnvVarRule.similar(names[a].name, names[b].name, environmentWords: words) {
                out.append(description.diagnostic(
                    "`\(names[b].name)` looks like a second name for `\(names[a].name)`: use one name for one setting and remove the other",
                    file: names[b].file, range: names[b].range))
                break
            }
        }
        return out
    }

    static func similar(_ a: String, _ b: String, environmentWords: Set<String>) -> Bool {
        guard a != b else { return false }
        let ta = a.uppercased().split(separator: "_").map(String.init)
        let tb = b.uppercased().split(separator: "_").map(String.init)
        // Same words but one extra (not an environment word).
        let (short, long) = ta.count < tb.count ? (ta, tb) : (tb, ta)
        if long.count == short.count + 1 {
            for k in long.indices {
                var copy = long
                let extra = copy.remove(at: k)
                if copy == short { return !environmentWords.contains(extra) }
            }
        }
        // Small edits on long names, unless they differ only in digits.
        let sa = Array(a.uppercased().unicodeScalars), sb = Array(b.uppercased().unicodeScalars)
        guard min(sa.count, sb.count) >= 10, abs(sa.count - sb.count) <= 2 else { return false }
        let lettersA = sa.filter { !($0 >= "0" && $0 <= "9") }, lettersB = sb.filter { !($0 >= "0" && $0 <= "9") }
        if lettersA == lettersB { return false }
        if ta.count == tb.count, zip(ta, tb).filter({ $0 != $1 }).allSatisfy({ environmentWords.contains($0) && environmentWords.contains($1) }) { return false }
        return editDistance(sa, sb, limit: 2) <= 2
    }

    /// Levenshtein distance, stopping early above `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = Swift.min(rowMin, cur[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
