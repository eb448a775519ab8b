import LintCore

/// The explicit registry of environment rules.
public enum EnvironmentRules {
    /// Every rule, in documentation order.
    public static let all: [any EnvironmentRule] = [
        SyntaxRule(),
        DuplicateEnvKeyRule(),
        InvalidEnvKeyRule(),
        MissingEnvironmentRule(),
        InconsistentKeysRule(),
        TypeDriftRule(),
        DatabaseFromEnvRule(),
        LocalDevDatabaseRule(),
        SentrySampleRateRule(),
        SentryDSNFromEnvRule(),
        LiteralSecretRule(),
        CommittedDotenvRule(),
        ExamplePlaceholderRule(),
        InvalidEnvValueRule(),
        UndeclaredEnvVarRule(),
        UnusedEnvVarRule(),
        NearDuplicateEnvVarRule(),
    ]

    /// The descriptions of every rule.
    public static var descriptions: [RuleDescription] { all.map(\.description) }

    /// `environment/syntax`, emitted by the TypeScript and dotenv readers.
    public static let syntax = RuleDescription(
        id: "environment/syntax", kind: .environment, severity: .error,
        summary: "Reports environment files that cannot be read: unterminated strings, templates, comments and quotes, unbalanced brackets, dotenv lines without `=`, and values nested too deeply.",
        rationale: "A config file that does not parse is rejected by Node.js and by this tool alike; every other environment rule silently sees less than the real file.",
        help: "Fix the syntax at the reported position.",
        triggering: [
            RuleExample("export const config = {\n  development: {\n    database: ↓'postgresql://localhost/clubos_dev,\n  },\n};\n", path: "config/environments.ts"),
            RuleExample("export const config = {\n  development: {}\n};\n↓/* unfinished comment\n", path: "config/environments.ts"),
            RuleExample("DATABASE_URL=↓\"postgresql://localhost/clubos_dev\n", path: ".env.example"),
            RuleExample("↓DATABASE_URL\n", path: ".env.example"),
        ],
        nonTriggering: [
            RuleExample("// comment\nexport const config = {\n  /* block */ development: { name: `dev`, 'quoted-key': \"x\", limit: 1_000, },\n} as const;\n", path: "config/environments.ts"),
            RuleExample("# comment\nexport DATABASE_URL=\"postgresql://localhost/clubos_dev\"\nEMPTY=\n", path: ".env.example"),
        ])

    /// Masks a value for a message (first 4 characters, then `…`).
    static func masked(_ value: String) -> String { Secrets.mask(value) }

    /// An info-level note that a rule skipped a value it could not compute.
    static func skipped(_ rule: RuleDescription, what: String, node: Node, file: SourceFile) -> Diagnostic {
        var d = rule.diagnostic("\(what) is computed (\(Describe.value(node))), so it was not checked: write it as a literal to have it checked",
                                file: file.path, range: node.range)
        d.severity = .info
        return d
    }
}
