import Foundation
@_exported import TestSupport
import LintCore
import LintParsers
@testable import JSONPath

/// Parses JSON text into a positioned Node (nil when it is not JSON).
func parseJSON(_ text: String, path: String = "test.json") -> Node? {
    JSONParser.parse(SourceFile(path: path, text: text)).node
}

/// JSON value equality of two nodes (numbers by value, objects unordered).
func sameValue(_ a: Node, _ b: Node) -> Bool { JSONPathEvaluator.deepEqual(a, b) }

func sameValues(_ a: [Node], _ b: [Node]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { sameValue($0, $1) }
}
