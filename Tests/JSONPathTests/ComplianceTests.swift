import Foundation
import Testing
import LintCore
import LintParsers
@testable import JSONPath

/// The JSONPath Compliance Test Suite (jsonpath-standard/jsonpath-compliance-test-suite),
/// read from ../shared/testsuites/jsonpath-cts/cts.json when present.
@Suite struct ComplianceTests {
    struct Case: Sendable {
        var name: String
        var selector: String
        var invalid: Bool
        var document: Node?
        /// Alternatives: `result` gives one, `results` several.
        var results: [[Node]]
        /// Path alternatives, index-aligned with `results`.
        var resultPaths: [[String]]
    }

    static let file = sharedTestsuites.appendingPathComponent("jsonpath-cts/cts.json")

    static let cases: [String: Case] = {
        guard let data = try? Data(contentsOf: file) else { return [:] }
        guard let root = JSONParser.parse(SourceFile(path: "cts.json", bytes: Array(data))).node,
              let tests = root["tests"]?.items else { return [:] }
        var out: [String: Case] = [:]
        for t in tests {
            guard let name = t["name"]?.stringValue, let selector = t["selector"]?.stringValue else { continue }
            var results: [[Node]] = []
            if let r = t["result"]?.items { results = [r] }
            if let rs = t["results"]?.items { results = rs.compactMap(\.items) }
            var paths: [[String]] = []
            if let p = t["result_paths"]?.items { paths = [p.compactMap(\.stringValue)] }
            if let ps = t["results_paths"]?.items { paths = ps.compactMap { $0.items?.compactMap(\.stringValue) } }
            out[name] = Case(name: name, selector: selector, invalid: t["invalid_selector"]?.boolValue ?? false,
                             document: t["document"], results: results, resultPaths: paths)
        }
        return out
    }()

    static let names: [String] = cases.keys.sorted()

    @Test func caseCount() {
        guard FileManager.default.fileExists(atPath: Self.file.path) else {
            withKnownIssue("skipped: JSONPath CTS not found at \(Self.file.path)", isIntermittent: true) { Issue.record("skipped") }
            return
        }
        #expect(Self.cases.count == 703)
        #expect(Self.cases.values.filter(\.invalid).count == 247)
    }

    @Test(arguments: names)
    func conformance(_ name: String) throws {
        let c = try #require(Self.cases[name])
        if c.invalid {
            #expect(throws: JSONPathSyntaxError.self, "selector \(c.selector) must be rejected") {
                try JSONPathQuery.parse(c.selector)
            }
            return
        }
        let query: JSONPathQuery
        do {
            query = try JSONPathQuery.parse(c.selector)
        } catch {
            Issue.record("selector \(c.selector) rejected: \(error)")
            return
        }
        let document = try #require(c.document)
        let matches = query.evaluate(document)
        let values = matches.map(\.node)
        let paths = matches.map(\.path)
        let alternatives = c.results.indices.filter { sameValues(c.results[$0], values) }
        #expect(!alternatives.isEmpty, "\(c.selector): got \(values.map(\.description)), expected one of \(c.results.map { $0.map(\.description) })")
        if !c.resultPaths.isEmpty {
            // Values and paths must come from the same alternative.
            let pathsMatch = alternatives.contains { $0 < c.resultPaths.count && c.resultPaths[$0] == paths }
            #expect(pathsMatch, "\(c.selector): got paths \(paths), expected one of \(c.resultPaths)")
        }
        // Every normalized path resolves back to the node it was reported with.
        for m in matches {
            let resolved = m.normalizedPath.resolve(in: document)
            #expect(resolved.map { sameValue($0, m.node) } ?? false, "\(m.path) does not resolve to \(m.node)")
        }
    }
}
