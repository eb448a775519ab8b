import LintCore
import Testing
@testable import EnvironmentLint

@Suite struct SecretsTests {
    @Test(arguments: [
        ("sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345", "an Anthropic API key", "sk-a…"),
        ("sk-proj-abcdefghijklmnopqrstuvwxyz0123", "an OpenAI API key", "sk-p…"),
        ("AKIAIOSFODNN7EXAMPLE", "an AWS access key id", "AKIA…"),
        ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "a GitHub token", "ghp_…"),
        ("github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "a GitHub token", "gith…"),
        ("xoxb-1234567890-abcdefghijkl", "a Slack token", "xoxb…"),
        ("postgresql://clubos:pr0d-pa55@db.example.com/clubos", "a password in a URL", "pr0d…"),
        ("https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/42", "a Sentry DSN key", "0123…"),
    ])
    func findsAndMasks(_ value: String, _ kind: String, _ masked: String) throws {
        let m = try #require(Secrets.find(in: value).first)
        #expect(m.kind == kind)
        #expect(m.masked == masked)
        #expect(!m.masked.contains(m.secret))
    }

    @Test(arguments: [
        "postgresql://localhost/clubos_dev", "postgresql://user:<password>@localhost/x", "postgresql://user:changeme@localhost/x",
        "sk-short", "https://o1.ingest.sentry.io/42", "AKIA-not-a-key", "plain text with sk- in it", "",
    ])
    func ignoresNonSecrets(_ value: String) {
        #expect(Secrets.find(in: value).isEmpty)
    }

    @Test(arguments: [("", true), ("changeme", true), ("<anthropic-key>", true), ("your-key-here", true), ("xxx", true), ("XXXXXXXX", true),
                      ("${SECRET}", true), ("realvalue", false), ("9f8a7b6c5d4e", false),
                      ("postgres://admin:hunter2@db.example.com/clubos", false)])
    func placeholders(_ value: String, _ expected: Bool) {
        #expect(Secrets.isPlaceholder(value) == expected)
    }

    @Test func maskNeverShowsMoreThanFourCharacters() {
        #expect(Secrets.mask("abcdefgh") == "abcd…")
        #expect(Secrets.mask("ab") == "ab…")
        #expect(Secrets.mask("é😀xyz") == "é😀xy…")
    }

    /// Findings about secrets never contain the secret itself.
    @Test func messagesMaskSecrets() throws {
        let secret = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345"
        let diags = try runChecker(files: [
            "config/environments.ts": "export const ai = { key: '\(secret)' };\n",
            ".env.example": "ANTHROPIC_API_KEY=\(secret)\n",
        ])
        let secretFindings = diags.filter { ["environment/literal-secret", "environment/example-placeholder"].contains($0.rule) }
        #expect(secretFindings.count == 2)
        for d in diags { #expect(!d.message.contains(secret) && !d.message.contains("api03"), "\(format(d))") }
        #expect(secretFindings.allSatisfy { $0.message.contains("`sk-a…`") })
    }
}
