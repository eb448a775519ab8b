import LintCore
import LintParsers

extension WorkflowRules {
    /// The `.clubos-lint.yaml` used by this rule's examples (the example
    /// harnesses write it beside the workflow but do not load it as settings).
    static let knownSecretsConfig = "settings:\n  workflow:\n    known-secrets: [RAILWAY_TOKEN, SLACK_WEBHOOK_URL]\n"

    public static let unknownSecret = rule(
        "unknown-secret",
        summary: "When `settings.workflow.known-secrets` lists the repository's secrets, reports every `secrets.NAME` (or `secrets['NAME']`) in an expression whose name is not in the list, compared case-insensitively as GitHub does. `GITHUB_TOKEN` and the secrets a reusable workflow declares under `on.workflow_call.secrets` are always allowed; computed names (`secrets[format(...)]`) are skipped. The list is read from the settings, or else from `settings.workflow.known-secrets` in `<root>/.clubos-lint.yaml`.",
        rationale: "A secret that does not exist expands to an empty string: the step runs without credentials and fails late (or, worse, deploys unauthenticated), usually because of a typo in the name.",
        help: "Fix the name (the message suggests the closest known secret), or add the secret to the repository secrets and to `settings.workflow.known-secrets`. With no `known-secrets` list configured this rule does nothing.",
        triggering: [
            ex("on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: railway up\n        env:\n          RAILWAY_TOKEN: ${{ secrets.↓RAILWAY_TOKN }}\n          SLACK: ${{ secrets['↓SLACK_HOOK'] }}\n",
               context: [".clubos-lint.yaml": knownSecretsConfig]),
        ],
        nonTriggering: [
            ex("on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: railway up\n        env:\n          RAILWAY_TOKEN: ${{ secrets.railway_token }}\n          GH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n          OTHER: ${{ secrets[format('{0}_TOKEN', 'RAILWAY')] }}\n",
               context: [".clubos-lint.yaml": knownSecretsConfig]),
            ex("on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: railway up\n        env:\n          RAILWAY_TOKEN: ${{ secrets.ANY_NAME_WITHOUT_A_LIST }}\n"),
        ])
}

/// The secrets a workflow may reference (`settings.workflow.known-secrets`).
struct KnownSecrets: Sendable {
    /// The configured names, as written (for suggestions).
    var names: [String]
    /// Lowercased names, plus `github_token` and the workflow's own
    /// `workflow_call` secrets.
    var allowed: Set<String>

    init(names: [String]) {
        self.names = names
        self.allowed = Set(names.map { $0.lowercased() })
        allowed.insert("github_token")
    }

    /// Allows the secrets declared by `on.workflow_call.secrets` (the caller passes them).
    mutating func allowDeclared(by on: Node) {
        guard let secrets = on["workflow_call"]?["secrets"]?.entries else { return }
        for s in secrets { allowed.insert(s.keyText.lowercased()) }
    }

    /// The list from the `workflow` settings, else from the `workflow`
    /// settings of the root configuration file; nil when neither has one.
    static func load(settings: Node?, fileSettings: Node?) -> KnownSecrets? {
        guard let list = settings?["known-secrets"] ?? fileSettings?["known-secrets"] else { return nil }
        return names(in: list).map(KnownSecrets.init(names:))
    }

    /// A list of names (or one name); nil for any other shape.
    static func names(in node: Node) -> [String]? {
        if let items = node.items {
            return items.compactMap { item in
                guard let s = item.scalar, s.kind == .string || s.kind == .number else { return nil }
                return s.text
            }
        }
        if let s = node.stringValue { return [s] }
        return nil
    }
}

extension ExprSemantics {
    /// `secrets.NAME`: reports a name that is not a known secret.
    mutating func checkSecret(_ p: [Segment]) {
        guard let known = knownSecrets, p.count > 1, p[0].name == "secrets" else { return }
        let name = p[1]
        guard name.name != "*", !known.allowed.contains(name.name) else { return }
        let hint = suggestion(for: name.raw, in: known.names).map { " Did you mean `\($0)`?" } ?? ""
        add(
            WorkflowRules.unknownSecret,
            "Secret `\(name.raw)` is not one of the repository's known secrets (`settings.workflow.known-secrets`), so it would expand to an empty string.\(hint) If it is a new secret, add it to the repository secrets and to `known-secrets`.",
            at: name.nameOffset, length: max(1, name.raw.unicodeScalars.count))
    }
}
