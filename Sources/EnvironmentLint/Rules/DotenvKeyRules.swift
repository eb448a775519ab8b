import LintCore

/// `environment/duplicate-env-key`: a dotenv key set twice.
struct DuplicateEnvKeyRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/duplicate-env-key", kind: .environment, severity: .error,
        summary: "Reports a dotenv key that is set more than once in the same file.",
        rationale: "Loaders disagree on which line wins (dotenv keeps the first, shells keep the last), so the same file configures different values in different tools.",
        help: "Remove one of the two lines.",
        triggering: [
            RuleExample("DATABASE_URL=postgresql://localhost/a\nNODE_ENV=development\n↓DATABASE_URL=postgresql://localhost/b\n", path: ".env.example"),
            RuleExample("export PORT=3000\r\n↓PORT=4000\r\n", path: ".env.example"),
        ],
        nonTriggering: [
            RuleExample("DATABASE_URL=postgresql://localhost/a\nDATABASE_URL_REPLICA=postgresql://localhost/b\n", path: ".env.example"),
        ])

    func check(dotenv: DotenvFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        var first: [String: DotenvEntry] = [:]
        var out: [Diagnostic] = []
        for e in dotenv.document.entries {
            if let f = first[e.key] {
                out.append(description.diagnostic(
                    "`\(e.key)` is already set on line \(f.keyRange.start.line): remove one of the two lines",
                    file: dotenv.file.path, range: e.keyRange))
            } else {
                first[e.key] = e
            }
        }
        return out
    }
}

/// `environment/invalid-env-key`: a dotenv key that is not a variable name.
struct InvalidEnvKeyRule: EnvironmentRule {
    let description = RuleDescription(
        id: "environment/invalid-env-key", kind: .environment, severity: .error,
        summary: "Reports a dotenv key that is not a valid environment variable name (`[A-Za-z_][A-Za-z0-9_]*`).",
        rationale: "Shells and most loaders cannot export such a name, so the setting silently never reaches the process.",
        help: "Rename the key using letters, digits and `_`, not starting with a digit.",
        triggering: [
            RuleExample("↓SLACK-WEBHOOK=\n", path: ".env.example"),
            RuleExample("↓1PASSWORD_VAULT=\n", path: ".env.example"),
            RuleExample("↓=value\n", path: ".env.example"),
        ],
        nonTriggering: [
            RuleExample("SLACK_WEBHOOK_URL=\n_PRIVATE=\nexport A1=\n", path: ".env.example"),
        ])

    func check(dotenv: DotenvFile, context: EnvironmentRuleContext) -> [Diagnostic] {
        dotenv.document.entries.compactMap { e in
            guard !DotenvParser.isValidKey(e.key) else { return nil }
            let shown = e.key.isEmpty ? "an empty key" : "`\(e.key)`"
            return description.diagnostic(
                "\(shown) is not a valid variable name: use letters, digits and `_`, not starting with a digit",
                file: dotenv.file.path, range: e.keyRange.start == e.keyRange.end ? SourceRange(e.keyRange.start) : e.keyRange)
        }
    }
}
