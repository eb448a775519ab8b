import Testing
import LintCore
@testable import Migrations

@Suite struct GoldenTests {
    @Test(arguments: Repo.list("Tests/Fixtures/migrations/err", suffix: ".sql"))
    func errFixturesMatchExpectedOutput(path: String) {
        let file = SourceFile(path: path, bytes: Repo.bytes(path))
        let diags = MigrationLinter.lint(file).sorted(by: Diagnostic.sortOrder)
        let got = diags.map(\.goldenLine).joined(separator: "\n") + "\n"
        let outPath = String(path.dropLast(4)) + ".out"
        if Repo.updating { Repo.write(outPath, got) }
        let want = String(decoding: Repo.bytes(outPath), as: UTF8.self)
        #expect(!diags.isEmpty, "err fixture \(path) produced no findings")
        #expect(got == want)
    }

    @Test(arguments: Repo.list("Tests/Fixtures/migrations/ok", suffix: ".sql"))
    func okFixturesAreClean(path: String) {
        let diags = MigrationLinter.lint(SourceFile(path: path, bytes: Repo.bytes(path)))
        #expect(diags.isEmpty, "\(diags.map(\.goldenLine))")
    }

    @Test func goldenRulesAreRegistered() {
        let known = Set(MigrationRules.all.map(\.id))
        for out in Repo.list("Tests/Fixtures/migrations/err", suffix: ".out") {
            for line in String(decoding: Repo.bytes(out), as: UTF8.self).split(separator: "\n") {
                guard let open = line.lastIndex(of: "["), line.hasSuffix("]") else { Issue.record("bad line \(line)"); continue }
                let id = String(line[line.index(after: open)..<line.index(before: line.endIndex)])
                #expect(known.contains(id), "\(out): \(id)")
            }
        }
    }

    @Test func fixturesExist() {
        #expect(Repo.list("Tests/Fixtures/migrations/err", suffix: ".sql").count >= 10)
        #expect(Repo.list("Tests/Fixtures/migrations/ok", suffix: ".sql").count >= 4)
    }
}
