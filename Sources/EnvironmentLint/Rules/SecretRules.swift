import LintCore

/// `environment/literal-secret`: secrets written into config files.
struct LiteralSecretRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/literal-secret", kind: .environment, severity: .error,
        summary: "Reports a secret written into a config file: a password in a URL (`scheme://user:pass@`), an Anthropic, OpenAI, AWS, GitHub or Slack key, or a Sentry DSN key. Findings show the secret masked.",
        rationale: "Anything in the repository is readable by everyone with access to it, forever (git history keeps it after deletion); a leaked Anthropic or Slack key is used within hours.",
        help: "Rotate the secret, then read it from an environment variable (process.env.NAME) and declare the name in .env.example.",
        triggering: [
            RuleExample("export const config = {\n  production: { database: ↓'postgresql://clubos:pr0d-pa55@db.clubos.internal/clubos' }\n};\n", path: "config/environments.ts"),
            RuleExample("export const ai = { anthropicKey: process.env.ANTHROPIC_API_KEY ?? ↓'sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345' };\n", path: "config/environments.ts"),
            RuleExample("export const slack = { token: ↓\"xoxb-1234567890-abcdefghijkl\" };\n", path: "config/environments.ts"),
            RuleExample("{\"production\": {\"aws\": ↓\"AKIAIOSFODNN7EXAMPLE\"}}\n", path: "config/environments.json"),
        ],
        nonTriggering: [
            RuleExample("export const config = {\n  development: { database: 'postgresql://localhost/clubos_dev' },\n  production: { database: process.env.PRODUCTION_DATABASE_URL, key: 'sk-short' }\n};\n", path: "config/environments.ts"),
            RuleExample("export const config = { development: { database: 'postgresql://user:<password>@localhost/clubos' } };\n", path: "config/environments.ts"),
        ])

    func check(config: EnvironmentConfigFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var seen = Set<Int>()
        var stack: [Node] = config.roots + config.calls.flatMap(\.arguments) + config.envReferences.compactMap(\.defaultValue)
        var budget = 200_000
        while let n = stack.popLast(), budget > 0 {
            budget -= 1
            switch n.value {
            case .scalar(let s):
                guard s.kind == .string, seen.insert(n.range.start.offset).inserted else { continue }
                for m in Secrets.find(in: s.text) {
                    out.append(description.diagnostic(
                        "\(m.kind) (`\(m.masked)`) is written in the file: rotate it, then read it from an environment variable with process.env",
                        file: config.file.path, range: n.range))
                }
            case .sequence(let items): stack.append(contentsOf: items)
            case .mapping(let entries): stack.append(contentsOf: entries.map(\.value))
            }
        }
        return out
    }
}

/// `environment/committed-dotenv`: a real dotenv file in the repository.
struct CommittedDotenvRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/committed-dotenv", kind: .environment, severity: .warning,
        summary: "Reports a dotenv file that is not a template (`.env`, `.env.production`…; templates end in `.example`, `.template` or `.sample`).",
        rationale: "Real dotenv files hold real credentials; once committed they are in every clone and in the git history.",
        help: "Remove it from the repository (`git rm --cached`), add it to .gitignore, rotate what it held, and keep only `.env.example` with placeholders. If the file is already git-ignored, exclude it in .clubos-lint.yaml.",
        triggering: [
            RuleExample("↓DATABASE_URL=postgresql://localhost/clubos_dev\n", path: ".env"),
            RuleExample("↓PRODUCTION_DATABASE_URL=\n", path: ".env.production"),
        ],
        nonTriggering: [
            RuleExample("DATABASE_URL=\n", path: ".env.example"),
            RuleExample("DATABASE_URL=\n", path: ".env.production.template"),
        ])

    func check(dotenv: DotenvFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard !dotenv.isTemplate else { return [] }
        return [description.diagnostic(
            "`\(dotenv.name)` is a real dotenv file in the repository: remove it from git, add it to .gitignore and keep only `.env.example`",
            file: dotenv.file.path, range: .fileStart)]
    }
}

/// `environment/example-placeholder`: templates hold placeholders only.
struct ExamplePlaceholderRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/example-placeholder", kind: .environment, severity: .error,
        summary: "Reports a value in `.env.example` (or another template) that looks like a real secret: a known key pattern, a password in a URL, or a random-looking value of a secret-named key.",
        rationale: "Templates are committed and copied around; a real value in one is a leaked secret, and people copy it into their own `.env` instead of getting their own credentials.",
        help: "Replace the value with a placeholder (empty, `changeme`, `<anthropic-api-key>`, `your-key-here`, `xxx`) and rotate the leaked secret.",
        triggering: [
            RuleExample("ANTHROPIC_API_KEY=↓sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345\n", path: ".env.example"),
            RuleExample("DATABASE_URL=↓\"postgresql://clubos:Tr0ub4dor@db.clubos.internal/clubos\"\n", path: ".env.example"),
            RuleExample("ENCRYPTION_KEY=↓9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c\n", path: ".env.example"),
        ],
        nonTriggering: [
            RuleExample("ANTHROPIC_API_KEY=\nOPENAI_API_KEY=changeme\nSLACK_BOT_TOKEN=<slack-bot-token>\nENCRYPTION_KEY=your-32-character-key\nAWS_SECRET_ACCESS_KEY=xxx\nDATABASE_URL=postgresql://user:password@localhost/clubos_dev\nNODE_ENV=development\n", path: ".env.example"),
        ])

    func check(dotenv: DotenvFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        guard dotenv.isTemplate else { return [] }
        var out: [Diagnostic] = []
        for e in dotenv.document.entries where !Secrets.isPlaceholder(e.value) {
            if let m = Secrets.find(in: e.value).first {
                out.append(description.diagnostic(
                    "`\(e.key)` in \(dotenv.name) holds \(m.kind) (`\(m.masked)`): replace it with a placeholder and rotate the secret",
                    file: dotenv.file.path, range: e.valueRange))
            } else if Secrets.isSecretName(e.key), Secrets.looksRandom(e.value) {
                out.append(description.diagnostic(
                    "`\(e.key)` in \(dotenv.name) looks like a real secret (`\(Secrets.mask(e.value))`): replace it with a placeholder such as `<\(e.key.lowercased().replacingUnderscores())>`",
                    file: dotenv.file.path, range: e.valueRange))
            }
        }
        return out
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}

/// `environment/invalid-env-value`: dotenv values against `settings.environment.values`.
struct InvalidEnvValueRule: EnvironmentRule {
    /// Used when the settings declare no `values`.
    static let defaults: [String: ValueConstraint] = [
        "ENCRYPTION_KEY": ValueConstraint(length: 32),
        "PORT": ValueConstraint(integer: true, min: 1, max: 65535),
        "DATABASE_URL": ValueConstraint(schemes: ["postgres", "postgresql"]),
    ]

    let description = RuleDescription(
        id: "environment/invalid-env-value", kind: .environment, severity: .error,
        summary: "Checks dotenv values against `settings.environment.values` (length, minLength, maxLength, integer, min, max, scheme); the default checks ENCRYPTION_KEY is 32 characters, PORT an integer 1–65535 and DATABASE_URL a postgres URL. Placeholders in templates are not checked.",
        rationale: "A 33-character encryption key or a port of `3000 ` fails only at runtime, often in the one environment nobody tested; checking the value where it is written catches it before deploy.",
        help: "Fix the value to meet the constraint, or change the constraint in settings.environment.values.",
        triggering: [
            RuleExample("ENCRYPTION_KEY=↓0123456789abcdef0123456789abcdefX\n", path: ".env.test"),
            RuleExample("PORT=↓70000\n", path: ".env.example"),
            RuleExample("DATABASE_URL=↓mysql://localhost/clubos\n", path: ".env.example"),
        ],
        nonTriggering: [
            RuleExample("ENCRYPTION_KEY=\nPORT=3000\nDATABASE_URL=postgresql://localhost/clubos_dev\n", path: ".env.example"),
            RuleExample("ENCRYPTION_KEY=<32-character-key>\n", path: ".env.example"),
        ])

    func check(dotenv: DotenvFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        let constraints = context.settings.values.isEmpty ? InvalidEnvValueRule.defaults : context.settings.values
        var out: [Diagnostic] = []
        for e in dotenv.document.entries {
            guard let c = constraints[e.key] else { continue }
            if dotenv.isTemplate, Secrets.isPlaceholder(e.value) { continue }
            if let problem = InvalidEnvValueRule.problem(e.value, c) {
                out.append(description.diagnostic("`\(e.key)` \(problem)", file: dotenv.file.path, range: e.valueRange))
            }
        }
        return out
    }

    /// What is wrong with `value`, or nil.
    static func problem(_ value: String, _ c: ValueConstraint) -> String? {
        let length = value.unicodeScalars.count
        if let l = c.length, length != l {
            return "is \(length) characters long but must be exactly \(l): use a \(l)-character value"
        }
        if let l = c.minLength, length < l { return "is \(length) characters long but must be at least \(l): use a longer value" }
        if let l = c.maxLength, length > l { return "is \(length) characters long but must be at most \(l): use a shorter value" }
        if c.integer || c.min != nil || c.max != nil {
            let isInteger = !value.isEmpty && value.utf8.enumerated().allSatisfy { k, b in (b >= 0x30 && b <= 0x39) || (k == 0 && b == UInt8(ascii: "-") && value.utf8.count > 1) }
            if c.integer, !isInteger { return "is '\(value)', not an integer: write a whole number without spaces or units" }
            guard let d = Double(value) else { return "is '\(value)', not a number: write a number" }
            if let m = c.min, d < m { return "is \(value), below the minimum \(Describe.number(m)): use a value from \(Describe.number(m))\(c.max.map { " to " + Describe.number($0) } ?? " up")" }
            if let m = c.max, d > m { return "is \(value), above the maximum \(Describe.number(m)): use a value\(c.min.map { " from " + Describe.number($0) } ?? "") up to \(Describe.number(m))" }
        }
        if let schemes = c.schemes, !schemes.isEmpty {
            let scheme = value.firstRange(of: "://").map { value[..<$0.lowerBound].lowercased() }
            if scheme == nil || !schemes.contains(scheme ?? "") {
                return "\(scheme.map { "uses the scheme `\($0)`" } ?? "is not a URL"): use a \(schemes.map { "`\($0)://`" }.joined(separator: " or ")) URL"
            }
        }
        return nil
    }
}

extension Describe {
    static func number(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}
