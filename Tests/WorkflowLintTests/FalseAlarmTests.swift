import Foundation
import LintCore
import Testing
@testable import WorkflowLint

/// Valid constructs found in real-world workflows that must not be reported,
/// next to the near-misses that still are.
@Suite("False alarms")
struct FalseAlarmTests {
    static func job(runsOn: String) -> String {
        "on: push\njobs:\n  build:\n    runs-on: \(runsOn)\n    steps:\n      - run: make\n"
    }

    @Test(arguments: [
        "ubuntu-latest-8-cores", "ubuntu-x64-large-io", "buildjet-4vcpu-ubuntu-2204", "blacksmith-4vcpu-ubuntu-2404",
        "depot-ubuntu-24.04", "linux.2xlarge", "[self-hosted, linux, gpu-a100]", "[self-hosted, ubuntu-20.04]",
        "{group: large-runners, labels: [custom]}", "{labels: [ubuntu-22.04-16core]}", "macos-14-arm64-large",
    ])
    func customRunnerLabelsAreAccepted(_ runsOn: String) {
        #expect(check(Self.job(runsOn: runsOn)).isEmpty, "\(runsOn)")
    }

    @Test(arguments: ["ubuntu-lastest", "ubunut-latest", "windows-latst", "macos-lates", "ubuntu-20.04", "macos-12"])
    func typosAndRetiredImagesAreReported(_ runsOn: String) {
        #expect(check(Self.job(runsOn: runsOn)).map(\.rule) == ["workflow/runner-label"], "\(runsOn)")
    }

    @Test func declaredLabelsMakeTheCheckStrict() {
        let settings = "workflow:\n  self-hosted-labels: [gpu-a100]\n"
        #expect(check(Self.job(runsOn: "[self-hosted, gpu-a100]"), settings: settings).isEmpty)
        #expect(check(Self.job(runsOn: "ubuntu-latest-8-cores"), settings: settings).map(\.rule) == ["workflow/runner-label"])
    }

    @Test func newerPermissionScopes() {
        let text = "on: push\npermissions:\n  artifact-metadata: write\n  copilot-requests: write\n  attestations: write\n" + "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
        #expect(check(text).isEmpty)
        let bad = text.replacingOccurrences(of: "copilot-requests: write", with: "copilot-requests: read")
        #expect(check(bad).map(\.rule) == ["workflow/permissions"])
    }

    @Test(arguments: [
        "dtolnay/rust-toolchain@stable", "dtolnay/rust-toolchain@1.80.0", "taiki-e/install-action@nextest",
        "grafana/shared-workflows/actions/dockerhub-login@dockerhub-login/v1.0.2", "pypa/gh-action-pypi-publish@release/v1",
        "grafana/shared-workflows/actions/get-vault-secrets@get-vault-secrets-v1.0.1",
        "eaudeweb/drupal-sync-action@2.x", "acme/tool@v1.2.x",
    ])
    func releaseLikeRefsAreNotPinningFindings(_ uses: String) {
        let text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: \(uses)\n"
        #expect(check(text).isEmpty, "\(uses)")
    }

    @Test func branchesStillAreFindings() {
        let text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/tool@develop\n      - uses: acme/tool@feature-v2x\n"
        #expect(check(text).map(\.rule) == ["workflow/action-pinning", "workflow/action-pinning"])
        // The `sha` policy still wants a SHA for channel refs.
        #expect(check("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: dtolnay/rust-toolchain@stable\n", settings: "workflow:\n  pinning: sha\n").map(\.rule) == ["workflow/action-pinning"])
    }

    @Test func localReferencesOfALoneWorkflowAreNotReported() throws {
        // Only the workflow is present (no `.github/actions`, no other files).
        let dir = try makeTree([".github/workflows/ci.yml": "on: push\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n      - uses: ./\n  call:\n    uses: ./.github/workflows/other.yml\n"
        // Not even a sibling workflow was collected: nothing to compare with.
        #expect(check(text, root: dir.path).isEmpty)
        // With its siblings present, the missing reusable workflow is reported.
        try Data("on: push\n".utf8).write(to: dir.appendingPathComponent(".github/workflows/lint.yml"))
        let found = check(text, root: dir.path)
        #expect(found.map(\.rule) == ["workflow/local-reference"])
        #expect(found.first?.range.start.line == 9)
    }

    @Test func localReferencesResolveAgainstTheWorkflowsRepository() throws {
        // The configuration root is the parent; the repository is `app/`.
        let dir = try makeTree([
            "app/.github/workflows/ci.yml": "",
            "app/.github/actions/setup/action.yml": "name: setup\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/setup\n      - uses: ./.github/actions/missing\n"
        let diags = WorkflowChecker(runtimesPath: runtimesPath).check(
            SourceFile(path: "app/.github/workflows/ci.yml", text: text), context: CheckContext(root: dir.path))
        #expect(diags.map(\.rule) == ["workflow/local-reference"])
        #expect(diags.first?.range.start.line == 7)
    }

    @Test func aliasesWorkButMergeKeysAreExplained() {
        let alias = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env: &env\n      CI: 1\n    steps:\n      - &step\n        run: make\n      - *step\n  b:\n    runs-on: ubuntu-latest\n    env: *env\n    steps:\n      - run: make\n"
        #expect(check(alias).isEmpty)
        let merge = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    env: &env\n      CI: 1\n    steps:\n      - run: make\n  b:\n    runs-on: ubuntu-latest\n    env:\n      <<: *env\n      EXTRA: 2\n    steps:\n      - run: make\n"
        let found = check(merge)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("merge keys") == true, "\(render(found))")
    }

    /// Windows line endings and a byte order mark change nothing.
    @Test(arguments: ["real-vite-ci.yml", "real-cpython-reusable-san.yml", "real-home-assistant-ci.yml"])
    func lineEndingsAndBOM(_ name: String) throws {
        let base = repoRoot.appendingPathComponent("Tests/Fixtures/workflows")
        let text = try String(contentsOf: base.appendingPathComponent("ok/\(name)"), encoding: .utf8)
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(check(crlf, path: "Tests/Fixtures/workflows/ok/\(name)", root: base.path).isEmpty)
        #expect(check("\u{FEFF}" + text, path: "Tests/Fixtures/workflows/ok/\(name)", root: base.path).isEmpty)
    }

    @Test func repositoryRoot() {
        let context = CheckContext(root: "/cfg", cwd: "/work")
        #expect(WorkflowChecker.repositoryRoot(of: "repo/.github/workflows/ci.yml", context: context) == "/work/repo")
        #expect(WorkflowChecker.repositoryRoot(of: "/abs/.github/workflows/ci.yml", context: context) == "/abs")
        #expect(WorkflowChecker.repositoryRoot(of: "/.github/workflows/ci.yml", context: context) == "/")
        #expect(WorkflowChecker.repositoryRoot(of: "fixtures/ci.yml", context: context) == "/cfg")
        #expect(WorkflowChecker.repositoryRoot(of: "repo/.github/workflows/sub/ci.yml", context: context) == "/cfg")
    }
}
