import LintCore
import Testing
@testable import EnvironmentLint

@Suite struct HostileInputTests {
    /// 100,000 nested `{` must neither crash nor hang: one depth and one unclosed diagnostic.
    @Test func deeplyNestedObjects() {
        let text = "export const config = " + String(repeating: "{ a: ", count: 100_000)
        let file = SourceFile(path: "config/environments.ts", text: text)
        let diags = EnvironmentChecker().check(file, context: CheckContext(root: "/nonexistent"))
        #expect(diags.contains { $0.rule == "environment/syntax" && $0.message.contains("nested deeper") })
        #expect(diags.contains { $0.rule == "environment/syntax" && $0.message.contains("never closed") })
        #expect(diags.count < 10)
    }

    @Test func bareOpeningBraces() {
        let text = String(repeating: "{", count: 100_000)
        let doc = parseTS("export const c = " + text)
        #expect(!doc.diagnostics.isEmpty)
        let doc2 = parseTS(text)
        #expect(!doc2.diagnostics.isEmpty)
    }

    @Test(arguments: ["arrays", "parens", "defaults", "templates", "lines"])
    func deeplyNested(_ shape: String) {
        let text: String
        switch shape {
        case "arrays": text = "export const c = " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        case "parens": text = "export const c = " + String(repeating: "(", count: 50_000) + "1" + String(repeating: ")", count: 50_000)
        case "defaults": text = "export const c = " + String(repeating: "process.env.A || ", count: 20_000) + "1"
        case "templates": text = "export const c = `" + String(repeating: "${`", count: 20_000)
        default: text = "export const c = " + String(repeating: "{\n", count: 50_000)
        }
        let doc = parseTS(text)
        #expect(doc.bindings.count <= 1)
        #expect(doc.diagnostics.count < 10)
    }

    /// Exponential reference expansion is capped.
    @Test func referenceBlowUpIsCapped() {
        var text = "const a0 = [1, 2, 3, 4, 5, 6, 7, 8];\n"
        for k in 1..<40 { text += "const a\(k) = [a\(k - 1), a\(k - 1), a\(k - 1), a\(k - 1)];\n" }
        text += "export const config = { development: { x: a39 }, staging: { x: a39 }, production: { x: a39 } };\n"
        let diags = EnvironmentChecker().check(SourceFile(path: "config/environments.ts", text: text), context: CheckContext(root: "/nonexistent"))
        #expect(diags.allSatisfy { $0.rule != "environment/syntax" })
    }

    @Test(arguments: [
        "", "\u{FEFF}", "#!/usr/bin/env node\n", "'", "\"", "`", "/*", "/", "\\", "\u{0}", "export", "export const", "export const a =",
        "export default", "process.env.", "process.env[", "{{{{}}}}}}}]]]", "0x", "1e", "1_", "\u{FFFD}\u{FFFD}", "a ?. b ?? c",
    ])
    func garbageNeverCrashes(_ text: String) {
        let checker = EnvironmentChecker()
        for path in ["config/environments.ts", "config/environments.json", ".env", ".env.example"] {
            _ = checker.check(SourceFile(path: path, text: text), context: CheckContext(root: "/nonexistent"))
        }
        _ = DotenvParser.parse(SourceFile(path: ".env", bytes: [0xFF, 0xFE, 0x22, 0x0D]))
    }

    @Test func invalidUTF8() {
        let bytes: [UInt8] = Array("export const c = { a: '".utf8) + [0xC3, 0x28, 0xFF] + Array("' };".utf8)
        let doc = TSConfigParser.parse(SourceFile(path: "config/environments.ts", bytes: bytes))
        #expect(doc.diagnostics.isEmpty)
        #expect(doc.bindings.first?.value["a"] != nil)
    }
}
