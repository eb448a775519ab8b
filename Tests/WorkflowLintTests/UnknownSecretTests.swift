import Foundation
import LintCore
import Testing
@testable import WorkflowLint

@Suite("workflow/unknown-secret")
struct UnknownSecretTests {
    static let settings = "workflow:\n  known-secrets: [RAILWAY_TOKEN, SENTRY_DSN]\n"

    func secrets(_ diags: [Diagnostic]) -> [Diagnostic] { diags.filter { $0.rule == "workflow/unknown-secret" } }

    @Test func reportsUnknownNameAtItsColumnWithSuggestionAndFix() {
        let text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: railway up\n        env:\n          TOKEN: \"prefix-${{ secrets.RAILWAY_TOKN }}\"\n"
        let found = secrets(check(text, settings: Self.settings))
        #expect(found.count == 1)
        #expect(found.first?.range.start == SourcePosition(line: 8, column: 38, offset: found.first?.range.start.offset ?? 0))
        #expect(found.first?.severity == .error)
        let message = found.first?.message ?? ""
        #expect(message.contains("`RAILWAY_TOKN`"))
        #expect(message.contains("Did you mean `RAILWAY_TOKEN`?"))
        #expect(message.contains("add it to the repository secrets and to `known-secrets`"))
    }

    @Test func comparesCaseInsensitivelyAndAllowsGitHubToken() {
        let text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env:\n          A: ${{ secrets.railway_token }}\n          B: ${{ secrets.GITHUB_TOKEN }}\n          C: ${{ secrets['Sentry_Dsn'] }}\n"
        #expect(secrets(check(text, settings: Self.settings)).isEmpty)
    }

    @Test func skipsComputedNames() {
        let text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env:\n          A: ${{ secrets[format('{0}_TOKEN', github.event_name)] }}\n          B: ${{ toJSON(secrets) }}\n"
        #expect(secrets(check(text, settings: Self.settings)).isEmpty)
    }

    @Test func doesNothingWithoutAList() {
        let text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env:\n          A: ${{ secrets.WHATEVER }}\n"
        #expect(secrets(check(text)).isEmpty)
        #expect(secrets(check(text, settings: "workflow:\n  pinning: major\n")).isEmpty)
    }

    @Test func emptyListAllowsOnlyGitHubToken() {
        let text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env:\n          A: ${{ secrets.GITHUB_TOKEN }}\n          B: ${{ secrets.DEPLOY_KEY }}\n"
        let found = secrets(check(text, settings: "workflow:\n  known-secrets: []\n"))
        #expect(found.map(\.range.start.line) == [9])
    }

    @Test func reusableWorkflowMayUseTheSecretsItDeclares() {
        let text = "on:\n  workflow_call:\n    secrets:\n      deploy_key:\n        required: true\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env:\n          A: ${{ secrets.DEPLOY_KEY }}\n          B: ${{ secrets.OTHER_KEY }}\n"
        let found = secrets(check(text, settings: Self.settings))
        #expect(found.map(\.range.start.line) == [13])
    }

    @Test func checksSecretsPassedToReusableWorkflows() {
        let text = "on: push\njobs:\n  deploy:\n    uses: acme/infra/.github/workflows/deploy.yml@v1\n    secrets:\n      token: ${{ secrets.RAILWAY_TOKEN }}\n      dsn: ${{ secrets.SENTRY_DNS }}\n"
        let found = secrets(check(text, settings: Self.settings))
        #expect(found.count == 1)
        #expect(found.first?.range.start.line == 7)
        #expect(found.first?.message.contains("Did you mean `SENTRY_DSN`?") == true)
    }

    @Test func readsTheListFromTheRootConfigurationWhenSettingsHaveNone() throws {
        let dir = try makeTree([".clubos-lint.yaml": "settings:\n  workflow:\n    known-secrets:\n      - RAILWAY_TOKEN\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        env:\n          A: ${{ secrets.RAILWAY_TOKEN }}\n          B: ${{ secrets.SENTRY_DSN }}\n"
        #expect(secrets(check(text, root: dir.path)).map(\.range.start.line) == [9])
        // Settings win over the file.
        #expect(secrets(check(text, root: dir.path, settings: Self.settings)).isEmpty)
    }

    @Test func brokenRootConfigurationIsIgnored() throws {
        let dir = try makeTree([".clubos-lint.yaml": "settings: [unclosed\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.ANY }}\n"
        #expect(secrets(check(text, root: dir.path)).isEmpty)
    }

    @Test func columnsCountUnicodeScalarsInBlockScalars() {
        let text = "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo \"é🎉 ${{ secrets.NOPE }}\"\n"
        let found = secrets(check(text, settings: Self.settings))
        #expect(found.count == 1)
        #expect(found.first?.range.start.line == 7)
        #expect(found.first?.range.start.column == 32)
    }
}
