import Foundation
import LintCore
import LintParsers
import Testing
@testable import EnvironmentLint

/// Settings as the driver passes them: the whole `settings:` mapping.
func settingsNode(_ json: String) throws -> Node {
    try #require(JSONParser.parse(SourceFile(path: "settings.json", text: json)).node)
}

@Suite struct SettingsAndCheckerTests {
    @Test func defaultSettings() {
        let s = EnvironmentSettings(context: CheckContext(root: "/"))
        #expect(s.environments == ["development", "staging", "production"])
        #expect(s.extras == ["requireApprovals": ["staging", "production"]])
        #expect(s.values.isEmpty)
    }

    @Test func settingsAreRead() throws {
        let node = try settingsNode("""
        {"environment": {"environments": ["dev", "prod"], "extras": {"debug": ["dev"]},
          "values": {"ENCRYPTION_KEY": {"length": 16}, "PORT": {"integer": true, "min": 1024, "max": 65535}, "REDIS_URL": {"scheme": "redis"}}}}
        """)
        let s = EnvironmentSettings(context: CheckContext(root: "/", settings: node))
        #expect(s.environments == ["dev", "prod"])
        #expect(s.extras == ["debug": ["dev"]])
        #expect(s.values["ENCRYPTION_KEY"] == ValueConstraint(length: 16))
        #expect(s.values["PORT"] == ValueConstraint(integer: true, min: 1024, max: 65535))
        #expect(s.values["REDIS_URL"] == ValueConstraint(schemes: ["redis"]))
    }

    @Test func configuredEnvironmentsAndExtras() throws {
        let settings = try settingsNode("{\"environment\": {\"environments\": [\"dev\", \"prod\"], \"extras\": {\"debug\": [\"dev\"]}}}")
        let diags = try runChecker(files: [
            "config/environments.ts": "export const config = {\n  dev: { limit: 10, debug: true },\n  prod: { limit: '5' }\n};\n",
            ".env.example": "",
        ], settings: settings)
        #expect(diags.map(format) == [
            "config/environments.ts:3:18: error: `limit` is a string in prod but a number in dev: use the same type in every environment [environment/type-drift]",
        ])
    }

    @Test func configuredValueConstraints() throws {
        let settings = try settingsNode("{\"environment\": {\"values\": {\"PORT\": {\"integer\": true, \"min\": 1024}, \"ENCRYPTION_KEY\": {\"minLength\": 8}}}}")
        let diags = try runChecker(files: [".env.test": "PORT=80\nENCRYPTION_KEY=short\nDATABASE_URL=mysql://x\n"], settings: settings)
            .filter { $0.rule == "environment/invalid-env-value" }
        #expect(diags.map(format) == [
            ".env.test:1:6: error: `PORT` is 80, below the minimum 1024: use a value from 1024 up [environment/invalid-env-value]",
            ".env.test:2:16: error: `ENCRYPTION_KEY` is 5 characters long but must be at least 8: use a longer value [environment/invalid-env-value]",
        ])
    }

    @Test(arguments: [("3000", nil), ("0", "below the minimum 1"), ("3000 ", nil), ("30a0", "not an integer"), ("", "not an integer"), ("70000", "above the maximum 65535")])
    func portConstraint(_ value: String, _ problem: String?) {
        let p = InvalidEnvValueRule.problem(value.trimmingCharacters(in: " "), ValueConstraint(integer: true, min: 1, max: 65535))
        if let problem { #expect(p?.contains(problem) == true, "\(p ?? "nil")") } else { #expect(p == nil) }
    }

    /// `finish` reads the other files from disk, so checking only one file finds the same cross-file problems.
    @Test func partialRunFindsCrossFileProblems() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("export const config = { production: { database: process.env.PRODUCTION_DATABASE_URL } };\n", to: dir.appendingPathComponent("config/environments.ts"))
        try write("DATABASE_URL=\n", to: dir.appendingPathComponent(".env.example"))
        let root = dir.standardizedFileURL.path
        let context = CheckContext(root: root, filesByKind: [.environment: [root + "/.env.example"]])
        let diags = EnvironmentChecker().finish(context: context)
        #expect(diags.map(\.rule).sorted() == ["environment/undeclared-env-var", "environment/unused-env-var"])
        #expect(diags.first { $0.rule == "environment/undeclared-env-var" }?.file == root + "/config/environments.ts")
    }

    @Test(arguments: [
        ("config/environments.ts", EnvironmentChecker.FileType.config), ("config/environments.mjs", .config), ("config/environments.js", .config),
        ("config/environments.json", .config), (".env", .dotenv), (".env.example", .dotenv), (".env.production", .dotenv), ("sub/.env.local", .dotenv),
    ])
    func dispatchByName(_ path: String, _ type: EnvironmentChecker.FileType) {
        #expect(EnvironmentChecker.fileType(of: path) == type)
    }

    @Test func unknownFilesAreNotRead() {
        #expect(EnvironmentChecker.fileType(of: "config/environments.toml") == nil)
        #expect(EnvironmentChecker().check(SourceFile(path: "config/environments.toml", text: "a = [\n"), context: CheckContext(root: "/")).isEmpty)
    }

    @Test func yamlConfigsAreRead() {
        #expect(EnvironmentChecker.fileType(of: "config/environments.yaml") == .config)
        let diags = EnvironmentChecker().check(SourceFile(path: "config/environments.yaml", text: "a: [\n"), context: CheckContext(root: "/"))
        #expect(diags.map(\.rule) == ["yaml/syntax"])
    }

    @Test func jsonSyntaxErrorsAreReported() {
        let diags = EnvironmentChecker().check(SourceFile(path: "config/environments.json", text: "{\"development\": {},}"), context: CheckContext(root: "/"))
        #expect(diags.contains { $0.rule == "json/syntax" })
    }

    @Test func spreadFindingsAreReportedOnce() throws {
        let diags = try runChecker(files: [
            "config/environments.ts": "const base = { key: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345' };\nexport const config = { development: { ...base }, staging: { ...base }, production: { ...base } };\n",
        ]).filter { $0.rule == "environment/literal-secret" }
        #expect(diags.count == 1)
        #expect(diags.first?.range.start.line == 1)
    }
}

@Suite struct TSTokenizerTests {
    @Test func tokenKindsAndOffsets() {
        let (tokens, errors) = TSTokenizer.tokenize(Array("a.b?.c ?? 'x' // c\n/* d */ `t` `u${v}` 1_0 ... => === /re/g".utf8))
        #expect(errors.isEmpty)
        #expect(tokens.map(\.text) == ["a", ".", "b", "?.", "c", "??", "x", "t", "u", "10", "...", "=>", "===", "/re/g"])
        #expect(tokens.map(\.kind) == [.identifier, .punctuator, .identifier, .punctuator, .identifier, .punctuator, .string, .template, .dynamicTemplate, .number, .punctuator, .punctuator, .punctuator, .regex])
        #expect(tokens[6].start == 10 && tokens[6].end == 13)
        #expect(tokens[7].newlineBefore && !tokens[6].newlineBefore)
    }

    @Test func divisionIsNotARegex() {
        let (tokens, _) = TSTokenizer.tokenize(Array("a / b / c".utf8))
        #expect(tokens.map(\.kind) == [.identifier, .punctuator, .identifier, .punctuator, .identifier])
    }

    @Test(arguments: [("1.2.3", nil), ("0x", nil), ("1e", nil), ("1__0", nil), ("_1", nil), ("1e500", "1e500"), ("007", "7"), ("0.000", "0")])
    func numberNormalisation(_ raw: String, _ expected: String?) {
        #expect(NumberText.normalise(raw) == expected)
    }
}

@Suite struct RealisticConfigTests {
    /// A config written the way TypeScript projects usually write it reads without syntax errors.
    @Test func typicalTypeScriptConfig() throws {
        let diags = try runChecker(files: [
            "config/environments.ts": """
            import { z } from 'zod';
            import type { Env } from './types';

            const isProd = process.env.NODE_ENV === 'production';

            type Config = {
              database: string | undefined;
              apiRateLimit: number;
            };

            const shared = {
              claudeAutoApprove: false,
            } as const;

            export const config: Record<'development' | 'staging' | 'production', Config> = {
              development: {
                ...shared,
                database: process.env.DATABASE_URL ?? `postgresql://localhost:${5432}/clubos_dev`,
                slackNotifications: false,
                apiRateLimit: 1_000,
              },
              staging: {
                ...shared,
                database: process.env.STAGING_DATABASE_URL,
                slackNotifications: true,
                apiRateLimit: 100,
                requireApprovals: 1,
              },
              production: {
                ...shared,
                database: process.env.PRODUCTION_DATABASE_URL!,
                slackNotifications: true,
                apiRateLimit: 50,
                requireApprovals: 2,
              },
            };

            export function getConfig(env = process.env.NODE_ENV as keyof typeof config) {
              return config[env] ?? config.development;
            }

            export default config;
            """,
            ".env.example": "DATABASE_URL=\nSTAGING_DATABASE_URL=\nPRODUCTION_DATABASE_URL=\nNODE_ENV=development\n",
        ])
        #expect(diags.map(format) == [])
    }
}
