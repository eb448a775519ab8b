import LintCore

/// The rules the YAML loader emits.
enum YAMLRules {
    static let syntax = RuleDescription(
        id: "yaml/syntax",
        kind: .yaml,
        severity: .error,
        summary: "Reports YAML that cannot be parsed: syntax errors, invalid UTF-8 or control characters, undefined or recursive aliases, nesting deeper than 1,000 levels, and values that do not match their explicit `!!int`/`!!float`/`!!bool`/`!!null` tag.",
        rationale: "A file that does not parse cannot be checked at all, and tools that read it (GitHub Actions, the ClubOS loaders) will reject it or, worse, read something other than what was intended.",
        help: "Fix the syntax at the reported position: indent with spaces (never tabs), keep entries of one mapping in the same column, and quote values that start with or contain YAML indicators such as `@`, `` ` ``, `: `, ` #`, `[`, `{`, `*` or `&`.",
        triggering: [
            RuleExample("name: build\nowner: ↓@ops-team\n", path: "example.yaml"),
            RuleExample("steps:\n  - run: make\n    env: {A: 1\n↓", path: "example.yaml"),
            RuleExample("timeout: ↓!!int soon\n", path: "example.yaml"),
            RuleExample("job:\n  image: &img node:20\n  cache: ↓*image\n", path: "example.yaml"),
        ],
        nonTriggering: [
            RuleExample("name: build\nowner: \"@ops-team\"\n", path: "example.yaml"),
            RuleExample("steps:\n  - run: make\n    env: {A: 1}\n", path: "example.yaml"),
            RuleExample("timeout: !!int 30\n", path: "example.yaml"),
            RuleExample("", path: "example.yaml"),
        ])

    static let duplicateKey = RuleDescription(
        id: "yaml/duplicate-key",
        kind: .yaml,
        severity: .error,
        summary: "Reports a mapping key that appears more than once in the same mapping.",
        rationale: "YAML requires keys to be unique. Parsers disagree on duplicates: most silently keep the last value, so an earlier setting is lost without any warning.",
        help: "Remove one of the two entries, or rename the key if both values are needed.",
        triggering: [
            RuleExample("name: first\ntimeout: 30\n↓name: second\n", path: "example.yaml"),
            RuleExample("env: {REGION: us, ↓REGION: eu}\n", path: "example.yaml"),
        ],
        nonTriggering: [
            RuleExample("name: first\ntitle: second\n", path: "example.yaml"),
            RuleExample("a:\n  name: x\nb:\n  name: y\n", path: "example.yaml"),
            RuleExample("1: number key\n\"1\": string key\n", path: "example.yaml"),
        ])

    static let aliasBudget = RuleDescription(
        id: "yaml/alias-budget",
        kind: .yaml,
        severity: .error,
        summary: "Rejects YAML whose aliases expand to more than max(100,000, 50 × the written node count) nodes (\"billion laughs\").",
        rationale: "Aliases of aliases expand exponentially: a few lines can describe billions of nodes, which exhausts memory and time in every tool that reads the file.",
        help: "Do not nest aliases of aliases; write the repeated data out, or restructure it so that it is shared by reference in the consuming tool.",
        triggering: [
            RuleExample(
                """
                a: &a [x, x, x, x, x, x, x, x, x, x]
                b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
                c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
                d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
                e: &e [*d, *d, *d, *d, *d, *d, *d, ↓*d, *d, *d]

                """, path: "example.yaml"),
        ],
        nonTriggering: [
            RuleExample("defaults: &defaults\n  retries: 3\njob:\n  settings: *defaults\n", path: "example.yaml"),
        ])

    static let all: [RuleDescription] = [syntax, duplicateKey, aliasBudget]
}

extension YAMLLoader {
    /// Descriptions of `yaml/syntax`, `yaml/duplicate-key` and `yaml/alias-budget`.
    public static let rules: [RuleDescription] = YAMLRules.all
}
