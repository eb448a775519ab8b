import Testing
@testable import LintCore

@Suite struct GlobTests {
    @Test(arguments: [
        (".github/workflows/*.y{a,}ml", ".github/workflows/ci.yml", true),
        (".github/workflows/*.y{a,}ml", ".github/workflows/ci.yaml", true),
        (".github/workflows/*.y{a,}ml", ".github/workflows/sub/ci.yml", false),
        ("prompts/**", "prompts/a/b.prompt", true),
        ("prompts/**", "prompts/x.md", true),
        ("prompts/**", "other/prompts/x.md", false),
        ("migrations/**/*.sql", "migrations/001_a.sql", true),
        ("migrations/**/*.sql", "migrations/old/001_a.sql", true),
        ("feedback/**/*.json{,l}", "feedback/2024/a.jsonl", true),
        ("feedback/**/*.json{,l}", "feedback/a.json", true),
        ("feedback/**/*.json{,l}", "feedback/a.json5", false),
        ("config/environments.*", "config/environments.ts", true),
        (".env*", ".env.example", true),
        (".env*", "sub/.env", true),
        ("*.sql", "a/b/c.sql", true),
        ("a/[bc]?.txt", "a/cx.txt", true),
        ("a/[!bc]?.txt", "a/cx.txt", false),
        ("**/node_modules/**", "x/node_modules/y/z.js", true),
        ("a*b*c", "axxbyyc", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }

    /// Whether files below a directory could match (unreadable directories).
    @Test(arguments: [
        ("migrations/**/*.sql", "", true),
        ("migrations/**/*.sql", "migrations", true),
        ("migrations/**/*.sql", "migrations/old/deeper", true),
        ("migrations/**/*.sql", "pgdata", false),
        (".github/workflows/*.y{a,}ml", ".github", true),
        (".github/workflows/*.y{a,}ml", ".github/workflows", true),
        (".github/workflows/*.y{a,}ml", ".github/workflows/sub", false),
        ("config/environments.*", "config", true),
        ("config/environments.*", "config/environments.ts", false),
        ("**/node_modules/**", "anything/at/all", true),
        (".env*", "pgdata", false),
    ])
    func mayMatchUnder(pattern: String, directory: String, expected: Bool) {
        #expect(Glob(pattern).mayMatch(under: directory) == expected, "\(pattern) under \(directory)")
    }

    @Test func braceExpansion() {
        #expect(Glob.expandBraces("y{a,}ml") == ["yaml", "yml"])
        #expect(Glob.expandBraces("{a,{b,c}}x") == ["ax", "bx", "cx"])
        #expect(Glob.expandBraces("{a}") == ["{a}"])
    }
}
