import LintCore
import LintParsers

extension WorkflowWalker {
    static func isFullSHA(_ s: String) -> Bool {
        s.utf8.count == 40 && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    static func isHex(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    /// `v4`, `v4.1`, `v4.1.2`, `4.1.2`, optionally with a pre-release suffix.
    static func isVersionTag(_ s: String) -> Bool {
        var t = Substring(s)
        if t.first == "v" || t.first == "V" { t = t.dropFirst() }
        let core = t.prefix { $0 != "-" && $0 != "+" }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// The major version of a version tag (`v4.1.2` → 4).
    static func major(_ ref: String) -> Int? {
        guard isVersionTag(ref) else { return nil }
        var t = Substring(ref)
        if t.first == "v" || t.first == "V" { t = t.dropFirst() }
        return Int(t.prefix { $0.isNumber })
    }

    /// A step's `uses`: format, pinning, branch refs, runtimes, local actions.
    mutating func checkStepUses(_ node: Node, step: Node, relocatedCheckout: Bool) {
        guard let uses = node.stringValue else {
            report(WorkflowRules.actionRef, "`uses` must be a string such as `actions/checkout@v5`, not \(describe(node)).", node)
            return
        }
        if uses.contains("${{") {
            report(WorkflowRules.actionRef, "`uses` cannot contain a `${{ }}` expression; write the action and its version literally (e.g. `actions/checkout@v5`).", node)
            return
        }
        if uses.hasPrefix("docker://") {
            if uses.count == "docker://".count {
                report(WorkflowRules.actionRef, "`docker://` needs an image, e.g. `docker://alpine:3.20`.", node)
            }
            return
        }
        if uses.hasPrefix("./") || uses == "." {
            checkLocalAction(uses, node: node, step: step, relocatedCheckout: relocatedCheckout)
            return
        }
        let text = ScalarText(node: node, text: uses, file: file)
        let scalars = text.scalars
        guard let at = scalars.lastIndex(of: "@") else {
            report(WorkflowRules.actionRef, "`\(uses)` has no version; write `owner/repo@ref` (e.g. `\(uses)@v1` or a full commit SHA), `./path` for a local action, or `docker://image`.", node)
            return
        }
        let name = String(String.UnicodeScalarView(scalars[..<at]))
        let ref = String(String.UnicodeScalarView(scalars[(at + 1)...]))
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let badChar = uses.unicodeScalars.contains { $0 == " " || $0 == "\t" || $0 == "\n" }
        if parts.count < 2 || parts[0].isEmpty || parts[1].isEmpty || ref.isEmpty || ref.contains("@") || badChar || parts.dropFirst(2).contains(where: \.isEmpty) {
            report(WorkflowRules.actionRef, "`\(uses)` is not a valid action reference; write `owner/repo[/path]@ref`, `./path` for a local action, or `docker://image`.", node)
            return
        }
        let refByte = text.offset(at: at + 1)
        let refLength = ref.utf8.count
        let lowerRef = ref.lowercased()
        if lowerRef == "main" || lowerRef == "master" {
            report(WorkflowRules.actionBranchRef, "`\(name)@\(ref)` follows a branch, so the action can change under you at any time; pin a release tag such as `@v1` or a full commit SHA.", byte: refByte, length: refLength)
        } else {
            switch settings.pinning {
            case .any:
                break
            case .sha:
                if !Self.isFullSHA(ref) {
                    report(WorkflowRules.actionPinning, "`\(name)@\(ref)` is not pinned to a full commit SHA, as the pinning policy `sha` requires; use `\(name)@<40-hex SHA> # \(ref)`.", byte: refByte, length: refLength)
                }
            case .major:
                if !Self.isFullSHA(ref) && !Self.isVersionTag(ref) {
                    let what = Self.isHex(ref) && ref.count >= 7 ? "a short commit SHA" : "neither a version tag nor a full commit SHA"
                    report(WorkflowRules.actionPinning, "The ref `\(ref)` of `\(name)` is \(what); use a version tag such as `v1` or a full 40-character commit SHA.", byte: refByte, length: refLength)
                }
            }
        }
        checkRuntime(name: name, ref: ref, byte: refByte, length: refLength)
    }

    mutating func checkRuntime(name: String, ref: String, byte: Int, length: Int) {
        guard let entry = runtimes.actions[name.lowercased()], let major = Self.major(ref) else { return }
        let latest = entry.majors.keys.max() ?? major
        if let below = entry.removedBelow, major < below {
            let since = entry.removedOn.map { " since \($0)" } ?? ""
            report(WorkflowRules.actionRuntime, "`\(name)@\(ref)` is no longer accepted by GitHub (workflows using it fail\(since)); upgrade to `\(name)@v\(latest)`.", byte: byte, length: length)
            return
        }
        guard let runtime = entry.majors[major] else { return }
        switch runtime {
        case "node12", "node16":
            report(WorkflowRules.actionRuntime, "`\(name)@\(ref)` runs on \(runtime), which GitHub-hosted runners no longer support; upgrade to `\(name)@v\(latest)`.", byte: byte, length: length)
        case "node20":
            report(WorkflowRules.actionNode20, "`\(name)@\(ref)` runs on node20, which is deprecated: GitHub plans to run node20 actions on node24 from \(runtimes.node20ForcedOn); upgrade to `\(name)@v\(latest)`.", byte: byte, length: length)
        default:
            break
        }
    }

    // MARK: Local actions and reusable workflows

    func readLocal(_ relative: String) -> Node? {
        var rel = Substring(relative)
        while rel.hasPrefix("./") { rel = rel.dropFirst(2) }
        let path = WorkflowChecker.join(root, String(rel))
        guard let bytes = try? FileIO.readBytes(path) else { return nil }
        let loaded = YAMLLoader.load(SourceFile(path: path, bytes: bytes))
        return loaded.hasErrors ? Node(.mapping([]), range: .fileStart) : (loaded.document ?? Node(.mapping([]), range: .fileStart))
    }

    /// `relocatedCheckout`: an earlier step checked out code with `path:` or
    /// `repository:`, so the local path may only exist at run time.
    mutating func checkLocalAction(_ uses: String, node: Node, step: Node, relocatedCheckout: Bool) {
        var dir = uses
        while dir.hasSuffix("/") { dir.removeLast() }
        guard let action = readLocal(dir + "/action.yml") ?? readLocal(dir + "/action.yaml") else {
            if relocatedCheckout { return }
            report(WorkflowRules.localReference, "Local action `\(uses)` not found: there is no `action.yml` or `action.yaml` in `\(dir)` (relative to the repository root); fix the path.", node)
            return
        }
        checkWithInputs(declared: action["inputs"], with: step.entry("with"), at: node, what: "action `\(uses)`", callable: false)
    }

    mutating func checkWorkflowCall(_ job: Node, uses node: Node) {
        guard let uses = node.stringValue else {
            report(WorkflowRules.actionRef, "`uses` must be a reusable workflow path, not \(describe(node)).", node)
            return
        }
        if uses.contains("${{") {
            report(WorkflowRules.actionRef, "`uses` cannot contain a `${{ }}` expression; write the workflow path literally.", node)
            return
        }
        if uses.hasPrefix("./") {
            let lower = uses.lowercased()
            guard lower.hasPrefix("./.github/workflows/"), lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") else {
                report(WorkflowRules.actionRef, "A local reusable workflow must be `./.github/workflows/<file>.yml`, not `\(uses)`.", node)
                return
            }
            guard let called = readLocal(uses) else {
                report(WorkflowRules.localReference, "Reusable workflow `\(uses)` not found (relative to the repository root); fix the path.", node)
                return
            }
            let on = called["on"]
            let call: Node?
            if let s = on?.stringValue { call = s == "workflow_call" ? Node(.scalar(.null), range: node.range) : nil } else if let items = on?.items {
                call = items.contains { $0.stringValue == "workflow_call" } ? Node(.scalar(.null), range: node.range) : nil
            } else if let e = on?.entry("workflow_call") {
                call = e.value
            } else {
                call = nil
            }
            guard let call else {
                report(WorkflowRules.localReference, "`\(uses)` is not a reusable workflow: it has no `workflow_call` trigger; add `on: workflow_call` to it.", node)
                return
            }
            checkWithInputs(declared: call["inputs"], with: job.entry("with"), at: node, what: "workflow `\(uses)`", callable: true)
            return
        }
        // owner/repo/.github/workflows/file.yml@ref
        guard let at = uses.lastIndex(of: "@") else {
            report(WorkflowRules.actionRef, "`\(uses)` has no version; write `owner/repo/.github/workflows/<file>.yml@ref` or `./.github/workflows/<file>.yml`.", node)
            return
        }
        let path = uses[..<at].split(separator: "/", omittingEmptySubsequences: false)
        if path.count < 5 || path[2] != ".github" || path[3] != "workflows" || uses[uses.index(after: at)...].isEmpty {
            report(WorkflowRules.actionRef, "`\(uses)` is not a valid reusable workflow reference; write `owner/repo/.github/workflows/<file>.yml@ref` or `./.github/workflows/<file>.yml`.", node)
        }
    }

    /// Checks `with:` against declared inputs: unknown inputs and missing required ones.
    mutating func checkWithInputs(declared: Node?, with: MappingEntry?, at node: Node, what: String, callable: Bool) {
        let inputs = declared?.entries ?? []
        var known: [String: Node] = [:]
        for e in inputs { known[e.keyText.lowercased()] = e.value }
        let given = with?.value.entries ?? []
        var givenNames: Set<String> = []
        for g in given {
            let k = g.keyText.lowercased()
            givenNames.insert(k)
            if known[k] == nil {
                let names = inputs.map(\.keyText)
                let hint = didYouMean(g.keyText, names)
                report(WorkflowRules.localReference, "Input `\(g.keyText)` is not defined by \(what).\(hint.isEmpty ? (names.isEmpty ? " It takes no inputs; remove it." : " Its inputs are \(names.map { "`\($0)`" }.joined(separator: ", ")).") : hint)", g.key)
            }
        }
        if with?.value.stringValue?.contains("${{") == true { return }
        var missing: [String] = []
        for e in inputs where e.value["required"]?.boolValue == true && e.value["default"] == nil && !givenNames.contains(e.keyText.lowercased()) {
            missing.append(e.keyText)
        }
        if !missing.isEmpty {
            report(WorkflowRules.localReference, "Required input\(missing.count == 1 ? "" : "s") \(missing.map { "`\($0)`" }.joined(separator: ", ")) of \(what) \(missing.count == 1 ? "is" : "are") missing; add \(missing.count == 1 ? "it" : "them") under `with:`.", node)
        }
    }
}
