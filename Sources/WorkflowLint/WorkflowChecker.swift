import LintCore
import LintParsers

/// Checks GitHub Actions workflow files (`.github/workflows/*.yml`): the YAML
/// loader's findings plus every `workflow/*` rule, in one traversal per file.
public struct WorkflowChecker: Checker {
    /// Path of the action runtimes table; nil reads `<root>/rules/action-runtimes.yaml`.
    public var runtimesPath: String?

    public init(runtimesPath: String? = nil) {
        self.runtimesPath = runtimesPath
    }

    public var kind: CheckerKind { .workflow }

    /// The YAML syntax rules and the workflow rules.
    public var rules: [RuleDescription] { YAMLLoader.rules + WorkflowRules.all }

    public func check(_ file: SourceFile, context: CheckContext) -> [Diagnostic] {
        let loaded = YAMLLoader.load(file)
        var diagnostics = loaded.diagnostics
        guard !loaded.hasErrors, let root = loaded.document else { return diagnostics }
        let path = runtimesPath ?? Self.join(context.root, ActionRuntimes.relativePath)
        var walker = WorkflowWalker(
            file: file, root: context.root, runtimes: ActionRuntimes.load(path: path),
            settings: WorkflowSettings(context.settings(for: "workflow")))
        walker.checkWorkflow(root)
        diagnostics.append(contentsOf: walker.diagnostics)
        return diagnostics
    }

    static func join(_ a: String, _ b: String) -> String {
        if a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }
}

/// The `settings.workflow` options.
struct WorkflowSettings {
    enum Pinning: String { case sha, major, any }
    var selfHostedLabels: Set<String> = []
    var pinning: Pinning = .major

    init(_ node: Node?) {
        if let labels = node?["self-hosted-labels"]?.items {
            selfHostedLabels = Set(labels.compactMap { $0.scalarText?.lowercased() })
        }
        if let p = node?["pinning"]?.scalarText.flatMap({ Pinning(rawValue: $0.lowercased()) }) { pinning = p }
    }
}

/// What an expression may refer to at the place it is written.
struct ExprScope {
    var place: WorkflowData.Place
    /// Lowercased ids of the jobs this job needs (nil outside jobs).
    var needs: Set<String>?
    /// Lowercased step ids of the job (nil: unknown).
    var stepIDs: Set<String>?
    /// Lowercased matrix keys of the job (nil: unknown or computed).
    var matrixKeys: Set<String>?
    /// Lowercased input names of `workflow_dispatch`/`workflow_call` (nil: unknown).
    var inputs: Set<String>?
    /// Lowercased output names of jobs with static outputs, by lowercased job id.
    var jobOutputs: [String: Set<String>] = [:]
    /// Lowercased ids of all jobs (for `jobs.<id>` in workflow_call outputs; nil: not applicable).
    var jobIDs: Set<String>?
    /// Untrusted input here is a script injection (`run:`, github-script `script:`).
    var isScript = false

    /// The same scope at another place.
    func at(_ place: WorkflowData.Place, script: Bool = false) -> ExprScope {
        var s = self
        s.place = place
        s.isScript = script
        return s
    }
}

/// One traversal of one workflow document.
struct WorkflowWalker {
    let file: SourceFile
    let root: String
    let runtimes: ActionRuntimes
    let settings: WorkflowSettings
    var diagnostics: [Diagnostic] = []
    /// Input names declared by `workflow_dispatch` and `workflow_call` (nil: unknown).
    var workflowInputs: Set<String>?
    /// Output names of jobs with static outputs, by lowercased job id.
    var jobOutputs: [String: Set<String>] = [:]
    /// Lowercased ids of all jobs.
    var allJobIDs: Set<String>?
    /// `pull_request_target` or `workflow_run` when the workflow runs with a
    /// privileged token on events from forks.
    var privilegedTrigger: String?
    static let maxValueDepth = 64

    init(file: SourceFile, root: String, runtimes: ActionRuntimes, settings: WorkflowSettings) {
        self.file = file
        self.root = root
        self.runtimes = runtimes
        self.settings = settings
    }

    // MARK: Reporting

    mutating func report(_ rule: RuleDescription, _ message: String, at range: SourceRange) {
        diagnostics.append(rule.diagnostic(message, file: file.path, range: range))
    }

    mutating func report(_ rule: RuleDescription, _ message: String, _ node: Node) {
        report(rule, message, at: node.range)
    }

    mutating func report(_ rule: RuleDescription, _ message: String, byte start: Int, length: Int) {
        report(rule, message, at: file.range(ofBytes: start, start + max(0, length)))
    }

    // MARK: Shape helpers

    func isExpression(_ node: Node) -> Bool {
        node.stringValue?.contains("${{") == true
    }

    func describe(_ node: Node) -> String {
        switch node.value {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let s):
            switch s.kind {
            case .string, .dynamic: return "a string"
            case .number: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            }
        }
    }

    /// The entries of a mapping, or nil after reporting the wrong type.
    mutating func mapping(_ node: Node, _ what: String, allowEmpty: Bool = false) -> [MappingEntry]? {
        guard let entries = node.entries else {
            // A whole value computed by an expression (e.g. `services: ${{ fromJSON(...) }}`) is not checked.
            if isExpression(node) { return nil }
            if node.isNull, !allowEmpty {
                report(WorkflowRules.syntax, "\(what) is empty; add at least one entry or remove the key.", node)
            } else if !node.isNull {
                report(WorkflowRules.syntax, "\(what) must be a mapping, not \(describe(node)); write it as `key: value` entries.", node)
            }
            return nil
        }
        if entries.isEmpty, !allowEmpty {
            report(WorkflowRules.syntax, "\(what) is an empty mapping; add at least one entry or remove the key.", node)
        }
        return entries
    }

    /// Reports keys not in `allowed`, with a suggestion.
    mutating func checkKeys(_ entries: [MappingEntry], _ allowed: Set<String>, in section: String) {
        for e in entries {
            let k = e.keyText
            if !allowed.contains(k) {
                let hint = didYouMean(k, allowed)
                let fix = hint.isEmpty ? " Remove it; allowed keys are \(allowed.sorted().map { "`\($0)`" }.joined(separator: ", "))." : hint
                report(WorkflowRules.syntax, "Unknown key `\(k)` in \(section).\(fix)", e.key)
            }
        }
    }

    /// A boolean, or an expression string.
    mutating func expectBool(_ node: Node, _ what: String) {
        if node.boolValue != nil || isExpression(node) { return }
        report(WorkflowRules.syntax, "`\(what)` must be `true` or `false` (or a `${{ }}` expression), not \(describe(node)) `\(node.scalarText ?? node.description)`.", node)
    }

    /// A string scalar (numbers and booleans are accepted as text).
    mutating func expectScalar(_ node: Node, _ what: String) {
        if let s = node.scalar, s.kind != .null { return }
        report(WorkflowRules.syntax, "`\(what)` must be a string, not \(describe(node)).", node)
    }

    /// A positive number, or an expression.
    mutating func expectTimeout(_ node: Node, _ what: String) {
        if isExpression(node) { return }
        if let v = node.doubleValue, v > 0 { return }
        report(WorkflowRules.syntax, "`\(what)` must be a positive number of minutes (or a `${{ }}` expression), not `\(node.scalarText ?? node.description)`.", node)
    }

    // MARK: Workflow

    mutating func checkWorkflow(_ doc: Node) {
        guard let entries = doc.entries else {
            if !doc.isNull {
                report(WorkflowRules.syntax, "A workflow must be a mapping with `on` and `jobs`, not \(describe(doc)).", doc)
            } else {
                report(WorkflowRules.syntax, "The workflow is empty; add `on:` (its triggers) and `jobs:`.", doc)
            }
            return
        }
        checkKeys(entries, WorkflowData.workflowKeys, in: "the workflow")
        if doc["on"] == nil {
            report(WorkflowRules.syntax, "The workflow has no `on` key; add `on:` with the events that trigger it (e.g. `on: push`).", at: SourceRange(doc.range.start))
        }
        if doc["jobs"] == nil {
            report(WorkflowRules.syntax, "The workflow has no `jobs` key; add `jobs:` with at least one job.", at: SourceRange(doc.range.start))
        }
        var isCallable = false
        if let jobs = doc["jobs"]?.entries {
            // Declared outputs of each job with a static `outputs` mapping (jobs
            // calling reusable workflows get theirs from the callee: unknown).
            allJobIDs = Set(jobs.map { $0.keyText.lowercased() })
            var outputs: [String: Set<String>] = [:]
            for e in jobs where e.value["uses"] == nil {
                if let outs = e.value["outputs"] {
                    guard let list = outs.entries else { continue }
                    outputs[e.keyText.lowercased()] = Set(list.map { $0.keyText.lowercased() })
                } else if e.value.entries != nil {
                    outputs[e.keyText.lowercased()] = []
                }
            }
            jobOutputs = outputs
        }
        if let on = doc["on"] {
            isCallable = checkOn(on)
            workflowInputs = Self.declaredInputs(on)
            let events: [String] = on.stringValue.map { [$0] } ?? on.items?.compactMap(\.stringValue) ?? on.entries?.map(\.keyText) ?? []
            privilegedTrigger = events.first { $0 == "pull_request_target" || $0 == "workflow_run" }
        }
        let workflowScope = ExprScope(place: .runName, inputs: workflowInputs)
        for e in entries {
            switch e.keyText {
            case "name":
                expectScalar(e.value, "name")
                checkExpressions(in: e.value, scope: workflowScope)
            case "run-name":
                expectScalar(e.value, "run-name")
                checkExpressions(in: e.value, scope: workflowScope)
            case "permissions":
                checkPermissions(e.value)
            case "env":
                checkEnv(e.value, scope: workflowScope.at(.workflowEnv))
            case "defaults":
                checkDefaults(e.value, scope: ExprScope(place: .jobDefaultsRun))
            case "concurrency":
                checkConcurrency(e.value, scope: workflowScope.at(.workflowConcurrency))
            default:
                break
            }
        }
        if let jobs = doc["jobs"] {
            checkJobs(jobs, isCallable: isCallable)
        }
    }

    /// Lowercased names of the inputs of `workflow_dispatch` and `workflow_call`;
    /// nil when neither event is configured with a static mapping.
    static func declaredInputs(_ on: Node) -> Set<String>? {
        guard let events = on.entries else { return nil }
        var names: Set<String> = []
        var found = false
        for e in events where e.keyText == "workflow_dispatch" || e.keyText == "workflow_call" {
            found = true
            if e.value.isNull { continue }
            guard let config = e.value.entries else { return nil }
            guard let inputs = config.first(where: { $0.key.scalarText == "inputs" })?.value else { continue }
            if inputs.isNull { continue }
            guard let list = inputs.entries else { return nil }
            for i in list { names.insert(i.keyText.lowercased()) }
        }
        return found ? names : nil
    }

    mutating func checkPermissions(_ node: Node) {
        if let s = node.stringValue {
            if s == "read-all" || s == "write-all" || isExpression(node) { return }
            report(WorkflowRules.permissions, "`permissions: \(s)` is not valid; use `read-all`, `write-all` or a mapping of scopes to `read`, `write` or `none`.\(didYouMean(s, ["read-all", "write-all"]))", node)
            return
        }
        guard let entries = node.entries else {
            if node.isNull { return }
            report(WorkflowRules.permissions, "`permissions` must be `read-all`, `write-all` or a mapping of scopes to levels, not \(describe(node)).", node)
            return
        }
        for e in entries {
            let scope = e.keyText
            guard WorkflowData.permissionScopes.contains(scope) else {
                let hint = didYouMean(scope, WorkflowData.permissionScopes)
                report(WorkflowRules.permissions, "Unknown permission scope `\(scope)`.\(hint.isEmpty ? " Known scopes: \(WorkflowData.permissionScopes.sorted().joined(separator: ", "))." : hint)", e.key)
                continue
            }
            let levels = WorkflowData.permissionLevels(scope)
            guard let level = e.value.scalarText, e.value.scalar?.kind == .string else {
                report(WorkflowRules.permissions, "The level of `\(scope)` must be one of \(levels.map { "`\($0)`" }.joined(separator: ", ")).", e.value)
                continue
            }
            if !levels.contains(level) {
                report(WorkflowRules.permissions, "`\(scope): \(level)` is not valid; `\(scope)` accepts \(levels.map { "`\($0)`" }.joined(separator: ", ")).", e.value)
            }
        }
    }

    mutating func checkEnv(_ node: Node, scope: ExprScope) {
        if isExpression(node) {
            checkExpressions(in: node, scope: scope)
            return
        }
        guard let entries = mapping(node, "`env`", allowEmpty: true) else { return }
        for e in entries {
            let name = e.keyText
            if !name.contains("${{"), !isValidEnvName(name) {
                report(WorkflowRules.envVarName, "Environment variable name `\(name)` is invalid; use letters, digits and `_` (no spaces, `=` or `&`), e.g. `API_URL`.", e.key)
            }
            if e.value.entries != nil || e.value.items != nil {
                report(WorkflowRules.syntax, "The value of environment variable `\(name)` must be a string, number or boolean, not \(describe(e.value)).", e.value)
            }
            checkExpressions(in: e.value, scope: scope)
        }
    }

    func isValidEnvName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        return !name.unicodeScalars.contains { $0 == "=" || $0 == "&" || $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\0" }
    }

    mutating func checkDefaults(_ node: Node, scope: ExprScope) {
        guard let entries = mapping(node, "`defaults`") else { return }
        checkKeys(entries, WorkflowData.defaultsKeys, in: "`defaults`")
        guard let run = node["run"], let runEntries = mapping(run, "`defaults.run`") else { return }
        checkKeys(runEntries, WorkflowData.defaultsRunKeys, in: "`defaults.run`")
        if let shell = run["shell"] { checkShell(shell) }
        for e in runEntries { checkExpressions(in: e.value, scope: scope) }
    }

    mutating func checkConcurrency(_ node: Node, scope: ExprScope) {
        if node.scalar != nil {
            expectScalar(node, "concurrency")
            checkExpressions(in: node, scope: scope)
            return
        }
        guard let entries = mapping(node, "`concurrency`") else { return }
        checkKeys(entries, WorkflowData.concurrencyKeys, in: "`concurrency`")
        if node["group"] == nil {
            report(WorkflowRules.syntax, "`concurrency` has no `group`; add `group:` (e.g. `${{ github.workflow }}-${{ github.ref }}`).", at: SourceRange(node.range.start))
        }
        if let c = node["cancel-in-progress"] { expectBool(c, "cancel-in-progress") }
        for e in entries { checkExpressions(in: e.value, scope: scope) }
    }

    mutating func checkShell(_ node: Node) {
        guard let s = node.stringValue else {
            report(WorkflowRules.shell, "`shell` must be a string such as `bash`, not \(describe(node)).", node)
            return
        }
        if s.contains("${{") || WorkflowData.shells.contains(s.lowercased()) || s.contains("{0}") { return }
        let hint = didYouMean(s, WorkflowData.shells)
        report(WorkflowRules.shell, "Unknown shell `\(s)`; use bash, sh, pwsh, powershell, cmd, python, or a custom command with a `{0}` placeholder for the script path.\(hint)", node)
    }
}
