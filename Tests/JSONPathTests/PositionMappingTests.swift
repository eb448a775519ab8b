import Foundation
import Testing
import LintCore
import LintParsers
@testable import JSONPath

/// A match's node carries the source range of the selected value in the document.
@Suite struct PositionMappingTests {
    static let fixture = repoRoot.appendingPathComponent("Tests/Fixtures/jsonpath/club.json")

    static func document() throws -> Node {
        let data = try Data(contentsOf: fixture)
        let result = JSONParser.parse(SourceFile(path: "club.json", bytes: Array(data)))
        return try #require(result.node)
    }

    struct Expectation: Sendable, CustomTestStringConvertible {
        var selector: String
        var paths: [String]
        /// line:column of each selected node.
        var starts: [String]
        var testDescription: String { selector }
    }

    static let table: [Expectation] = [
        .init(selector: "$.n", paths: ["$['n']"], starts: ["2:23"]),
        .init(selector: "$['grüße']", paths: ["$['grüße']"], starts: ["2:12"]),
        .init(selector: "$.bays[?@.enabled == true].id", paths: ["$['bays'][0]['id']", "$['bays'][2]['id']"], starts: ["4:12", "6:12"]),
        .init(selector: "$.bays[-1].tags[1]", paths: ["$['bays'][2]['tags'][1]"], starts: ["6:52"]),
        .init(selector: "$..tags[0]", paths: ["$['bays'][2]['tags'][0]"], starts: ["6:47"]),
        .init(selector: "$.bays[1]", paths: ["$['bays'][1]"], starts: ["5:5"]),
        .init(selector: "$", paths: ["$"], starts: ["1:1"]),
    ]

    @Test(arguments: table)
    func nodeRangesPointIntoTheSource(_ e: Expectation) throws {
        let matches = try JSONPathQuery.parse(e.selector).evaluate(try Self.document())
        #expect(matches.map(\.path) == e.paths)
        #expect(matches.map { $0.node.range.start.description } == e.starts)
    }

    @Test func keyNodesAreReported() throws {
        let matches = try JSONPathQuery.parse("$.bays[*].enabled").evaluate(try Self.document())
        #expect(matches.compactMap { $0.key?.range.start.description } == ["4:21", "5:21", "6:21"])
        #expect(matches.compactMap(\.key?.stringValue) == ["enabled", "enabled", "enabled"])
    }

    @Test func normalizedPathsResolveToTheSameNode() throws {
        let doc = try Self.document()
        for m in try JSONPathQuery.parse("$..*").evaluate(doc) {
            #expect(m.normalizedPath.resolve(in: doc) == m.node, "\(m.path)")
        }
    }
}
