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

/// A small deterministic generator (SplitMix64), so fuzz runs are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct FuzzTests {
    static let vocabulary = [
        "export", "const", "default", "config", "=", "{", "}", "[", "]", "(", ")", ",", ";", ":", "...", "process", ".", "env", "?.",
        "DATABASE_URL", "'x'", "\"y\"", "`t`", "`${", "}`", "1_000", "0x1F", "1e3", "-", "||", "??", "as", "const", "satisfies", "T", "<", ">",
        "//c\n", "/*c*/", "\n", " ", "true", "null", "undefined", "=>", "!", "Sentry", "init", "module", "exports", "'", "\"", "`", "/", "\\",
        "import", "from", "function", "é", "😀", "\r\n", "#", "KEY=", "export KEY=", "\"multi\nline\"",
    ]

    /// Random token soup never crashes or hangs any reader or rule.
    @Test(arguments: 0..<8)
    func tokenSoup(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &* 7919)
        let checker = EnvironmentChecker()
        for _ in 0..<150 {
            let count = Int.random(in: 0..<80, using: &rng)
            var text = ""
            for _ in 0..<count { text += FuzzTests.vocabulary.randomElement(using: &rng) ?? "" }
            for path in ["config/environments.ts", ".env.example", ".env"] {
                _ = checker.check(SourceFile(path: path, text: text), context: CheckContext(root: "/nonexistent"))
            }
        }
    }

    /// Random bytes, including invalid UTF-8.
    @Test(arguments: 0..<4)
    func randomBytes(_ seed: Int) {
        var rng = SplitMix(state: UInt64(seed) &+ 12345)
        let checker = EnvironmentChecker()
        for _ in 0..<100 {
            let bytes = (0..<Int.random(in: 0..<200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for path in ["config/environments.ts", ".env"] {
                _ = checker.check(SourceFile(path: path, bytes: bytes), context: CheckContext(root: "/nonexistent"))
            }
        }
    }
}
