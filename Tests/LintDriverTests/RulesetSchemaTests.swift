import Foundation
import Testing
import LintCore
import LintConfig
import LintDriver
import LintParsers
@testable import RuleEngine

/// `schemas/ruleset.schema.json`: the ruleset format, validated on every load,
/// and the worked example of `docs/rulesets.md`.
@Suite struct RulesetSchemaTests {
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: repoRoot.appendingPathComponent(relative), encoding: .utf8)
    }

    /// The loader as the CLI builds it (with the `schema` function), the schema validator by default.
    static func load(_ yaml: String, path: String = "rules/t.yaml") -> (Ruleset?, [Diagnostic]) {
        let compiler = SchemaSupport.compiler(configuration: Configuration(root: repoRoot.path), cwd: repoRoot.path)
        return RulesetLoader(schemaCompiler: compiler).parse(SourceFile(path: path, text: yaml), absolutePath: "/nonexistent/" + path)
    }

    static func validate(_ yaml: String) throws -> [(message: String, range: SourceRange)] {
        let validator = try #require(RulesetFormat.validator)
        let doc = try #require(YAMLLoader.load(SourceFile(path: "rules/t.yaml", text: yaml)).documents.first)
        return validator.validate(doc)
    }

    // MARK: The schema itself

    @Test func embeddedCopyIsTheSchemaFile() throws {
        let file = try Self.text("schemas/ruleset.schema.json")
        #expect(RulesetFormat.schemaText == file,
                "Sources/RuleEngine/EmbeddedRulesetSchema.swift differs from schemas/ruleset.schema.json: paste the file into it, indented by four spaces")
    }

    @Test func schemaCompilesAgainstTheMetaSchema() throws {
        let file = try Self.text("schemas/ruleset.schema.json")
        switch RulesetFormatValidator.compile(text: file, file: "schemas/ruleset.schema.json") {
        case .success: break
        case .failure(let e): Issue.record("the schema does not compile: \(e.message) at \(String(describing: e.range))")
        }
        #expect(RulesetFormat.validator != nil)
        let node = try #require(JSONParser.parse(SourceFile(path: "s.json", text: file)).node)
        #expect(node["$id"]?.stringValue == "https://clubos.dev/schemas/ruleset.schema.json")
        #expect(node["$schema"]?.stringValue == "https://json-schema.org/draft/2020-12/schema")
    }

    /// Every member of every `properties` map in the schema has a description.
    @Test func everyPropertyIsDescribed() throws {
        let node = try #require(JSONParser.parse(SourceFile(path: "s.json", text: try Self.text("schemas/ruleset.schema.json"))).node)
        var missing: [String] = []
        var count = 0
        let named: Set<String> = ["$defs", "dependentSchemas", "patternProperties"]
        let lists: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
        let single: Set<String> = ["items", "not", "if", "then", "else", "contains", "additionalProperties", "propertyNames"]
        func walk(_ schema: Node, _ path: String, depth: Int) {
            guard depth < 64 else { return }
            for e in schema.entries ?? [] {
                let k = e.keyText
                if k == "properties" {
                    for p in e.value.entries ?? [] {
                        count += 1
                        if p.value.boolValue == nil, p.value["description"]?.stringValue?.isEmpty != false { missing.append(path + "/properties/" + p.keyText) }
                        walk(p.value, path + "/properties/" + p.keyText, depth: depth + 1)
                    }
                } else if named.contains(k) {
                    for p in e.value.entries ?? [] { walk(p.value, path + "/\(k)/" + p.keyText, depth: depth + 1) }
                } else if lists.contains(k) {
                    for (i, item) in (e.value.items ?? []).enumerated() { walk(item, path + "/\(k)/\(i)", depth: depth + 1) }
                } else if single.contains(k) {
                    walk(e.value, path + "/" + k, depth: depth + 1)
                }
            }
        }
        walk(node, "", depth: 0)
        #expect(count > 30)
        #expect(missing == [])
    }

    // MARK: The repository's rulesets

    static let rulesetFiles: [String] = {
        let dir = repoRoot.appendingPathComponent("rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "rules/" + $0 }
    }()

    @Test func theRepositoryHasRulesets() {
        #expect(Self.rulesetFiles.contains("rules/workflows.yaml"))
        #expect(Self.rulesetFiles.contains("rules/environments.yaml"))
    }

    @Test(arguments: rulesetFiles)
    func repositoryRulesetIsValid(_ path: String) throws {
        let text = try Self.text(path)
        let doc = try #require(YAMLLoader.load(SourceFile(path: path, text: text)).documents.first)
        if doc["rules"] == nil && doc["extends"] == nil {
            // A data file (e.g. action runtimes): the loader skips it before the schema.
            let (set, diags) = Self.load(text, path: path)
            #expect(set == nil && diags.isEmpty, "\(diags.map(\.message))")
            return
        }
        let errors = try Self.validate(text)
        #expect(errors.isEmpty, "\(errors.map { "\(path):\($0.range.start): \($0.message)" })")
        let (set, diags) = Self.load(text, path: path)
        #expect(diags.isEmpty, "\(diags.map { "\(path):\($0.range.start): \($0.message)" })")
        #expect(set?.rules.isEmpty == false)
    }

    // MARK: Bad rulesets

    static let head = "rules:\n  - id: test/rule\n    description: d\n    rationale: r\n"

    /// (ruleset, line, column, message fragment): each is rejected by the schema at that position.
    static let badRulesets: [(String, Int, Int, String)] = [
        // unknown keys, at the key, with a suggestion
        (head + "    given: $.a\n    then: {function: truthy}\n    mesage: x\n", 7, 5, "unknown key \"mesage\"; did you mean \"message\"?"),
        ("rules: []\nrule: []\n", 2, 1, "the ruleset: unknown key \"rule\""),
        (head + "    given: $.a\n    then: {function: truthy, optoins: {}}\n", 6, 30, "unknown key \"optoins\"; did you mean \"options\"?"),
        (head + "    given: $.a\n    then: {function: truthy}\n    examples: {good: []}\n", 7, 16, "examples: unknown key \"good\""),
        // wrong types
        (head + "    given: 5\n    then: {function: truthy}\n", 5, 12, "given: expected string or array, found number"),
        (head + "    given: $.a\n    then: truthy\n", 6, 11, "then: expected object or array, found string"),
        ("rules: {a: 1}\n", 1, 8, "rules: expected array, found object"),
        (head + "    given: $.a\n    then: {function: truthy}\n    applies-to: workflow\n", 7, 17, "applies-to: expected object or array, found string"),
        ("extends: 3\nrules: []\n", 1, 10, "extends: expected string or array, found number"),
        // severity
        (head + "    given: $.a\n    then: {function: truthy}\n    severity: fatal\n", 7, 15, "severity: expected one of \"error\", \"warning\", \"info\", \"off\", found \"fatal\""),
        ("rules: []\noverrides:\n  - {files: \"a/**\", rules: {test/rule: loud}}\n", 3, 40, "found \"loud\""),
        // ids
        ("rules:\n  - id: Test/Rule\n    description: d\n    rationale: r\n    given: $.a\n    then: {function: truthy}\n", 2, 9, "id: expected a string matching"),
        ("rules:\n  - id: test/a--b\n    description: d\n    rationale: r\n    given: $.a\n    then: {function: truthy}\n", 2, 9, "no `--`"),
        ("rules:\n  - id: test-/rule\n    description: d\n    rationale: r\n    given: $.a\n    then: {function: truthy}\n", 2, 9, "no `-` at the end"),
        ("rules:\n  - id: rule\n    description: d\n    rationale: r\n    given: $.a\n    then: {function: truthy}\n", 2, 9, "domain/name"),
        // missing members
        (head + "    given: $.a\n    then: {field: a}\n", 6, 11, "missing \"function\"; add it"),
        (head + "    given: $.a\n    then:\n      - {function: truthy}\n      - {options: {}}\n", 8, 9, "then[1]: missing \"function\""),
        ("rules:\n  - id: test/rule\n    description: d\n    given: $.a\n    then: {function: truthy}\n", 2, 5, "missing \"rationale\"; add it"),
        (head + "    then: {function: truthy}\n", 2, 5, "missing \"given\""),
        // options of the wrong shape
        (head + "    given: $.a\n    then: {function: pattern}\n", 6, 11, "then: missing \"options\"; add it: pattern options"),
        (head + "    given: $.a\n    then: {function: pattern, options: {}}\n", 6, 40, "expected at least 1 properties, found 0. pattern options"),
        (head + "    given: $.a\n    then: {function: pattern, options: {match: 5}}\n", 6, 48, "then.options.match: expected string, found number"),
        (head + "    given: $.a\n    then: {function: pattern, options: {matches: \"a\"}}\n", 6, 41, "unknown key \"matches\"; did you mean \"match\"?"),
        (head + "    given: $.a\n    then: {function: length, options: {minimum: 1}}\n", 6, 40, "unknown key \"minimum\"; did you mean \"min\"?"),
        (head + "    given: $.a\n    then: {function: length, options: {min: \"2\"}}\n", 6, 45, "then.options.min: expected number, found string"),
        (head + "    given: $.a\n    then: {function: length, options: {}}\n", 6, 39, "length options: `min` and/or `max`"),
        (head + "    given: $.a\n    then: {function: compare, options: {operator: \"<=\"}}\n", 6, 40, "compare needs `path`"),
        (head + "    given: $.a\n    then: {function: compare, options: {operator: \"<=\", path: $.b, value: 3}}\n", 6, 40, "compare takes `path` or `value`, not both"),
        (head + "    given: $.a\n    then: {function: compare, options: {operator: \"=<\", value: 3}}\n", 6, 51, "operator: expected one of \"<\", \"<=\""),
        (head + "    given: $.a\n    then: {function: compare, options: {value: 3}}\n", 6, 40, "missing \"operator\""),
        (head + "    given: $.a\n    then: {function: compare, options: {operator: \"==\", value: true}}\n", 6, 64, "then.options.value: expected string or number, found boolean"),
        (head + "    given: $.a\n    then: {function: enumeration, options: {values: []}}\n", 6, 53, "values: expected at least 1 items"),
        (head + "    given: $.a\n    then: {function: casing, options: {type: upper}}\n", 6, 46, "found \"upper\""),
        (head + "    given: $.a\n    then: {function: xor, options: {properties: [a]}}\n", 6, 49, "expected at least 2 items"),
        (head + "    given: $.a\n    then: {function: schema, options: {schema: 5}}\n", 6, 48, "schema: expected boolean or object, found number"),
        (head + "    given: $.a\n    then: {function: truthy, options: {x: 1}}\n", 6, 39, "truthy, falsy, defined, undefined and unique take no options"),
        // empty given
        (head + "    given: []\n    then: {function: truthy}\n", 5, 12, "given: expected at least 1 items, found 0"),
        (head + "    given: \"\"\n    then: {function: truthy}\n", 5, 12, "given: expected at least 1 characters"),
        (head + "    given: [\"$.a\", \"\"]\n    then: {function: truthy}\n", 5, 20, "given[1]: expected at least 1 characters"),
        (head + "    given: $.a\n    then: []\n", 6, 11, "then: expected at least 1 items"),
    ]

    @Test(arguments: badRulesets)
    func badRulesetIsRejectedWithPosition(_ yaml: String, _ line: Int, _ column: Int, _ fragment: String) throws {
        // The schema alone reports it…
        let errors = try Self.validate(yaml)
        #expect(errors.contains { $0.range.start.line == line && $0.range.start.column == column && $0.message.contains(fragment) },
                "\(errors.map { "\($0.range.start): \($0.message)" })")
        // …and so does the loader, once, as rules/invalid-ruleset.
        let (_, diags) = Self.load(yaml)
        let hits = diags.filter { $0.range.start.line == line && $0.range.start.column == column && $0.message.contains(fragment) }
        #expect(hits.count == 1, "\(diags.map { "\($0.range.start): \($0.message)" })")
        #expect(diags.allSatisfy { $0.rule == "rules/invalid-ruleset" && $0.severity == .error && $0.file == "rules/t.yaml" })
        // No Swift check repeats a problem the schema reported.
        var seen = Set<String>()
        for d in diags { #expect(seen.insert("\(d.range.start.line):\(d.range.start.column)|\(d.message)").inserted) }
    }

    @Test func theSchemaAcceptsEveryFunctionWithGoodOptions() throws {
        let clauses = [
            "{function: truthy}", "{function: falsy}", "{function: defined}", "{function: undefined}", "{function: unique}",
            "{function: pattern, options: {match: \"^a\"}}", "{function: pattern, options: {notMatch: b}}",
            "{function: enumeration, options: {values: [a, 1, false]}}", "{function: length, options: {max: 3}}",
            "{function: casing, options: {type: kebab}}", "{function: xor, options: {properties: [a, b]}}",
            "{function: alphabetical}", "{function: alphabetical, options: {keyedBy: name}}",
            "{function: compare, options: {operator: \"<\", value: 3}}", "{function: compare, options: {operator: \"!=\", path: $.b}}",
            "{function: schema, options: {schema: {type: string}}}", "{field: \"@key\", function: casing, options: {type: camel}}",
            "{field: \"$.a[*]\", function: defined}", "{function: my-custom-check, options: {anything: [1]}}",
        ]
        for c in clauses {
            let yaml = Self.head + "    given: [\"$.a\", \"$.b\"]\n    then: \(c)\n    applies-to: {kinds: [workflow], paths: [\"x/*\"]}\n"
                + "    examples: {valid: [{}], invalid: [{a: 1}]}\n"
            let errors = try Self.validate(yaml)
            #expect(errors.isEmpty, "\(c): \(errors.map(\.message))")
        }
        let full = "description: all top-level keys\nextends: base.yaml\noverrides:\n  - {files: [\"a/**\"], rules: {test/rule: off}}\n" + Self.head
            + "    given: $.a\n    then: [{function: truthy}, {field: b, function: defined}]\n    severity: info\n    help: h\n    message: \"{{path}}: {{error}}\"\n"
        #expect(try Self.validate(full).isEmpty)
    }

    /// Problems the schema cannot see are still found, beside the schema's own.
    @Test func semanticChecksStillRun() {
        let (set, diags) = Self.load("""
            rules:
              - id: test/one
                description: d
                given: "$.a["
                then: {function: pattern, options: {match: "a(b"}}
              - id: test/two
                description: d
                rationale: r
                given: "$.a"
                then: {function: truthful}

            """)
        #expect(set?.rules.isEmpty == true)
        let shown = diags.map { "\($0.range.start.line):\($0.range.start.column) \($0.message)" }
        #expect(diags.count == 4, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("2:5 ") && $0.contains("missing \"rationale\"") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("4:17 ") && $0.contains("invalid JSONPath") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("5:52 ") && $0.contains("regex does not compile") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("10:22 ") && $0.contains("did you mean \"truthy\"") }, "\(shown)")
    }

    /// The CLI refuses to run on a ruleset the schema rejects: exit 2, the position in the ruleset.
    @Test func cliExitsTwoOnASchemaError() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(Self.head + "    given: $.a\n    then: {function: length, options: {minimum: 1}}\n", to: dir.appendingPathComponent("rules/bad.yaml"))
        try write("a: 1\n", to: dir.appendingPathComponent("good.yaml"))
        let r = try runTool(["check", "good.yaml"], cwd: dir)
        #expect(r.status == 2)
        let all = r.stdout + r.stderr
        #expect(all.contains("rules/bad.yaml:6:40: error: rule \"test/rule\": then.options: unknown key \"minimum\"; did you mean \"min\"? Allowed keys: min, max. [rules/invalid-ruleset]"), "\(all)")
        let t = try runTool(["rules", "test"], cwd: dir)
        #expect(t.status == 2)
    }

    /// Without the schema the loader's own shape checks still reject bad rulesets.
    @Test func shapeChecksWithoutTheSchema() {
        let loader = RulesetLoader(formatValidator: nil)
        let (_, diags) = loader.parse(SourceFile(path: "rules/t.yaml", text: Self.head + "    given: $.a\n    then: {function: truthy}\n    severity: fatal\n"),
                                      absolutePath: "/nonexistent/rules/t.yaml")
        #expect(diags.count == 1)
        #expect(diags.first?.message.contains("severity must be error, warning, info or off") == true)
    }

    @Test func hostileRulesetsAreBounded() throws {
        // Many bad rules: at most maxErrors schema reports per file, fast.
        var yaml = "rules:\n"
        for i in 0..<500 { yaml += "  - {id: \"BAD\(i)\", severity: loud, given: 5, then: 6}\n" }
        let errors = try Self.validate(yaml)
        #expect(errors.count == RulesetFormatValidator.maxErrors)
        // Deep nesting inside examples does not matter to the schema.
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try Self.validate(Self.head + "    given: $.a\n    then: {function: truthy}\n    examples: {valid: [\(deep)]}\n").isEmpty)
    }

    // MARK: docs/rulesets.md

    /// The fenced block after `<!-- marker -->` in docs/rulesets.md.
    static func docBlock(_ marker: String) throws -> String {
        let doc = try text("docs/rulesets.md")
        let start = try #require(doc.range(of: "<!-- \(marker) -->"), "docs/rulesets.md has no <!-- \(marker) --> block")
        let rest = doc[start.upperBound...]
        let fence = try #require(rest.range(of: "```"))
        let bodyStart = try #require(rest[fence.upperBound...].firstIndex(of: "\n"))
        let body = rest[rest.index(after: bodyStart)...]
        let end = try #require(body.range(of: "\n```"))
        return String(body[body.startIndex..<end.lowerBound]) + "\n"
    }

    @Test func workedExampleLoadsAndPassesItsExamples() throws {
        let yaml = try Self.docBlock("worked-example-rule")
        let (set, diags) = Self.load(yaml, path: "rules/production-rate-limit.yaml")
        #expect(diags.isEmpty, "\(diags.map { "\($0.range.start): \($0.message)" })")
        let rule = try #require(set?.rules.first)
        #expect(rule.id == "environment/production-rate-limit-cap")
        #expect(RuleEvaluator.selfTest(rule) == [])

        // The bad configuration of the doc gives the finding the doc shows.
        let config = try Self.docBlock("worked-example-config")
        let doc = try #require(YAMLLoader.load(SourceFile(path: "config/environments.yaml", text: config)).documents.first)
        let findings = RuleEvaluator.evaluate(rule, document: doc, file: "config/environments.yaml")
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        let shown = "\(f.file):\(f.range.start.line):\(f.range.start.column): \(f.severity.rawValue): \(f.message) [\(f.rule)]"
        let output = try Self.docBlock("worked-example-check")
        #expect(output.contains(shown), "docs/rulesets.md should show: \(shown)")
    }
}
