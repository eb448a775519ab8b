import LintCore
import Testing
@testable import EnvironmentLint

/// One value written after `export const v = ` and what it reads as.
struct ScalarCase: Sendable, CustomTestStringConvertible {
    var source: String
    var kind: ScalarKind
    var text: String
    var testDescription: String { source }
}

@Suite struct TSConfigParserTests {
    static let scalarCases: [ScalarCase] = [
        // Strings.
        ScalarCase(source: "'single'", kind: .string, text: "single"),
        ScalarCase(source: "\"double\"", kind: .string, text: "double"),
        ScalarCase(source: "'it\\'s'", kind: .string, text: "it's"),
        ScalarCase(source: "\"a\\nb\\t\\\\\"", kind: .string, text: "a\nb\t\\"),
        ScalarCase(source: "'\\x41\\u0042\\u{1F600}'", kind: .string, text: "AB\u{1F600}"),
        ScalarCase(source: "'\\uD83D\\uDE00'", kind: .string, text: "\u{1F600}"),
        ScalarCase(source: "'# not a comment // nor this'", kind: .string, text: "# not a comment // nor this"),
        ScalarCase(source: "`template`", kind: .string, text: "template"),
        ScalarCase(source: "`multi\nline`", kind: .string, text: "multi\nline"),
        ScalarCase(source: "`a ${b} c`", kind: .dynamic, text: "`a ${b} c`"),
        ScalarCase(source: "`nested ${`x${y}`} }`", kind: .dynamic, text: "`nested ${`x${y}`} }`"),
        // Numbers, normalised to decimal text.
        ScalarCase(source: "1000", kind: .number, text: "1000"),
        ScalarCase(source: "1_000", kind: .number, text: "1000"),
        ScalarCase(source: "0xFF", kind: .number, text: "255"),
        ScalarCase(source: "0x1_0", kind: .number, text: "16"),
        ScalarCase(source: "0b101", kind: .number, text: "5"),
        ScalarCase(source: "0o17", kind: .number, text: "15"),
        ScalarCase(source: "1.50", kind: .number, text: "1.5"),
        ScalarCase(source: ".5", kind: .number, text: "0.5"),
        ScalarCase(source: "0.1", kind: .number, text: "0.1"),
        ScalarCase(source: "1e3", kind: .number, text: "1000"),
        ScalarCase(source: "2.5E-3", kind: .number, text: "0.0025"),
        ScalarCase(source: "1_000.000_1", kind: .number, text: "1000.0001"),
        ScalarCase(source: "-5", kind: .number, text: "-5"),
        ScalarCase(source: "+5", kind: .number, text: "5"),
        ScalarCase(source: "10n", kind: .number, text: "10"),
        ScalarCase(source: "0xFFFFFFFFFFFFFFFFFF", kind: .number, text: "4722366482869645213695"),
        // Keywords.
        ScalarCase(source: "true", kind: .bool, text: "true"),
        ScalarCase(source: "false", kind: .bool, text: "false"),
        ScalarCase(source: "null", kind: .null, text: "null"),
        ScalarCase(source: "undefined", kind: .null, text: "null"),
        // Type assertions are ignored.
        ScalarCase(source: "50 as const", kind: .number, text: "50"),
        ScalarCase(source: "'x' satisfies string", kind: .string, text: "x"),
        ScalarCase(source: "(42)", kind: .number, text: "42"),
        // Env references become dynamic `process.env.X` scalars.
        ScalarCase(source: "process.env.DATABASE_URL", kind: .dynamic, text: "process.env.DATABASE_URL"),
        ScalarCase(source: "process.env['DATABASE_URL']", kind: .dynamic, text: "process.env.DATABASE_URL"),
        ScalarCase(source: "process.env?.DATABASE_URL", kind: .dynamic, text: "process.env.DATABASE_URL"),
        ScalarCase(source: "process.env.DATABASE_URL || 'postgresql://localhost/x'", kind: .dynamic, text: "process.env.DATABASE_URL"),
        ScalarCase(source: "process.env.PORT ?? 3000", kind: .dynamic, text: "process.env.PORT"),
        // Anything else is dynamic, holding its source text.
        ScalarCase(source: "Number(process.env.PORT)", kind: .dynamic, text: "Number(process.env.PORT)"),
        ScalarCase(source: "process.env.FLAG === 'true'", kind: .dynamic, text: "process.env.FLAG === 'true'"),
        ScalarCase(source: "a ? 1 : 2", kind: .dynamic, text: "a ? 1 : 2"),
        ScalarCase(source: "1 + 2", kind: .dynamic, text: "1 + 2"),
        ScalarCase(source: "() => ({ a: 1 })", kind: .dynamic, text: "() => ({ a: 1 })"),
        ScalarCase(source: "new Date()", kind: .dynamic, text: "new Date()"),
        ScalarCase(source: "unknownName", kind: .dynamic, text: "unknownName"),
        ScalarCase(source: "/ab+c/i", kind: .dynamic, text: "/ab+c/i"),
    ]

    @Test(arguments: scalarCases)
    func scalar(_ c: ScalarCase) throws {
        let doc = parseTS("export const v = \(c.source);\n")
        #expect(doc.diagnostics.isEmpty, "\(doc.diagnostics.map(format))")
        let v = try #require(value(doc, "v"))
        #expect(v.scalar?.kind == c.kind)
        #expect(v.scalar?.text == c.text)
    }

    @Test func bindingsAndPositions() throws {
        let src = """
        import { something } from './other';
        import type { Config } from './types'
        // line comment
        /* block
           comment */
        const base = { apiRateLimit: 100, 'quoted-key': "q", 42: 'n', };
        export const config = {
          development: { ...base, apiRateLimit: 1_000 },
          staging: base,
          list: [1, 'two', { three: 3 }, ],
        } satisfies Record<string, Config>;
        export default { name: 'clubos' } as const;
        """
        let doc = parseTS(src)
        #expect(doc.diagnostics.isEmpty, "\(doc.diagnostics.map(format))")
        #expect(doc.bindings.map(\.name) == ["base", "config", "default"])
        #expect(doc.bindings.map(\.exported) == [false, true, true])
        let base = try #require(value(doc, "base"))
        #expect(base.entries?.map(\.keyText) == ["apiRateLimit", "quoted-key", "42"])
        let config = try #require(value(doc, "config"))
        #expect(config.range.start == SourcePosition(line: 7, column: 23, offset: config.range.start.offset))
        #expect(config.range.end.line == 11 && config.range.end.column == 2)
        // Spread then override keeps the key's first position and the last value.
        let dev = try #require(config["development"])
        #expect(dev.entries?.map(\.keyText) == ["apiRateLimit", "quoted-key", "42"])
        #expect(dev["apiRateLimit"]?.scalar == .number("1000"))
        #expect(dev["apiRateLimit"]?.range.start.line == 8)
        #expect(dev["apiRateLimit"]?.range.start.column == 41)
        // A reference copies the earlier const with its own ranges.
        let staging = try #require(config["staging"])
        #expect(staging == base)
        #expect(config["list"]?.items?.count == 3)
        #expect(config["list"]?.items?[2]["three"]?.scalar == .number("3"))
        let key = try #require(config.entry("list")?.key)
        #expect(key.range.start.line == 10 && key.range.start.column == 3 && key.range.end.column == 7)
        #expect(value(doc, "default")?["name"]?.stringValue == "clubos")
    }

    @Test func memberReferencesAndShorthand() throws {
        let doc = parseTS("const limits = { prod: 50 };\nconst apiRateLimit = 10;\nexport const c = { a: limits.prod, b: limits['prod'], apiRateLimit, z: missing.x };\n")
        let c = try #require(value(doc, "c"))
        #expect(c["a"]?.scalar == .number("50"))
        #expect(c["b"]?.scalar == .number("50"))
        #expect(c["apiRateLimit"]?.scalar == .number("10"))
        #expect(c["z"]?.scalar == Scalar(kind: .dynamic, text: "missing.x"))
    }

    @Test func unresolvedSpreadMarksObjectOpen() throws {
        let doc = parseTS("export const c = { ...other, a: 1 };\n")
        let c = try #require(value(doc, "c"))
        #expect(doc.openMappings.contains(c.range.start.offset))
        #expect(c["a"] != nil)
    }

    @Test func envReferences() throws {
        let src = """
        export const config = {
          dev: process.env.DATABASE_URL || 'postgresql://localhost/dev',
          prod: process.env['PRODUCTION_DATABASE_URL'],
          chain: process.env.A ?? process.env.B ?? 'c',
          port: Number(process.env.PORT ?? 3000),
          url: `https://${process.env.HOST}/x`,
        };
        if (process.env.NODE_ENV === 'production') { console.log('x') }
        """
        let doc = parseTS(src)
        #expect(doc.diagnostics.isEmpty, "\(doc.diagnostics.map(format))")
        #expect(doc.envReferences.map(\.name) == ["DATABASE_URL", "PRODUCTION_DATABASE_URL", "A", "B", "PORT", "HOST", "NODE_ENV"])
        let config = try #require(value(doc, "config"))
        let dev = try #require(config["dev"])
        let ref = try #require(doc.envReference(for: dev))
        #expect(ref.name == "DATABASE_URL")
        #expect(ref.defaultOperator == "||")
        #expect(ref.defaultValue?.stringValue == "postgresql://localhost/dev")
        #expect(ref.range.start.line == 2 && ref.range.start.column == 8 && ref.range.end.column == 32)
        #expect(dev.range.end.column == 64)
        let prodNode = try #require(config["prod"])
        let prod = try #require(doc.envReference(for: prodNode))
        #expect(prod.name == "PRODUCTION_DATABASE_URL" && prod.defaultValue == nil)
        let chainNode = try #require(config["chain"])
        let chain = try #require(doc.envReference(for: chainNode))
        #expect(chain.defaultOperator == "??")
        let inner = try #require(chain.defaultValue)
        #expect(doc.envReference(for: inner)?.name == "B")
        #expect(doc.envReference(for: inner)?.defaultValue?.stringValue == "c")
        // A reference inside a computed expression is recorded but is not a value.
        #expect(config["port"]?.scalar?.kind == .dynamic)
        let portNode = try #require(config["port"])
        #expect(doc.envReference(for: portNode) == nil)
        #expect(doc.envReferences.first { $0.name == "PORT" }?.defaultValue?.scalar == .number("3000"))
        #expect(doc.envReferences.first { $0.name == "NODE_ENV" }?.valueRange == nil)
        let host = try #require(doc.envReferences.first { $0.name == "HOST" })
        #expect(host.range.start.line == 6 && host.range.start.column == 19)
    }

    @Test func callsAndCommonJS() throws {
        let doc = parseTS("import * as Sentry from '@sentry/node'\nSentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0.1 })\nmodule.exports = { a: 1 }\n")
        #expect(doc.diagnostics.isEmpty)
        #expect(doc.calls.map(\.callee) == ["Sentry.init"])
        #expect(doc.calls.first?.arguments.first?["tracesSampleRate"]?.scalar == .number("0.1"))
        #expect(value(doc, "default")?["a"]?.scalar == .number("1"))
    }

    @Test func unknownStatementsAreSkipped() throws {
        let src = """
        interface Env { database: string; limit?: number }
        type Name = 'a' | 'b'
        function helper(x: number): number { return x * 2 }
        export function other() { return { a: 1 } }
        export const config: Record<string, Env> = { development: { limit: helper(2), f() { return 1 }, get g() { return 2 } } }
        export { helper }
        """
        let doc = parseTS(src)
        #expect(doc.diagnostics.isEmpty, "\(doc.diagnostics.map(format))")
        let dev = try #require(value(doc, "config")?["development"])
        #expect(dev["limit"]?.scalar == Scalar(kind: .dynamic, text: "helper(2)"))
        #expect(dev["f"]?.scalar?.kind == .dynamic)
    }

    /// Tokenizer and structure errors become positioned `environment/syntax` diagnostics.
    @Test(arguments: [
        ("export const a = 'open\n", 1, 18, "unterminated string"),
        ("export const a = \"open", 1, 18, "unterminated string"),
        ("export const a = 1;\n/* never closed", 2, 1, "unterminated block comment"),
        ("export const a = `open ${x}", 1, 18, "unterminated template"),
        ("export const a = { b: 1", 1, 18, "never closed"),
        ("export const a = { b: 1 ]", 1, 25, "expected `,` or `}`"),
        ("export const a = { b: };", 1, 23, "expected a value"),
        ("}\n", 1, 1, "unexpected `}`"),
    ])
    func syntaxErrors(_ source: String, _ line: Int, _ column: Int, _ fragment: String) throws {
        let doc = parseTS(source)
        let d = try #require(doc.diagnostics.first, "no diagnostic")
        #expect(d.rule == "environment/syntax")
        #expect(d.severity == .error)
        #expect(d.range.start.line == line && d.range.start.column == column, "\(doc.diagnostics.map(format))")
        #expect(d.message.contains(fragment), "\(d.message)")
    }

    /// Columns count Unicode scalars, not bytes.
    @Test func unicodeColumns() throws {
        let doc = parseTS("export const c = { naïve: 'é😀', x: 1 };\n")
        let c = try #require(value(doc, "c"))
        #expect(c["x"]?.range.start.column == 36)
        #expect(c["naïve"]?.stringValue == "é😀")
    }
}
