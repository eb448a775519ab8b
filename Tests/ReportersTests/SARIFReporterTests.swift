import Foundation
import LintCore
import Testing
@testable import Reporters

@Suite struct SARIFReporterTests {
    @Test func hasRequiredFields() throws {
        let out = SARIFReporter.render(Fixture.input, options: ReportOptions(informationURI: "https://example.com"))
        let root = try #require(parseJSON(out) as? [String: Any])
        #expect(root["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        #expect(root["version"] as? String == "2.1.0")
        let runs = try #require(root["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = runs[0]
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "clubos-lint")
        #expect(driver["version"] as? String == "0.1.0")
        #expect(driver["informationUri"] as? String == "https://example.com")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ids = rules.compactMap { $0["id"] as? String }
        // Every rule that ran or was reported, sorted; prompt/missing-role ran and passed.
        #expect(ids == ["lint/unknown-setting", "prompt/banned-phrase", "prompt/missing-role", "workflow/missing-timeout", "workflow/tab-indent"])
        for rule in rules {
            #expect(rule["name"] is String)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["fullDescription"] as? [String: Any])?["text"] is String)
            #expect((rule["help"] as? [String: Any])?["text"] is String)
            #expect(["error", "warning", "note"].contains((rule["defaultConfiguration"] as? [String: Any])?["level"] as? String ?? ""))
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == Fixture.diagnostics.count)
        for (r, d) in zip(results, Fixture.diagnostics) {
            let ruleIndex = try #require(r["ruleIndex"] as? Int)
            #expect(ids[ruleIndex] == d.rule)
            #expect(r["ruleId"] as? String == d.rule)
            #expect(r["level"] as? String == SARIFReporter.level(d.severity))
            #expect((r["message"] as? [String: Any])?["text"] as? String == d.message)
            let loc = try #require((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(loc["artifactLocation"] as? [String: Any])
            #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
            let region = try #require(loc["region"] as? [String: Int])
            #expect(region == ["startLine": d.range.start.line, "startColumn": d.range.start.column,
                               "endLine": d.range.end.line, "endColumn": d.range.end.column])
            let hash = try #require((r["partialFingerprints"] as? [String: String])?["primaryLocationLineHash"])
            #expect(hash.wholeMatch(of: /[0-9a-f]{16}:[1-9][0-9]*/) != nil)
        }
        #expect(out.contains("\"uri\": \"prompts/front%20desk/concierge.md\""))
    }

    @Test(arguments: [
        ("a/b.yaml", nil, "a/b.yaml", true),
        ("./a/b c.yaml", nil, "a/b%20c.yaml", true),
        ("dir\\x#1?.yaml", nil, "dir/x%231%3F.yaml", true),
        ("café/ü.md", nil, "caf%C3%A9/%C3%BC.md", true),
        ("/repo/src/a.yaml", "/repo", "src/a.yaml", true),
        ("/repo/src/a.yaml", "/repo/", "src/a.yaml", true),
        ("/elsewhere/a b.yaml", "/repo", "file:///elsewhere/a%20b.yaml", false),
        ("/abs.yaml", nil, "file:///abs.yaml", false),
    ] as [(String, String?, String, Bool)])
    func artifactURIs(path: String, root: String?, uri: String, relative: Bool) {
        let (u, r) = SARIFReporter.artifactURI(path, sourceRoot: root)
        #expect(u == uri)
        #expect(r == relative)
    }

    @Test func sourceRootIsDeclared() throws {
        let out = SARIFReporter.render(Fixture.input, options: ReportOptions(sourceRoot: "/home/ci/club os"))
        let run = try #require((parseJSON(out) as? [String: Any])?["runs"] as? [[String: Any]]).first
        let base = try #require(run?["originalUriBaseIds"] as? [String: [String: String]])
        #expect(base["%SRCROOT%"]?["uri"] == "file:///home/ci/club%20os/")
    }

    @Test func fingerprintsAreStableAndCounted() throws {
        func hashes(_ text: String, _ lines: [Int]) -> [String] {
            let f = SourceFile(path: "f", text: text)
            let ds = lines.map { Diagnostic(rule: "a/b", severity: .error, message: "m", file: "f", range: range($0, 1, $0, 2)) }
            let input = ReportInput(diagnostics: ds, files: ["f": f], fileCount: 1, toolVersion: "v", startedAt: "t")
            guard case .object(let root) = SARIFReporter.value(input),
                  case .array(let runs) = root[2].value, case .object(let run) = runs[0],
                  case .array(let results) = run.last?.value else { return [] }
            return results.compactMap { result -> String? in
                guard case .object(let r) = result, case .object(let fp) = r[5].value, case .string(let s) = fp[0].value else { return nil }
                return s
            }
        }
        let before = hashes("  timeout: 0\nother\n\ttimeout: 0  ", [1, 3])
        #expect(before.count == 2)
        let hex = try #require(before.first?.split(separator: ":").first)
        #expect(before == ["\(hex):1", "\(hex):2"], "same trimmed text: same hash, counted")
        let after = hashes("new line\n\n  timeout: 0\nother\n\ttimeout: 0  ", [3, 5])
        #expect(after == before, "inserting lines above does not change fingerprints")
        #expect(hashes("other", [1]).first != before.first)
        // FNV-1a 64 of the empty string is its offset basis.
        #expect(hashes("   ", [1]) == ["cbf29ce484222325:1"])
    }

    @Test(arguments: [("workflow/missing-timeout", "MissingTimeout"), ("a/b", "B"), ("x/a2-b3c", "A2B3c"), ("odd", "Odd")])
    func ruleNames(id: String, name: String) {
        #expect(SARIFReporter.ruleName(id) == name)
    }

    @Test func unknownRuleStillHasAnEntry() throws {
        let d = Diagnostic(rule: "x/unknown", severity: .warning, message: "m", file: "f", range: range(0, 0, 0, 0))
        let out = SARIFReporter.render(ReportInput(diagnostics: [d], fileCount: 1, toolVersion: "v", startedAt: "t"))
        let run = try #require((parseJSON(out) as? [String: Any])?["runs"] as? [[String: Any]]).first
        let rules = try #require((run?["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
        #expect(rules.first?["id"] as? String == "x/unknown")
        // SARIF positions are 1-based: zeros are clamped.
        #expect(out.contains("\"startLine\": 1,\n") && out.contains("\"startColumn\": 1,\n"))
    }

    @Test func hostileTextParses() throws {
        let out = SARIFReporter.render(Fixture.hostileInput, options: ReportOptions(sourceRoot: Fixture.hostile))
        let root = try #require(parseJSON(out) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect((results.first?["message"] as? [String: Any])?["text"] as? String == Fixture.hostile)
    }
}
