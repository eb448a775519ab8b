import CLibXML2
import Foundation
import Testing
import LintCore
import Reporters

/// libxml2 checks for reports: well-formed XML, and the element names of an
/// HTML page (parsed the way a browser would, errors recovered).
enum Markup {
    static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static let quiet = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    /// True when `text` is well-formed XML.
    static func isWellFormedXML(_ text: String) -> Bool {
        _ = initialized
        let bytes = Array(text.utf8)
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    xmlReadMemory($0, Int32(buf.count), "report.xml", "UTF-8", quiet)
                }
            }
        }
        guard let doc else { return false }
        xmlFreeDoc(doc)
        return true
    }

    /// Every element name in the HTML page, in document order.
    static func htmlElements(_ text: String) -> [String]? {
        _ = initialized
        let bytes = Array(text.utf8)
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                    htmlReadMemory($0, Int32(buf.count), "report.html", "UTF-8", options)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        var out: [String] = []
        var stack: [xmlNodePtr] = []
        if let root = xmlDocGetRootElement(doc) { stack.append(root) }
        while let node = stack.popLast() {
            if node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name { out.append(String(cString: name)) }
            var children: [xmlNodePtr] = []
            var child = node.pointee.children
            while let c = child { children.append(c); child = c.pointee.next }
            stack.append(contentsOf: children.reversed())
        }
        return out
    }
}

@Suite struct ReportInjectionTests {
    /// Text that tries to break out of every report format.
    static let hostile: [String] = [
        "</script><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "]]><evil/><![CDATA[",
        "\"/><evil a=\"",
        "%0A::error file=x::injected",
        "line one\n::error::injected\r\n::warning::second\rthird",
        "\u{1B}[31mred\u{1B}[0m \u{07}\u{08}\u{00}nul",
        "\u{0B}\u{0C}\u{7F}\u{85}\u{2028}\u{2029}",
        "\u{FFFE}\u{FFFF}\u{D7FF}\u{E000}",
        "&amp; &#0; &#x1; <!-- -->",
        "{\"json\": \"\\\"}\"}",
    ]

    static func input() -> ReportInput {
        var diagnostics: [Diagnostic] = []
        var files: [String: SourceFile] = [:]
        for (i, h) in hostile.enumerated() {
            let path = "dir \(i)/\(h).yaml"
            let source = SourceFile(path: path, text: "key: \(h)\nnext: \(h)\n")
            files[path] = source
            diagnostics.append(Diagnostic(rule: "workflow/\(h)", severity: [.error, .warning, .info][i % 3],
                                          message: "bad value \(h): fix it \(h)", file: path,
                                          range: source.range(ofBytes: 5, 8), help: "help \(h)"))
        }
        diagnostics.sort(by: Diagnostic.sortOrder)
        var checks = diagnostics.map { CheckRecord(kind: .workflow, file: $0.file, rule: $0.rule) }
        checks.sort()
        return ReportInput(diagnostics: diagnostics, checks: checks, files: files, fileCount: files.count,
                           durationSeconds: 0.5, toolVersion: "0.0.0-test", startedAt: "2026-11-29T08:00:00Z")
    }

    @Test func jsonReportParses() throws {
        let text = JSONReporter.render(Self.input())
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        #expect(value is [String: Any])
        #expect(!text.contains("\u{1B}"))
    }

    @Test func sarifReportParses() throws {
        let text = SARIFReporter.render(Self.input())
        let value = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let runs = try #require(value["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [Any])
        #expect(results.count == Self.hostile.count)
    }

    @Test(arguments: [false, true])
    func junitReportIsWellFormed(_ strict: Bool) throws {
        var options = ReportOptions()
        options.junitStrict = strict
        let text = try JUnitReporter.render(Self.input(), options: options)
        #expect(Markup.isWellFormedXML(text), "\(text.prefix(2000))")
        #expect(!text.contains("<evil"))
    }

    @Test func githubAnnotationsStayOneLineEach() {
        let input = Self.input()
        let text = GitHubReporter.render(input)
        #expect(!text.contains("\r"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == input.diagnostics.count)
        for line in lines {
            #expect(line.hasPrefix("::error ") || line.hasPrefix("::warning ") || line.hasPrefix("::notice "), "\(line)")
            // The first `::` after the command ends the (escaped) properties;
            // `::` inside the message data cannot start a command mid-line.
            let data = line.dropFirst(2).firstRange(of: "::").map { line[$0.upperBound...] }
            #expect(data?.hasPrefix("bad value ") == true, "\(line)")
        }
        let annotations = GitHubActions.annotations(input)
        #expect(!annotations.contains("\r"))
        for line in annotations.split(separator: "\n") where !line.isEmpty {
            #expect(line.hasPrefix("::"), "\(line)")
            let data = line.dropFirst(2).firstRange(of: "::").map { line[$0.upperBound...] }
            #expect(data?.hasPrefix("bad value ") == true, "\(line)")
        }
    }

    @Test func htmlReportHasNoInjectedElement() throws {
        let input = Self.input()
        let text = HTMLReporter.render(input)
        let elements = try #require(Markup.htmlElements(text))
        #expect(!elements.contains("script"))
        #expect(!elements.contains("img"))
        #expect(!elements.contains("evil"))
        // The same page without hostile text has the same elements: nothing was injected.
        let benign = ReportInput(
            diagnostics: input.diagnostics.map { d in
                var d = d
                d.message = "bad value x: fix it x"
                d.help = "help x"
                d.rule = "workflow/x\(d.rule.unicodeScalars.count)"
                return d
            },
            checks: input.checks, files: input.files, fileCount: input.fileCount,
            durationSeconds: input.durationSeconds, toolVersion: input.toolVersion, startedAt: input.startedAt)
        let benignElements = try #require(Markup.htmlElements(HTMLReporter.render(benign)))
        #expect(Set(elements) == Set(benignElements))
        #expect(elements.filter { $0 == "mark" }.count == input.diagnostics.count)
    }

    @Test func textReportHasNoControlCharacters() {
        let text = TextReporter.render(Self.input())
        for u in text.unicodeScalars {
            #expect(u == "\n" || u == "\t" || !(u.value < 0x20 || (0x7F...0x9F).contains(u.value)), "U+\(String(u.value, radix: 16))")
        }
    }
}

/// Regression: the text and HTML reports printed a finding's whole source
/// line, so a one-line 100 MB file produced a 100 MB excerpt (and a caret
/// line as long). Long lines are now cut around the flagged column.
@Suite struct LongLineExcerptTests {
    static func input(lineLength: Int, column: Int, secretAt: Int? = nil) -> (ReportInput, String) {
        var scalars = Array(repeating: Unicode.Scalar("x"), count: lineLength)
        let secret = SecretLeakTests.anthropic
        if let at = secretAt {
            let s = Array(" \(secret) ".unicodeScalars)
            scalars.replaceSubrange(at..<(at + s.count), with: s)
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        let file = SourceFile(path: "big.json", text: "{\n" + text + "\n}\n")
        let start = file.offset(line: 2, column: column)
        let d = Diagnostic(rule: "json/syntax", severity: .error, message: "bad", file: "big.json", range: file.range(ofBytes: start, start + 3))
        return (ReportInput(diagnostics: [d], files: ["big.json": file], fileCount: 1, toolVersion: "t", startedAt: "2026-11-29T08:00:00Z"), secret)
    }

    @Test(arguments: [1, 59, 61, 500, 999_000, 1_000_000])
    func textExcerptIsBoundedAndAligned(_ column: Int) {
        let (input, _) = Self.input(lineLength: 1_000_002, column: column)
        let report = TextReporter.render(input)
        #expect(report.utf8.count < 2_000, "\(report.utf8.count) bytes")
        let lines = report.split(separator: "\n", omittingEmptySubsequences: false)
        // Header, excerpt, caret: the caret sits under the third character of the range.
        let excerpt = Array(lines[1].unicodeScalars), caret = Array(lines[2].unicodeScalars)
        #expect(caret.last == "~" && caret.filter { $0 == "^" }.count == 1)
        let at = caret.firstIndex(of: "^") ?? 0
        #expect(at < excerpt.count)
        if column > 61 { #expect(excerpt.first == "…") }
        if column < 999_000 { #expect(excerpt.last == "…") }
    }

    @Test func htmlExcerptIsBounded() {
        let (input, _) = Self.input(lineLength: 1_000_002, column: 400_000)
        let page = HTMLReporter.render(input)
        #expect(page.utf8.count < 20_000, "\(page.utf8.count) bytes")
        #expect(page.contains("<mark>xxx</mark>"))
    }

    /// A secret cut by the window edge is still masked.
    @Test(arguments: [100, 130, 150, 170, 190, 215, 240, 260, 280])
    func secretAtTheWindowEdgeIsMasked(_ secretAt: Int) {
        let (input, secret) = Self.input(lineLength: 5_000, column: 100, secretAt: secretAt)
        let text = TextReporter.render(input)
        let html = HTMLReporter.render(input)
        let tail = String(secret.suffix(12)), head = String(secret.prefix(12))
        for report in [text, html] {
            #expect(!report.contains(secret))
            #expect(!report.contains(tail), "tail of the key shown")
            #expect(!report.contains(head), "head of the key shown")
        }
    }
}
