import LintCore
import Testing
@testable import Reporters

@Suite struct GitHubReporterTests {
    @Test(arguments: [
        ("plain text", "plain text", "plain text"),
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("k: v, w", "k: v, w", "k%3A v%2C w"),
        ("%0A", "%250A", "%250A"),
        ("é 😀", "é 😀", "é 😀"),
        ("::x::", "::x::", "%3A%3Ax%3A%3A"),
    ])
    func escaping(raw: String, data: String, property: String) {
        #expect(GitHubReporter.escapeData(raw) == data)
        #expect(GitHubReporter.escapeProperty(raw) == property)
    }

    @Test(arguments: [(Severity.error, "::error "), (.warning, "::warning "), (.info, "::notice ")])
    func commandPerSeverity(severity: Severity, prefix: String) {
        let d = Diagnostic(rule: "a/b", severity: severity, message: "bad:\nfix, it", file: "dir/x,y:z.yaml", range: range(2, 3, 4, 5))
        #expect(GitHubReporter.command(d) == prefix + "file=dir/x%2Cy%3Az.yaml,line=2,endLine=4,col=3,endColumn=5,title=a/b::bad:%0Afix, it")
    }

    @Test func oneLinePerDiagnostic() {
        let out = GitHubReporter.render(Fixture.hostileInput)
        #expect(out.split(separator: "\n", omittingEmptySubsequences: false).count == 3)
        #expect(!out.dropLast().contains("\r"))
    }
}
