import CLibXML2
import Foundation
import Testing

/// End-to-end tests of the `clubos-lint` executable: exit codes and every report format.
@Suite struct CLITests {
    static func fixtureDir() throws -> URL {
        let dir = makeTempDir()
        try write("{\n  \"id\": \"a\",\n  \"id\": \"b\"\n}\n", to: dir.appendingPathComponent("bad.json"))
        try write("{\"ok\": true}\n", to: dir.appendingPathComponent("good.json"))
        try write("a: 1\nb: [1, 2]\n", to: dir.appendingPathComponent("good.yaml"))
        return dir
    }

    @Test func exitCodes() throws {
        let dir = try Self.fixtureDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try runTool(["check", "good.json", "good.yaml"], cwd: dir).status == 0)
        #expect(try runTool(["check", "bad.json"], cwd: dir).status == 1)
        #expect(try runTool(["check", "--fail-on", "never", "bad.json"], cwd: dir).status == 0)
        #expect(try runTool(["check", "missing.json"], cwd: dir).status == 2)
        let usage = try runTool(["check", "--format", "xml", "good.json"], cwd: dir)
        #expect(usage.status == 2)
        #expect(try runTool(["frobnicate"], cwd: dir).status == 2)
        #expect(try runTool(["check", "--jobs", "-1"], cwd: dir).status == 2)
        #expect(try runTool(["--help"], cwd: dir).status == 0)
        #expect(try runTool(["version"], cwd: dir).stdout.hasPrefix("clubos-lint "))
    }

    @Test func badConfigurationExitsTwoWithPosition() throws {
        let dir = try Self.fixtureDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("include: [\"**\"]\nrulez:\n  json/syntax: off\n", to: dir.appendingPathComponent(".clubos-lint.yaml"))
        let r = try runTool(["check", "good.json"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains(".clubos-lint.yaml:2:1: error: unknown configuration key \"rulez\"; did you mean \"rules\"?"), "\(r.stderr)")
    }

    @Test func configurationTurnsRulesOffAndChangesSeverity() throws {
        let dir = try Self.fixtureDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("rules:\n  json/duplicate-key: warning\n", to: dir.appendingPathComponent(".clubos-lint.yaml"))
        let r = try runTool(["check", "--format", "json", "bad.json"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"severity\":\"warning\""))
        try write("rules:\n  json/*: off\n", to: dir.appendingPathComponent(".clubos-lint.yaml"))
        #expect(try runTool(["check", "bad.json"], cwd: dir).status == 0)
    }

    @Test func jsonReportParses() throws {
        let dir = try Self.fixtureDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runTool(["check", "--format", "json", "bad.json", "good.json", "good.yaml"], cwd: dir)
        #expect(r.status == 1)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["version"] as? Int == 1)
        let diags = try #require(obj["diagnostics"] as? [[String: Any]])
        #expect(diags.count == 1)
        #expect(diags[0]["file"] as? String == "bad.json")
        #expect(diags[0]["line"] as? Int == 3 && diags[0]["column"] as? Int == 3)
        #expect(diags[0]["rule"] as? String == "json/duplicate-key")
        let summary = try #require(obj["summary"] as? [String: Int])
        #expect(summary["files"] == 3 && summary["errors"] == 1)
    }

    @Test func sarifHasRequiredFields() throws {
        let dir = try Self.fixtureDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runTool(["check", "--format", "sarif", "bad.json", "good.json"], cwd: dir)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["version"] as? String == "2.1.0")
        let run = try #require((obj["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "clubos-lint")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["id"] as? String == "json/duplicate-key" })
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "json/duplicate-key")
        #expect(result["level"] as? String == "error")
        let loc = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((loc["artifactLocation"] as? [String: Any])?["uri"] as? String == "bad.json")
        #expect((loc["region"] as? [String: Any])?["startLine"] as? Int == 3)
        #expect((result["partialFingerprints"] as? [String: Any])?["primaryLocationLineHash"] != nil)
    }

    @Test func junitParsesAndListsPassingChecks() throws {
        let dir = try Self.fixtureDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runTool(["check", "--junit", "report.xml", "--format", "github", "bad.json", "good.json"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("::error file=bad.json,line=3,endLine=3,col=3,"))
        let xml = try String(contentsOf: dir.appendingPathComponent("report.xml"), encoding: .utf8)
        let doc = xml.withCString { xmlReadMemory($0, Int32(strlen($0)), "report.xml", nil, 0) }
        #expect(doc != nil)
        if let doc { xmlFreeDoc(doc) }
        #expect(xml.contains("<testsuite name=\"json\""))
        #expect(xml.contains("name=\"good.json: json/syntax\""))
        #expect(xml.contains("<failure"))
    }

    @Test func outputIsWrittenAtomicallyAndNeverOverAnInput() throws {
        let dir = try Self.fixtureDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try runTool(["check", "--format", "json", "--output", "good.json", "good.json"], cwd: dir)
        #expect(r.status == 2)
        #expect(try String(contentsOf: dir.appendingPathComponent("good.json"), encoding: .utf8) == "{\"ok\": true}\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".clubos-lint-tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func deterministicOrderWithManyJobs() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<40 { try write("{\"k\": 1, \"k\": \(i)}", to: dir.appendingPathComponent("feedback/f\(i).json")) }
        let a = try runTool(["check", "--jobs", "8", "--format", "json", "."], cwd: dir)
        let b = try runTool(["check", "--jobs", "1", "--format", "json", "."], cwd: dir)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.components(separatedBy: "json/duplicate-key").count == 41)
    }
}

@Suite struct ReviewerReportTests {
    @Test func htmlReportIsSelfContainedAndInert() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("{\"<script>alert(1)</script>\": 1, \"<script>alert(1)</script>\": 2}\n", to: dir.appendingPathComponent("x.json"))
        let r = try runTool(["check", "--html", "report.html", "--quiet", "x.json"], cwd: dir)
        #expect(r.status == 1)
        let html = try String(contentsOf: dir.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("&lt;script&gt;"))
        let doc = html.withCString { htmlReadMemory($0, Int32(strlen($0)), "report.html", "utf-8", Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NONET.rawValue)) }
        #expect(doc != nil)
        if let doc {
            let ctx = xmlXPathNewContext(doc)
            let scripts = xmlXPathEvalExpression("//script", ctx)
            #expect((scripts?.pointee.nodesetval?.pointee.nodeNr ?? 0) == 0)
            let findings = xmlXPathEvalExpression("//div[contains(@class,'finding')]", ctx)
            #expect((findings?.pointee.nodesetval?.pointee.nodeNr ?? 0) == 1)
            xmlXPathFreeObject(scripts)
            xmlXPathFreeObject(findings)
            xmlXPathFreeContext(ctx)
            xmlFreeDoc(doc)
        }
    }

    @Test func githubActionsAnnotationsAreCappedAndSummaryWritten() throws {
        let dir = makeTempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for i in 0..<15 { try write("{\"k\": 1, \"k\": 2}", to: dir.appendingPathComponent("f\(i).json")) }
        let summary = dir.appendingPathComponent("summary.md")
        let r = try runTool(["check"] + (0..<15).map { "f\($0).json" }, cwd: dir, env: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary.path])
        #expect(r.status == 1)
        #expect(r.stdout.components(separatedBy: "\n::error ").count - 1 + (r.stdout.hasPrefix("::error ") ? 1 : 0) == 10)
        #expect(r.stdout.contains("5 more finding(s) not annotated"))
        let md = try String(contentsOf: summary, encoding: .utf8)
        #expect(md.contains("## clubos-lint") && md.contains("| `json/duplicate-key` | 15 |"))
    }
}
