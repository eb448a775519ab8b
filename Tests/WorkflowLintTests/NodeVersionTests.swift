import Foundation
import LintCore
import Testing
@testable import WorkflowLint

@Suite("Node.js major ranges")
struct NodeMajorRangeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var range: String
        var allowed: [Int]
        var rejected: [Int]
        var testDescription: String { range }
    }

    static let cases: [Case] = [
        Case(range: ">=22", allowed: [22, 23, 30], rejected: [18, 20, 21]),
        Case(range: ">= 22.3.0", allowed: [22, 24], rejected: [21]),
        Case(range: ">22", allowed: [23], rejected: [22]),
        Case(range: ">22.1", allowed: [22, 23], rejected: [21]),
        Case(range: "<22", allowed: [20, 21], rejected: [22, 23]),
        Case(range: "<22.4", allowed: [22], rejected: [23]),
        Case(range: "<=22", allowed: [22], rejected: [23]),
        Case(range: "^20.11", allowed: [20], rejected: [18, 21, 22]),
        Case(range: "~22.3", allowed: [22], rejected: [21, 23]),
        Case(range: "22.x", allowed: [22], rejected: [20, 24]),
        Case(range: "22", allowed: [22], rejected: [20]),
        Case(range: "v22.3.0", allowed: [22], rejected: [20]),
        Case(range: "*", allowed: [0, 18, 99], rejected: []),
        Case(range: "^20.11 || >=22", allowed: [20, 22, 24], rejected: [18, 21]),
        Case(range: ">=18 <22", allowed: [18, 20, 21], rejected: [16, 22]),
        Case(range: "18 || 20 || 22", allowed: [18, 20, 22], rejected: [19, 21]),
    ]

    @Test(arguments: cases)
    func majors(_ c: Case) throws {
        let range = try #require(NodeMajorRange.parse(c.range))
        for m in c.allowed { #expect(range.contains(m), "\(c.range) should allow \(m)") }
        for m in c.rejected { #expect(!range.contains(m), "\(c.range) should reject \(m)") }
    }

    @Test(arguments: ["lts/*", "node", "latest", "22.x.1", "1.2 - 2.3", ">=", "22 | 20", "", "abc", "~>"])
    func unparseableIsNil(_ text: String) {
        #expect(NodeMajorRange.parse(text) == nil)
    }

    /// Arbitrary text never traps (deterministic generator over the range alphabet).
    @Test func arbitraryTextDoesNotTrap() {
        let alphabet = Array("0123456789.xX*^~<>=| -vV/lts+")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let length = Int(state >> 59)
            for _ in 0..<length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            if let range = NodeMajorRange.parse(text) { _ = range.contains(22); _ = range.singleMajor }
        }
        #expect(NodeMajorRange.parse(String(repeating: "9", count: 40)) == nil)
        #expect(NodeMajorRange.parse(String(repeating: "1 || ", count: 100)) == nil)
    }

    @Test func singleMajor() {
        #expect(NodeMajorRange.parse("18")?.singleMajor == 18)
        #expect(NodeMajorRange.parse("18.17.1")?.singleMajor == 18)
        #expect(NodeMajorRange.parse("^20.1")?.singleMajor == 20)
        #expect(NodeMajorRange.parse(">=20")?.singleMajor == nil)
        #expect(NodeMajorRange.parse("20 || 22")?.singleMajor == nil)
    }
}

@Suite("workflow/node-version-mismatch")
struct NodeVersionMismatchTests {
    func run(_ text: String, files: [String: String]) throws -> [Diagnostic] {
        let dir = try makeTree(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        return check(text, root: dir.path).filter { $0.rule == "workflow/node-version-mismatch" }
    }

    static let step = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: "

    @Test func namesBothSourcesAtTheValue() throws {
        let found = try run(Self.step + "'18.x'\n", files: ["package.json": "{\"engines\": {\"node\": \">=22\"}}", ".nvmrc": "22\n"])
        #expect(found.count == 1)
        #expect(found.first?.range.start.line == 8 && found.first?.range.start.column == 25)
        #expect(found.first?.severity == .warning)
        #expect(found.first?.message.hasPrefix("node-version '18.x' does not satisfy engines.node '>=22' in package.json and '22' in .nvmrc") == true)
    }

    @Test func onlyFailingSourcesAreNamed() throws {
        let found = try run(Self.step + "20\n", files: ["package.json": "{\"engines\": {\"node\": \">=18\"}}", ".nvmrc": "22\n"])
        #expect(found.map(\.message).first?.contains("package.json") == false)
        #expect(found.count == 1)
    }

    @Test func satisfiedAliasesAndExpressionsAreClean() throws {
        let files = ["package.json": "{\"engines\": {\"node\": \"^22\"}}"]
        #expect(try run(Self.step + "22\n", files: files).isEmpty)
        #expect(try run(Self.step + "lts/*\n", files: files).isEmpty)
        #expect(try run(Self.step + "${{ env.NODE }}\n", files: files).isEmpty)
        #expect(try run(Self.step + "'>=18'\n", files: files).isEmpty)
    }

    @Test func checksMatrixRowsAndIncludes() throws {
        let text = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        node-version: [18, 20, 22]\n        include:\n          - node-version: 16\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${{ matrix.node-version }}\n"
        let found = try run(text, files: ["package.json": "{\"engines\": {\"node\": \">=20\"}}"])
        #expect(found.map { "\($0.range.start.line):\($0.range.start.column)" } == ["7:24", "9:27"])
        #expect(found.first?.message.contains("Matrix value `node-version` '18' (used as node-version)") == true)
    }

    @Test func aMatrixValueUsedTwiceIsReportedOnce() throws {
        let text = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        node: [16]\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${{ matrix.node }}\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${{ matrix.NODE }}\n"
        #expect(try run(text, files: ["package.json": "{\"engines\": {\"node\": \">=20\"}}"]).count == 1)
    }

    @Test func computedMatrixIsSkipped() throws {
        let text = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix: ${{ fromJSON('{\"node\":[16]}') }}\n    steps:\n      - uses: actions/setup-node@v6\n        with:\n          node-version: ${{ matrix.node }}\n"
        #expect(try run(text, files: ["package.json": "{\"engines\": {\"node\": \">=20\"}}"]).isEmpty)
    }

    @Test func withoutRequirementsNothingIsChecked() throws {
        #expect(try run(Self.step + "12\n", files: [:]).isEmpty)
        #expect(try run(Self.step + "12\n", files: ["package.json": "{\"name\": \"x\"}"]).isEmpty)
        #expect(try run(Self.step + "12\n", files: ["package.json": "{\"engines\": {\"node\": \"lts\"}}"]).isEmpty)
        #expect(try run(Self.step + "12\n", files: ["package.json": "{not json"]).isEmpty)
        #expect(try run(Self.step + "12\n", files: [".nvmrc": "lts/iron\n"]).isEmpty)
    }

    @Test func theWorkflowsRepositoryComesFirst() throws {
        let dir = try makeTree(["package.json": "{\"engines\": {\"node\": \">=18\"}}", "app/package.json": "{\"engines\": {\"node\": \">=22\"}}"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Self.step + "20\n"
        let inApp = WorkflowChecker(runtimesPath: runtimesPath).check(SourceFile(path: "app/.github/workflows/ci.yml", text: text), context: CheckContext(root: dir.path))
        #expect(inApp.filter { $0.rule == "workflow/node-version-mismatch" }.count == 1)
        let atRoot = WorkflowChecker(runtimesPath: runtimesPath).check(SourceFile(path: "other/.github/workflows/ci.yml", text: text), context: CheckContext(root: dir.path))
        #expect(atRoot.filter { $0.rule == "workflow/node-version-mismatch" }.isEmpty)
    }

    @Test func otherActionsAreIgnored() throws {
        let text = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-python@v6\n        with:\n          node-version: 12\n"
        #expect(try run(text, files: [".nvmrc": "22"]).isEmpty)
    }
}
