import Foundation
import Testing
import LintCore
import LintParsers
@testable import RuleEngine
import LintConfig
import LintDriver

@Suite struct RuleEngineTests {
    static func load(_ yaml: String) -> (Ruleset?, [Diagnostic]) {
        RulesetLoader().parse(SourceFile(path: "rules/t.yaml", text: yaml), absolutePath: "/nonexistent/rules/t.yaml")
    }

    static func rule(_ body: String) throws -> DeclarativeRule {
        let (set, diags) = load("rules:\n  - id: test/rule\n    description: d\n    rationale: r\n" + body)
        #expect(diags.isEmpty, "\(diags.map { "\($0.range.start): \($0.message)" })")
        return try #require(set?.rules.first)
    }

    static func findings(_ rule: DeclarativeRule, _ yaml: String) throws -> [Diagnostic] {
        let doc = try #require(YAMLLoader.load(SourceFile(path: "doc.yaml", text: yaml)).documents.first)
        return RuleEvaluator.evaluate(rule, document: doc, file: "doc.yaml")
    }

    @Test(arguments: [
        // (rule body, expected line:col of the error, message fragment)
        ("    given: \"$.a[\"\n    then: {function: truthy}\n", 5, 17, "invalid JSONPath"),
        ("    given: $.a\n    then: {function: truthful}\n", 6, 22, "did you mean \"truthy\""),
        ("    given: $.a\n    then: {function: pattern, options: {match: \"a(b\"}}\n", 6, 52, "regex does not compile"),
        ("    given: $.a\n    then: {function: length, options: {minimum: 1}}\n", 6, 40, "does not take option"),
        ("    given: $.a\n    then: {function: compare, options: {operator: \"<=\", path: \"$..x\"}}\n", 6, 63, "singular"),
        ("    given: $.a\n    then: {function: truthy}\n    severity: fatal\n", 7, 15, "severity must be"),
        ("    given: $.a\n    then: {function: truthy}\n    mesage: x\n", 7, 5, "did you mean \"message\""),
    ])
    func badRulesAreReportedWithPositions(body: String, line: Int, column: Int, fragment: String) {
        let (_, diags) = Self.load("rules:\n  - id: test/rule\n    description: d\n    rationale: r\n" + body)
        let d = diags.first
        #expect(d?.rule == "rules/invalid-ruleset")
        #expect(d?.range.start.line == line && d?.range.start.column == column, "\(String(describing: d))")
        #expect(d?.message.contains(fragment) == true, "\(String(describing: d?.message))")
    }

    @Test func functionsAndPlaceholders() throws {
        let r = try Self.rule("""
            given: "$.production"
            then:
              - field: requireApprovals
                function: length
                options: {min: 2}
            message: "{{path}} is {{value}}: {{error}}"

        """)
        let f = try Self.findings(r, "production:\n  requireApprovals: 1\n")
        #expect(f.count == 1)
        #expect(f.first?.message == "$['production']['requireApprovals'] is 1: length or value 1 is below the minimum 2")
        #expect(f.first?.range.start == SourcePosition(line: 2, column: 21, offset: 32))
        #expect(try Self.findings(r, "production:\n  requireApprovals: 2\n").isEmpty)
    }

    @Test func compareAgainstAnotherPath() throws {
        let r = try Self.rule("""
            given: "$.production.apiRateLimit"
            then: {function: compare, options: {operator: "<=", path: "$.staging.apiRateLimit"}}

        """)
        #expect(try Self.findings(r, "staging: {apiRateLimit: 100}\nproduction: {apiRateLimit: 50}\n").isEmpty)
        let f = try Self.findings(r, "staging: {apiRateLimit: 100}\nproduction: {apiRateLimit: 500}\n")
        #expect(f.first?.message.contains("500 is not <= $.staging.apiRateLimit (100)") == true)
    }

    @Test func missingFieldIsReportedAtTheParentKey() throws {
        let r = try Self.rule("    given: \"$.jobs.*\"\n    then: {field: timeout-minutes, function: defined}\n")
        let f = try Self.findings(r, "jobs:\n  test:\n    runs-on: x\n  build:\n    timeout-minutes: 5\n")
        #expect(f.count == 1)
        #expect(f.first?.range.start.line == 2 && f.first?.range.start.column == 3)
    }

    @Test func otherFunctions() throws {
        let casing = try Self.rule("    given: \"$.jobs\"\n    then: {field: \"@key\", function: truthy}\n")
        _ = casing
        let xor = try Self.rule("    given: \"$\"\n    then: {function: xor, options: {properties: [a, b]}}\n")
        #expect(try Self.findings(xor, "a: 1\nb: 2\n").count == 1)
        #expect(try Self.findings(xor, "a: 1\n").isEmpty)
        let unique = try Self.rule("    given: \"$.ids[*]\"\n    then: {function: unique}\n")
        let u = try Self.findings(unique, "ids: [a, b, a]\n")
        #expect(u.count == 1 && u.first?.range.start.column == 13)
        let alpha = try Self.rule("    given: \"$.list\"\n    then: {function: alphabetical}\n")
        #expect(try Self.findings(alpha, "list: [a, c, b]\n").count == 1)
        let enumeration = try Self.rule("    given: \"$.env\"\n    then: {function: enumeration, options: {values: [staging, production]}}\n")
        #expect(try Self.findings(enumeration, "env: prod\n").count == 1)
        let keys = try Self.rule("    given: \"$.jobs.*\"\n    then: {function: truthy}\n")
        _ = keys
    }

    @Test func patternIsLinearOnHostileInput() throws {
        let r = try Self.rule("    given: \"$.v\"\n    then: {function: pattern, options: {notMatch: \"(a*)*b\"}}\n")
        let big = String(repeating: "a", count: 1 << 20)
        #expect(try Self.findings(r, "v: \(big)\n").isEmpty)
    }

    /// Every rule in the repository's `rules/` proves itself on its examples.
    static let repoRules: [DeclarativeRule] = {
        RulesetDirectories.load(configuration: Configuration(root: repoRoot.path), cwd: repoRoot.path).rulesets.flatMap(\.rules)
    }()

    @Test func repositoryRulesetsLoad() {
        let (_, diags) = RulesetDirectories.load(configuration: Configuration(root: repoRoot.path), cwd: repoRoot.path)
        #expect(diags.isEmpty, "\(diags.map { "\($0.file):\($0.range.start): \($0.message)" })")
    }

    @Test(arguments: repoRules.map(\.id))
    func repositoryRuleExamples(_ id: String) throws {
        let rule = try #require(Self.repoRules.first { $0.id == id })
        #expect(RuleEvaluator.selfTest(rule) == [])
    }
}
