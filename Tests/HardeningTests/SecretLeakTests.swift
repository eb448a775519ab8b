import Foundation
import Testing
import LintCore
import Reporters
import PostgresDryRun

/// Secrets planted in every kind of input must never appear in any report.
@Suite struct SecretLeakTests {
    static let anthropic = "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd"
    static let anthropicPrompt = "sk-ant-api03-ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210zyxw"
    static let aws = "AKIAIOSFODNN7EXAMPLQ"
    static let github = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"
    static let slack = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
    static let password = "S3cretPassw0rd"
    static let url = "postgresql://clubos:\(password)@db.example.com/clubos"
    static let secrets = [anthropic, anthropicPrompt, aws, github, slack, password]

    static let files: [String: String] = [
        "config/environments.ts": """
        export const config = {
          development: {
            database: process.env.DATABASE_URL || 'postgresql://localhost/clubos_dev',
            claudeAutoApprove: false,
            slackNotifications: false,
            apiRateLimit: 1000
          },
          production: {
            database: '\(url)',
            anthropicKey: '\(anthropic)',
            slackToken: '\(slack)',
            claudeAutoApprove: false,
            slackNotifications: true,
            apiRateLimit: 50,
            requireApprovals: 2
          }
        };

        """,
        ".env.example": """
        DATABASE_URL=\(url)
        AWS_ACCESS_KEY_ID=\(aws)
        GITHUB_TOKEN=\(github)
        SLACK_BOT_TOKEN=\(slack)
        ANTHROPIC_API_KEY=\(anthropic)

        """,
        "prompts/router.md": """
        ---
        name: router
        ---
        Use key \(anthropicPrompt) to call Claude.
        Token \(github) and \(aws) and \(slack).
        Database \(url).

        """,
        "migrations/001_init.sql": """
        -- connect with \(url)
        -- aws \(aws) slack \(slack) github \(github) key \(anthropic)
        CREATE TABLE t (id bigint PRIMARY KEY);

        """,
    ]

    static func leaks(_ text: String) -> [String] {
        secrets.filter { text.contains($0) }
    }

    @Test(arguments: ["text", "json", "junit", "sarif", "github"])
    func noFormatRepeatsASecret(_ format: String) throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (path, text) in Self.files { try write(text, to: dir.appendingPathComponent(path)) }
        let html = dir.appendingPathComponent("report.html")
        let r = try runTool(["check", "--format", format, "--html", html.path], cwd: dir)
        #expect(r.exitedCleanly && r.status == 1, "status \(r.status): \(r.stderr)")
        // The secrets were found (the run is meaningful) …
        #expect(r.stdout.contains("sk-a…") || r.stdout.contains("sk-a\\u2026"), "no masked Anthropic key in \(format)")
        // … and never printed whole.
        #expect(Self.leaks(r.stdout).isEmpty, "\(format) stdout leaks \(Self.leaks(r.stdout).map(SecretMasking.mask))")
        #expect(Self.leaks(r.stderr).isEmpty, "\(format) stderr leaks \(Self.leaks(r.stderr).map(SecretMasking.mask))")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(Self.leaks(page).isEmpty, "HTML leaks \(Self.leaks(page).map(SecretMasking.mask))")
        #expect(page.contains("<mark>"))
    }

    @Test func maskingKeepsColumns() {
        let line = "    database: '\(Self.url)', key: '\(Self.anthropic)', aws \(Self.aws) gh \(Self.github) \(Self.slack)"
        let masked = SecretMasking.maskSecrets(in: line)
        #expect(masked.unicodeScalars.count == line.unicodeScalars.count)
        #expect(Self.leaks(masked).isEmpty, "\(masked)")
        #expect(masked.contains("S3cr…"))
        #expect(masked.contains("postgresql://clubos:"))
        #expect(masked.contains("@db.example.com/clubos"))
        #expect(masked.contains("sk-a…"))
        #expect(masked.contains("AKIA…"))
        #expect(masked.contains("ghp_…"))
        #expect(masked.contains("xoxb…"))
    }

    @Test(arguments: [
        "nothing secret here",
        "postgresql://localhost/clubos_dev",
        "https://example.com/a:b@c",   // `@` after the path, not userinfo
        "sk-short",
        "AKIA is a prefix",
        "ghp_short",
        "xoxb",
        "",
    ])
    func maskingLeavesOrdinaryTextAlone(_ text: String) {
        #expect(SecretMasking.maskSecrets(in: text) == text)
        #expect(!SecretMasking.containsSecret(text))
    }

    @Test(arguments: [
        ("postgresql://u:pw@h/db", "postgresql://u:…*@h/db"),
        ("https://0123456789abcdef0123456789abcdef@o1.ingest.sentry.io/1", "https://0123…" + String(repeating: "*", count: 27) + "@o1.ingest.sentry.io/1"),
        ("redis://:longpassword@cache:6379", "redis://:long…*******@cache:6379"),
    ])
    func maskingURLs(_ text: String, _ expected: String) {
        #expect(SecretMasking.maskSecrets(in: text) == expected)
    }

    @Test func mask() {
        #expect(SecretMasking.mask(Self.anthropic) == "sk-a…")
        #expect(SecretMasking.mask("ab") == "ab…")
    }

    @Test func postgresPasswordMasking() {
        let text = "could not connect to \(Self.url) (host=db password=\(Self.password) user=clubos)"
        let masked = maskPassword(in: text)
        #expect(!masked.contains(Self.password), "\(masked)")
        #expect(masked.contains("db.example.com"))
    }
}
